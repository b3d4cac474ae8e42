import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { tempDir } from '../test/store/synthFixtures';
import { openUrl, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test("exports that local government systems take: a chosen CRS, the tab's name, geo formats only with geometry, status cleared by a new result", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(openUrl());
  // the first load on a busy machine takes longer than the usual 20 s
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | select PNU, JIBUN, SAN, SOURCE_DATE | take 20");
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '20', { timeout: 20_000 });
  const dir = tempDir('e2e-export-crs');

  await page.getByTestId('export-crs').selectOption('5186');
  await expect(page.getByTestId('export-crs')).toHaveAccessibleName('내보낼 좌표계');
  const [shp] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-shapefile').click()]);
  expect(shp.suggestedFilename()).toBe('쿼리 1.zip');
  const zip = `${dir}/shp.zip`;
  await shp.saveAs(zip);
  await expect(page.getByTestId('export-progress')).toHaveAttribute('data-phase', 'done');
  const prj = execFileSync('gdalsrsinfo', ['-e', `/vsizip/${zip}/쿼리 1.prj`], { encoding: 'utf8' });
  expect(prj).toContain('EPSG:5186');
  const info = execFileSync('ogrinfo', ['-al', '-so', `/vsizip/${zip}/쿼리 1.shp`], { encoding: 'utf8' });
  expect(info).toContain('Feature Count: 20');
  expect(info).toMatch(/SOURCE_DAT: Date/);
  // metres in the central belt 2010 (false northing 600 km), not degrees
  expect(info).toMatch(/Extent: \(\d{6}\.\d+, \d{6}\.\d+\)/);
  await page.screenshot({ path: '/tmp/pilji-export-crs-1366.png' });

  // a stats result has no geometry: CSV and Parquet only, no CRS to choose; the old export's status goes
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | stats count() by JIMOK");
  await expect(page.getByTestId('result-summary')).not.toHaveAttribute('data-rows', '20');
  await expect(page.getByTestId('export-progress')).toHaveCount(0);
  await expect(page.getByTestId('export-csv')).toBeVisible();
  await expect(page.getByTestId('export-parquet')).toHaveText('Parquet');
  await expect(page.getByTestId('export-shapefile')).toHaveCount(0);
  await expect(page.getByTestId('export-geojson')).toHaveCount(0);
  await expect(page.getByTestId('export-crs')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/pilji-export-stats-1366.png' });
});
