import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ShapefileWriter } from '../electron/export/shapefileWriter';
import { esriPrj } from '../electron/store/crs/fromWgs84';
import { tempDir } from '../test/store/synthFixtures';
import { openApp, startOwnServer, typeAndRun } from './helpers';

/** WCAG 2.1 AA, which KWCAG 2.2 follows: the rules axe-core tags for it. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${JSON.stringify(n.any[0]?.data)}`).join(' | ')}`,
  );
}

test('every pane meets WCAG 2.1 AA as axe-core checks it, before and after a query', async ({ page }) => {
  // the first page of a fresh host can take long on a busy machine (openApp waits 90 s for it)
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  expect(await violations(page)).toEqual([]);
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 50");
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '50');
  expect(await violations(page)).toEqual([]);
});

/** Files dropped on an element as from the file manager: names and bytes. */
async function drop(page: Page, selector: string, files: Record<string, number[]>): Promise<void> {
  const dt = await page.evaluateHandle((f) => {
    const t = new DataTransfer();
    for (const [name, bytes] of Object.entries(f)) t.items.add(new File([new Uint8Array(bytes)], name));
    return t;
  }, files);
  await page.locator(selector).dispatchEvent('drop', { dataTransfer: dt });
}

/** A one-parcel 연속지적도 shapefile set (PNU and JIBUN columns), as bytes by file name. */
async function cadastralShapefile(): Promise<Record<string, number[]>> {
  const dir = tempDir('e2e-axe');
  const base = 'LSMD_CONT_LDREG_11110';
  const w = new ShapefileWriter({
    base: path.join(dir, base),
    fields: ['PNU', 'JIBUN'].map((name) => ({ name, type: 'C' as const, length: 19 })),
    encoding: 'cp949',
    prj: esriPrj(4326),
  });
  await w.write([[[127, 37.5, 127.001, 37.5, 127.001, 37.501, 127, 37.5]]], ['1111010100100010000', '1 대']);
  await w.close();
  return Object.fromEntries(
    ['shp', 'shx', 'dbf', 'prj'].map((ext) => [`${base}.${ext}`, [...readFileSync(path.join(dir, `${base}.${ext}`))]]),
  );
}

test('every dialog and panel the app opens meets WCAG 2.1 AA too', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // a host of its own: models are registered and a store imported here
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
    const checked: Record<string, string[]> = {};
    const check = async (what: string) => {
      checked[what] = await violations(page);
    };

    // model registration: the mapping, then its match report and the unmatched rows
    const csv = '순번,소재지,비고\n1,서울 종로구 이화동 21-3,있음\n2,서울특별시 종로구 송월동 922,없는 번지\n';
    await drop(page, '[data-testid=models-panel]', { '요청 목록.csv': [...Buffer.from(csv)] });
    const model = page.getByTestId('model-dialog');
    await expect(page.getByTestId('map-address')).toHaveValue('소재지');
    await check('model mapping');
    await page.getByTestId('confirm-mapping').click();
    await expect(page.getByTestId('show-unmatched')).toBeVisible();
    await check('model match report');
    await page.getByTestId('show-unmatched').click();
    await expect(page.getByTestId('unmatched-rows')).toContainText('없는 번지');
    await check('unmatched rows');
    await page.getByTestId('model-close').click();
    await expect(model).toHaveCount(0);

    // the question on a dropped 연속지적도, then its import (progress and report)
    const shp = await cadastralShapefile();
    await drop(page, '[data-testid=models-panel]', shp);
    await expect(page.getByTestId('drop-choice')).toBeVisible();
    await check('drop choice');
    await page.getByTestId('drop-as-cadastral').click();
    // (one parcel without the other 연속지적도 columns: imported, or refused with its reason; either is shown)
    await expect(page.locator('[data-testid=import-result], [data-testid=import-error]')).toBeVisible({ timeout: 120_000 });
    await check('import report');

    // the shortcut list, the basemap settings, the query library
    await page.getByTestId('shortcut-help').click();
    await expect(page.getByTestId('shortcut-dialog')).toBeVisible();
    await check('shortcut list');
    await page.keyboard.press('Escape');
    await page.getByTestId('basemap-button').click();
    await expect(page.getByTestId('basemap-form')).toBeVisible();
    await check('basemap settings');
    await page.getByTestId('basemap-button').click();
    await page.getByTestId('library-toggle').click();
    await expect(page.getByTestId('query-library')).toBeVisible();
    await check('query library');
    await page.getByTestId('library-toggle').click();

    // a failed run's panel; a result with its export under way and a measurement on the map
    await typeAndRun(page, "parcels | where NO_SUCH == '종로구'");
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'error');
    await check('run error');
    await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 50");
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '50');
    await page.getByTestId('export-csv').click();
    await expect(page.getByTestId('message')).toContainText('CSV');
    await page.getByTestId('measure-area').click();
    await expect(page.getByTestId('measure-readout')).toBeVisible();
    await check('export and measurement');

    expect(checked).toEqual(Object.fromEntries(Object.keys(checked).map((k) => [k, []])));
    expect(Object.keys(checked)).toHaveLength(10);
  } finally {
    server.stop();
  }
});
