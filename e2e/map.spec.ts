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

test('export the result as GeoJSON and CSV: downloads that an independent reader reads back', async ({ page }) => {
  const { execFileSync } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const { tempDir } = await import('../test/store/synthFixtures');
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NM == '중구' and JIMOK == '대' | select PNU, JIBUN, JIMOK, AREA_M2");
  const rows = Number(await page.getByTestId('result-summary').getAttribute('data-rows', { timeout: 20_000 }));
  expect(rows).toBeGreaterThan(0);
  const dir = tempDir('e2e-export');

  const [geo] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-geojson').click()]);
  expect(geo.suggestedFilename()).toBe('쿼리 1.geojson'); // named after the tab
  const geoFile = `${dir}/result.geojson`;
  await geo.saveAs(geoFile);
  const info = execFileSync('ogrinfo', ['-al', '-so', geoFile], { encoding: 'utf8' });
  expect(info).toContain(`Feature Count: ${rows}`);
  expect(info).toMatch(/Geometry: Polygon/);
  // the results pane says how far the host got: every feature written, the bytes the file has
  const progress = page.getByTestId('export-progress');
  await expect(progress).toHaveAttribute('data-phase', 'done');
  await expect(progress).toHaveAttribute('data-rows', String(rows));
  await expect(progress).toHaveAttribute('data-bytes', String(readFileSync(geoFile).length));
  const doc = JSON.parse(readFileSync(geoFile, 'utf8')) as { features: { properties: { PNU: unknown; JIMOK: unknown } }[] };
  expect(doc.features.every((f) => typeof f.properties.PNU === 'string' && f.properties.JIMOK === '대')).toBe(true);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csvFile = `${dir}/result.csv`;
  await csv.saveAs(csvFile);
  const text = readFileSync(csvFile, 'utf8');
  expect(text.startsWith('\uFEFFPNU,JIBUN,JIMOK,AREA_M2,geometry\r\n')).toBe(true);
  expect(text.trim().split('\r\n')).toHaveLength(rows + 1);
  expect(text).toContain('POLYGON ((');
});

test('results kept on the map as layers: shown under the live result, hidden, reordered, removed', async ({ page }) => {
  await openApp(page);
  const map = page.getByTestId('map');
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 300");
  await expect(map).toHaveAttribute('data-drawn-polygons', '300');
  await page.getByTestId('pin-result').click();
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | take 200");
  await expect(map).toHaveAttribute('data-drawn-polygons', '200');
  await expect(map).toHaveAttribute('data-pinned', 'pinned-1:300'); // still drawn, under the live result
  await page.getByTestId('pin-result').click();

  const layers = page.getByTestId('layer');
  await expect(layers).toHaveCount(3);
  await expect(layers.nth(0)).toHaveAttribute('data-layer-id', 'result');
  await expect(layers.nth(1)).toHaveAttribute('data-layer-id', 'pinned-2'); // the newest pinned is on top
  await expect(map).toHaveAttribute('data-pinned', 'pinned-1:300,pinned-2:200'); // drawing order: bottom first
  await page.screenshot({ path: 'e2e/__screenshots__/map-layers.png' });

  await layers.nth(2).getByTestId('layer-up').click();
  await expect(layers.nth(1)).toHaveAttribute('data-layer-id', 'pinned-1');
  await expect(map).toHaveAttribute('data-pinned', 'pinned-2:200,pinned-1:300');

  await layers.nth(2).getByTestId('layer-visible').uncheck(); // pinned-2 hidden
  await expect(map).toHaveAttribute('data-pinned', 'pinned-1:300');
  await layers.nth(0).locator('input').uncheck(); // the live result hidden
  await expect(map).toHaveAttribute('data-drawn-polygons', '0');
  await layers.nth(1).getByTestId('layer-remove').click();
  await expect(layers).toHaveCount(2);
  await expect(map).toHaveAttribute('data-pinned', '');
});
