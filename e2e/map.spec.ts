import { expect, test } from '@playwright/test';
import { openApp, typeAndRun } from './helpers';

test('colour by 지목 with a legend; hover shows the parcel, a click selects its table row', async ({ page }) => {
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 300 | map color=JIMOK");
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-drawn-polygons', '300');
  await expect(map).toHaveAttribute('data-color-by', 'JIMOK');
  const legend = page.getByTestId('legend-items');
  await expect(legend).toContainText('임 (임야)');
  const counts = await legend.locator('.num').allTextContents();
  expect(counts.reduce((a, c) => a + Number(c.replace(/,/g, '')), 0)).toBe(300);
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'e2e/__screenshots__/map-jimok-legend.png' });

  // the legend's control recolours by another column
  await page.getByTestId('color-by').selectOption('AREA_M2');
  await expect(map).toHaveAttribute('data-color-by', 'AREA_M2');
  await expect(legend.locator('li')).toHaveCount(5);

  // one parcel fills the view: hover it, then click it
  await typeAndRun(page, "parcels | where PNU == '1111010100200060000'");
  await expect(map).toHaveAttribute('data-drawn-polygons', '1');
  await page.waitForTimeout(300);
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.locator('.deck-tooltip')).toContainText('PNU: 1111010100200060000');
  await expect(page.locator('.deck-tooltip')).toContainText('JIMOK: 임');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('results-table').locator('[role=row][aria-rowindex="1"]')).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: 'e2e/__screenshots__/map-selected.png' });
});
