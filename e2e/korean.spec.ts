import { expect, test } from '@playwright/test';
import { openApp, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test("Korean throughout: status messages, legend values and the map's and editor's accessible names, all re-worded in English", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await expect(page.getByRole('textbox', { name: '쿼리 편집기' })).toBeVisible();
  await expect(page.getByRole('region', { name: '지도' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '확대' })).toBeVisible();
  await expect(page.getByRole('button', { name: '축소' })).toBeVisible();

  await typeAndRun(
    page,
    `sql "SELECT PNU, geometry, CASE WHEN BONBUN % 2 = 0 THEN 'not_found' ELSE 'matched' END AS match_status FROM parcels WHERE SGG_NM = '중구' ORDER BY PNU LIMIT 1200" | map color=match_status`,
  );
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '1000');
  const message = page.getByTestId('message');
  await expect(message).toHaveText(/^1,000행 · [\d,]+ ms$/);
  const legend = page.getByTestId('legend-items');
  await expect(legend).toContainText('필지 없음');
  await expect(legend).toContainText('일치');
  await expect(legend).not.toContainText('not_found');
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '1000');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/pilji-korean.png' });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(message).toHaveText(/^1,000 rows · [\d,]+ ms$/);
  await expect(legend).toContainText('no such parcel');
  await expect(page.getByRole('textbox', { name: 'Query editor' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Map' }).first()).toBeVisible();
  await page.getByRole('button', { name: '한국어' }).click();
  await expect(page.getByRole('button', { name: '확대' })).toBeVisible();
});
