import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { startOwnServer, typeAndRun } from './helpers';

// The bundled sample's address list: rows 1-60 hold 59 parcels of the sample store and one
// (번호 50) whose lot does not exist there. Two more rows cannot be read at all.
const sample = readFileSync(path.join(import.meta.dirname, '..', 'assets', 'sample', 'addresses.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split(/\r?\n/);
const rows = sample.slice(1, 61).map((line) => {
  const [번호, 소재지, 신청인] = line.split(',');
  return [`A${번호!.padStart(4, '0')}`, 소재지!, 신청인!];
});
const CSV = ['관리번호,토지소재지,신청인', ...rows.map((r) => r.join(',')), 'A9001,서울 없는구 청운동 1,오류1', 'A9002,,오류2'].join(
  '\r\n',
);

test('dropping a cp949 CSV registers a model; the confirmed mapping finds its parcels on the map with a report of the rest', async ({
  page,
}) => {
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');

    // a real drop of a file onto the panel, as from the file manager
    const bytes = [...iconv.encode(CSV, 'cp949')];
    const drop = await page.evaluateHandle((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], '신청 목록.csv', { type: 'text/csv' }));
      return dt;
    }, bytes);
    await page.getByTestId('models-panel').dispatchEvent('drop', { dataTransfer: drop });

    const dialog = page.getByTestId('model-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('신청_목록');
    await expect(dialog).toContainText('cp949');
    await expect(dialog.locator('.samples')).toContainText('서울 종로구 이화동 21-3'); // decoded, not mojibake
    await expect(page.getByTestId('kind-address')).toBeChecked();
    await expect(page.getByTestId('map-address')).toHaveValue('토지소재지');
    await page.getByTestId('confirm-mapping').click();
    await expect(page.getByTestId('count-matched')).toHaveAttribute('data-count', '59');
    await expect(page.getByTestId('count-not_found')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('count-invalid')).toHaveAttribute('data-count', '2');
    await page.getByTestId('show-unmatched').click();
    await expect(page.getByTestId('unmatched-rows')).toContainText('서울 없는구 청운동 1');
    await page.screenshot({ path: 'e2e/__screenshots__/model-mapping-report.png' });
    await page.getByTestId('model-close').click();

    await typeAndRun(page, 'from 신청_목록 | parcel_join address=토지소재지');
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '59');
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '59');
    await expect(page.getByTestId('unmatched-badge')).toHaveText('3');
    await page.getByTestId('report-tab').click();
    await page.getByTestId('show-unmatched').click();
    const unmatched = page.getByTestId('unmatched-table');
    await expect(unmatched).toContainText('송월동 922');
    // reasons in the UI's language (Korean by default), from the shared catalogue
    await expect(unmatched).toContainText('저장소에 필지 1111017800109220000 없음 (서울특별시 종로구 송월동)');
    await expect(unmatched).toContainText('주소가 비어 있음');
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'e2e/__screenshots__/parcel-join-unmatched.png' });
  } finally {
    server.stop();
  }
});

test("a GeoJSON of the analyst's own polygons and points registers and draws on the map", async ({ page }) => {
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    const square = (lon: number, lat: number) => [
      [
        [lon, lat],
        [lon + 0.001, lat],
        [lon + 0.001, lat + 0.001],
        [lon, lat + 0.001],
        [lon, lat],
      ],
    ];
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 지구명: '1지구' }, geometry: { type: 'Polygon', coordinates: square(126.975, 37.57) } },
        { type: 'Feature', properties: { 지구명: '2지구' }, geometry: { type: 'Polygon', coordinates: square(126.98, 37.575) } },
        { type: 'Feature', properties: { 지구명: '민원 지점' }, geometry: { type: 'Point', coordinates: [126.978, 37.573] } },
      ],
    });
    await page
      .getByTestId('model-input')
      .setInputFiles({ name: '사업지구.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) });
    await expect(page.getByTestId('model-dialog')).toContainText('사업지구');
    await page.getByTestId('show-model').click();
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '3');
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '2');
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-points', '1');
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/__screenshots__/own-shapes.png' });
  } finally {
    server.stop();
  }
});
