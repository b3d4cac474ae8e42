import { createWriteStream, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import yazl from 'yazl';
import { writeVWorldArchive } from '../bench/synth/cadastralShapefile';
import { generateSggParcels } from '../bench/synth/parcelGenerator';
import { bjdTable, synthShapefile, tempDir } from '../test/store/synthFixtures';
import { startOwnServer, typeAndRun } from './helpers';

test('importing a cp949 shapefile set from the UI shows progress, the report counts and the parcels on the map', async ({ page }) => {
  const dir = tempDir('e2e-import');
  const w = await synthShapefile('11110', 1500, {
    dir,
    name: 'AL_11_D002_20240630',
    schema: 'nsdi',
    epsg: 5174,
    encoding: 'cp949',
    cpg: false,
    defectRate: 0.02,
    decorateRate: 0.05,
  });
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await page.getByTestId('import-input').setInputFiles(readdirSync(dir).map((f) => path.join(dir, f)));
    const result = page.getByTestId('import-result');
    await expect(result).toHaveAttribute('data-imported', String(w.validPnus.length));
    await expect(result).toHaveAttribute('data-rejected', String(w.defects.length));
    await page.getByTestId('import-switch').click(); // an import offers the switch to the store it built
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

test('importing a ZIP of two 시군구 from the UI: both read, counted, shown in the status bar', async ({ page }) => {
  test.setTimeout(180_000); // generating, zipping, uploading and importing 1,300 parcels on a loaded 2-core machine
  const src = tempDir('e2e-zip');
  const jongno = await synthShapefile('11110', 800, {
    dir: path.join(src, 'a'),
    name: 'LSMD_CONT_LDREG_11110_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    defectRate: 0.02,
  });
  const jung = await synthShapefile('11140', 500, {
    dir: path.join(src, 'b'),
    name: 'LSMD_CONT_LDREG_11140_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    seed: 3,
  });
  const zip = new yazl.ZipFile();
  for (const [w, folder] of [
    [jongno, '서울/종로구'],
    [jung, '서울/중구'],
  ] as const) {
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) zip.addFile(`${w.base}.${ext}`, `${folder}/${path.basename(w.base)}.${ext}`);
  }
  zip.end();
  const file = path.join(src, '서울_연속지적도.zip');
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject));
  const server = await startOwnServer();
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 60_000 });
    await page.getByTestId('import-input').setInputFiles([file]);
    const result = page.getByTestId('import-result');
    await expect(result).toHaveAttribute('data-imported', String(jongno.validPnus.length + jung.validPnus.length), { timeout: 60_000 });
    await expect(result).toHaveAttribute('data-rejected', String(jongno.defects.length + jung.defects.length));
    await expect(page.getByTestId('import-error')).toHaveCount(0);
    await page.getByTestId('import-switch').click();
    await expect(page.getByTestId('store-status')).toContainText((jongno.validPnus.length + jung.validPnus.length).toLocaleString('en-US'));
    await page.screenshot({ path: 'e2e/__screenshots__/imported-zip.png' });
  } finally {
    server.stop();
  }
});

test('importing a V-World download (AL_D002, two pieces, a .cpg saying UTF-8 over cp949) from the UI', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = tempDir('e2e-vworld');
  const parcels = [...generateSggParcels(bjdTable, '11110', 700, 5), ...generateSggParcels(bjdTable, '11140', 400, 6)];
  const { zip, pieces } = await writeVWorldArchive(bjdTable, parcels, {
    dir,
    sido: '11',
    date: '2024-06-30',
    pieceRecords: 600,
    defectRate: 0.02,
  });
  const valid = pieces.reduce((n, p) => n + p.validPnus.length, 0);
  const server = await startOwnServer();
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 60_000 });
    await page.getByTestId('import-input').setInputFiles([zip]);
    const result = page.getByTestId('import-result');
    await expect(result).toHaveAttribute('data-imported', String(valid), { timeout: 90_000 });
    await expect(result).toHaveAttribute('data-rejected', String(pieces.reduce((n, p) => n + p.defects.length, 0)));
    await expect(page.getByTestId('import-warnings')).toContainText(
      'AL_D002_11_20240630.zip:AL_D002_11_20240630_1: its .cpg says UTF-8 but the text is cp949; read as cp949',
    );
    await expect(page.getByTestId('import-warnings')).toContainText('AL_D002_11_20240630.zip:AL_D002_11_20240630_2: its .cpg says UTF-8');
    await page.getByTestId('import-switch').click();
    await expect(page.getByTestId('store-status')).toContainText(valid.toLocaleString('en-US'));
    await expect(page.getByTestId('store-status')).toContainText('서울특별시 중구');
    await page.screenshot({ path: 'e2e/__screenshots__/imported-vworld.png' });
  } finally {
    server.stop();
  }
});
