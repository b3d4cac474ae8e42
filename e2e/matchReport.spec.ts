import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { startOwnServer } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

// the requester's own columns (순번, 비고) must come back with each unmatched row
const CSV = [
  '순번,소재지,비고',
  '1,서울 종로구 이화동 21-3,있음',
  '2,서울특별시 종로구 송월동 922,없는 번지',
  '3,서울 없는구 청운동 1,틀린 구',
  '4,,빈 주소',
  '5,서울특별시 종로구 송월동 923,없는 번지 2',
].join('\r\n');

test('the match report is actionable: unmatched rows whole, filtered and sorted by reason, saved as cp949 CSV to send back', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
    const drop = await page.evaluateHandle(
      (b) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(b)], '요청 목록.csv', { type: 'text/csv' }));
        return dt;
      },
      [...iconv.encode(CSV, 'cp949')],
    );
    await page.getByTestId('models-panel').dispatchEvent('drop', { dataTransfer: drop });
    await expect(page.getByTestId('map-address')).toHaveValue('소재지');
    await page.getByTestId('confirm-mapping').click();
    await expect(page.getByTestId('count-not_found')).toHaveAttribute('data-count', '2');
    await page.getByTestId('show-unmatched').click();

    const list = page.getByTestId('unmatched-rows');
    await expect(list.locator('th')).toHaveText(['순번', '소재지', '비고', '상태', '이유 ↕', '지번 뒤 내용']);
    const rows = list.getByTestId('unmatched-row');
    await expect(rows).toHaveCount(4);
    await expect(rows.first()).toContainText('없는 번지');
    await expect(rows.first()).toContainText('저장소에 필지 1111017800109220000 없음');

    // by reason: the two missing lots first once sorted, only they once filtered
    await page.getByTestId('sort-reason').click();
    await expect(rows.nth(0)).toHaveAttribute('data-reason', 'empty');
    await page.getByTestId('unmatched-reason').selectOption('not_found');
    await expect(rows).toHaveCount(2);
    await expect(rows.locator('td:first-child')).toHaveText(['2', '5']);
    await page.screenshot({ path: '/tmp/pilji-match-report-1366.png' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unmatched-csv-cp949').click()]);
    expect(download.suggestedFilename()).toBe('요청_목록_미일치.csv');
    const text = iconv
      .decode(readFileSync((await download.path())!), 'cp949')
      .trim()
      .split('\r\n');
    expect(text[0]).toBe('순번,소재지,비고,상태,이유,지번 뒤 내용');
    expect(text.slice(1).map((l) => l.split(',')[0])).toEqual(['2', '5']);
    expect(text[1]).toContain('필지 없음,저장소에 필지 1111017800109220000 없음');
  } finally {
    server.stop();
  }
});
