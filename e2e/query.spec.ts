import { expect, test } from '@playwright/test';
import { openApp, typeAndRun } from './helpers';

test('a typed query draws exactly the returned parcels on the map and in the table', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 500");

  const summary = page.getByTestId('result-summary');
  await expect(summary).toHaveAttribute('data-rows', '500');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-drawn-polygons', '500');
  await expect(page.getByTestId('results-table').locator('[role=row][aria-rowindex="1"]')).toContainText('종로구');

  // The SQL tab shows the generated statement.
  await page.getByTestId('sql-tab').click();
  await expect(page.getByTestId('sql-text')).toContainText('LIMIT 500');

  await page.waitForTimeout(500);
  await page.screenshot({ path: 'e2e/__screenshots__/query-jongno-500.png' });
  expect(errors).toEqual([]);
});

test('a query with a mistake shows the located error and draws nothing new', async ({ page }) => {
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NMM == '종로구'");
  await expect(page.getByTestId('diagnostic')).toContainText("1:17 unknown column 'SGG_NMM' — did you mean 'SGG_NM'?");
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
});

test('a stats query fills the table without polygons', async ({ page }) => {
  await openApp(page);
  await typeAndRun(page, 'parcels | stats count() by SI_NM');
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '3');
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '0');
});
