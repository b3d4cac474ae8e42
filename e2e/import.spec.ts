import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { synthShapefile, tempDir } from '../test/store/synthFixtures';
import { startOwnServer, typeAndRun } from './helpers';

test('importing a cp949 shapefile set from the UI shows progress, the report counts and the parcels on the map', async ({ page }) => {
  const dir = tempDir('e2e-import');
  const w = await synthShapefile('11110', 1500, { dir, name: 'AL_11_D002_20240630', schema: 'nsdi', epsg: 5174, encoding: 'cp949', cpg: false, defectRate: 0.02, decorateRate: 0.05 });
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await page.getByTestId('import-input').setInputFiles(readdirSync(dir).map((f) => path.join(dir, f)));
    const result = page.getByTestId('import-result');
    await expect(result).toHaveAttribute('data-imported', String(w.validPnus.length));
    await expect(result).toHaveAttribute('data-rejected', String(w.defects.length));
    await expect(page.getByTestId('store-status')).toContainText(`${w.validPnus.length.toLocaleString('en-US')}`);
    await expect(page.getByTestId('store-status')).toContainText('서울특별시 종로구');

    await typeAndRun(page, "parcels | where EMD_NM == '사직동' or EMD_NM == '청운동' or EMD_NM == '내수동'");
    const rows = await page.getByTestId('result-summary').getAttribute('data-rows', { timeout: 20_000 });
    expect(Number(rows)).toBeGreaterThan(0);
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', rows!);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'e2e/__screenshots__/imported-region.png' });
  } finally {
    server.stop();
  }
});
