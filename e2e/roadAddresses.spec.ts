import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { startOwnServer } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

const SAMPLE = path.join(import.meta.dirname, '..', 'assets', 'sample');
// The bundled mixed list: 60 rows, odd ones 도로명 and even ones 지번, every one a sample parcel.
const mixed = readFileSync(path.join(SAMPLE, 'addresses_mixed.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .trimEnd();
// Road addresses a list gets wrong, each refused with its own reason (no parcel guessed).
const WRONG = [
  '61,서울특별시 종로구 없는길 5,없는 도로',
  '62,서울특별시 종로구 다산로 73,다른 구의 도로',
  '63,서울특별시 중구 다산로 9999,없는 건물번호',
  '64,서울특별시 중구 다산로 지하 73,지상 건물',
];

/** The live road addresses of the sample 도로명주소 DB files (이동사유코드 63 is 폐지). */
function sampleAddresses(): number {
  const dir = path.join(SAMPLE, 'juso');
  return ['seoul', 'gangwon', 'jeonbuk']
    .flatMap((s) =>
      iconv
        .decode(readFileSync(path.join(dir, `rnaddrkor_${s}.txt`)), 'cp949')
        .trim()
        .split(/\r?\n/),
    )
    .filter((l) => l.split('|')[20] !== '63').length;
}

test('on the first screen a mixed 지번/도로명 list matches through the sample 도로명주소 DB, draws, and says in Korean why the rest did not', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });

    // the sample store comes with its sample 도로명주소 DB, marked as such, with its vintage and counts
    const info = page.getByTestId('juso-info');
    await expect(info).toHaveAttribute('data-sample', 'true');
    await expect(info).toContainText(`예제 (예제 저장소 전용) · 2024-10-31 · ${sampleAddresses().toLocaleString('en')} 개 도로명주소`);
    await info.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/__screenshots__/road-sample-db.png' });

    const csv = [mixed, ...WRONG].join('\r\n');
    const drop = await page.evaluateHandle(
      (b) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], '도로명 섞인 목록.csv', { type: 'text/csv' }));
        return dt;
      },
      [...Buffer.from(csv, 'utf8')],
    );
    await page.getByTestId('models-panel').dispatchEvent('drop', { dataTransfer: drop });
    await expect(page.getByTestId('model-dialog')).toContainText('도로명_섞인_목록');
    await expect(page.getByTestId('map-address')).toHaveValue('소재지');
    await page.getByTestId('confirm-mapping').click();
    await expect(page.getByTestId('count-matched')).toHaveAttribute('data-count', '60');
    await expect(page.getByTestId('count-invalid')).toHaveAttribute('data-count', '4');

    await page.getByTestId('show-unmatched').click();
    const unmatched = page.getByTestId('unmatched-rows');
    await expect(unmatched.getByTestId('unmatched-row')).toHaveCount(4);
    for (const reason of [
      "도로명주소 DB에 '없는길' 도로가 없음 (서울특별시 종로구)",
      "'서울특별시 종로구'에 '다산로' 도로가 없음 (있는 곳: 서울특별시 중구)",
      "'다산로'에 건물번호 9999이(가) 없음 (서울특별시 중구)",
      "'다산로 73'은(는) 지상 건물: 지하(으)로 적힘",
    ])
      await expect(unmatched).toContainText(reason);
    await page.screenshot({ path: 'e2e/__screenshots__/road-mixed-report.png' });

    await page.getByTestId('show-parcels').click();
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '60');
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '60');
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'e2e/__screenshots__/road-mixed-map.png' });
  } finally {
    server.stop();
  }
});
