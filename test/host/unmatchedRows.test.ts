import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnmatchedCsvRequest } from '../../shared/api/contract';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

let server: RunningServer;
const client = () => clientOf(server);

// 순번 and 비고 are the requester's own columns: the list sent back must keep them
const CSV = [
  '순번,소재지,비고',
  '1,서울 종로구 이화동 21-3,"있음, 쉼표"',
  '2,서울특별시 종로구 송월동 922,없는 번지',
  '3,서울 없는구 청운동 1,틀린 구',
  '4,,빈 주소',
  '5,서울특별시 종로구 송월동 922,같은 번지 또',
].join('\r\n');

beforeAll(async () => {
  server = await startTestServer(tempDir('unmatched-ws'));
  const { uploadId } = await client().createUpload();
  await client().uploadFile(uploadId, '요청.csv', new Blob([new Uint8Array(iconv.encode(CSV, 'cp949'))]));
  await client().registerModel({ uploadId, name: '요청' });
  await client().setModelMapping('요청', { kind: 'address', address: '소재지' });
});
afterAll(async () => server.close());

const REQUEST: UnmatchedCsvRequest = {
  encoding: 'cp949',
  lang: 'ko',
  headers: ['상태', '사유', '상세'],
  statuses: { not_found: '필지 없음', ambiguous: '여러 곳', invalid: '읽을 수 없음' },
};

describe('the unmatched rows of a model, whole, to send back', () => {
  it('lists every unmatched row with all its source columns, in file order, with the reason code', async () => {
    const list = await client().unmatchedRows('요청');
    expect(list.columns).toEqual(['순번', '소재지', '비고']);
    expect(list.rows.map((r) => [r.values[0], r.values[2], r.status, r.reason?.code])).toEqual([
      ['2', '없는 번지', 'not_found', 'not_found'],
      ['3', '틀린 구', 'invalid', 'place_mismatch'],
      ['4', '빈 주소', 'invalid', 'empty'],
      ['5', '같은 번지 또', 'not_found', 'not_found'],
    ]);
    expect(list.truncated).toBe(false);
  });

  it('as cp949 CSV with the reason in Korean, or UTF-8 with a BOM; filtered by reason', async () => {
    const cp949 = iconv.decode(Buffer.from(await client().unmatchedCsv('요청', REQUEST)), 'cp949');
    const lines = cp949.trim().split('\r\n');
    expect(lines[0]).toBe('순번,소재지,비고,상태,사유,상세');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      '2,서울특별시 종로구 송월동 922,없는 번지,필지 없음,저장소에 필지 1111017800109220000 없음 (서울특별시 종로구 송월동),',
    );
    expect(lines[3]).toBe('4,,빈 주소,읽을 수 없음,주소가 비어 있음,');

    const utf8 = Buffer.from(await client().unmatchedCsv('요청', { ...REQUEST, encoding: 'utf-8', reason: 'not_found' }));
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = utf8.subarray(3).toString('utf8').trim().split('\r\n');
    expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual(['2', '5']);
  });

  it('a model without a confirmed mapping has no unmatched list', async () => {
    const { uploadId } = await client().createUpload();
    await client().uploadFile(uploadId, '새.csv', new Blob([new TextEncoder().encode('주소\n서울 종로구 이화동 21-3\n')]));
    await client().registerModel({ uploadId, name: '새' });
    await expect(client().unmatchedRows('새')).rejects.toMatchObject({ status: 409 });
    await expect(client().unmatchedCsv('새', { ...REQUEST, lang: 'xx' as 'ko' })).rejects.toMatchObject({ status: 400 });
  });
});
