import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParcelJoinReport } from '../../shared/api/contract';
import { QUERY_META } from '../../shared/api/contract';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { readDelimitedText } from '../../electron/models/delimitedText';
import { writeModelParquet } from '../../electron/models/modelTable';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';
import { workbook } from '../models/xlsxFixture';

const workspaceDir = tempDir('models-ws');
let server: RunningServer;

const start = () => startTestServer(workspaceDir);
const client = () => clientOf(server);

async function upload(name: string, bytes: Uint8Array<ArrayBuffer>) {
  const c = client();
  const { uploadId } = await c.createUpload();
  await c.uploadFile(uploadId, name, new Blob([bytes]));
  return uploadId;
}

// Parcels that exist in the bundled sample store, and rows that fail in each way.
const CSV = [
  '관리번호,소재지,비고',
  '001,서울 종로구 이화동 21-3,"있음, 쉼표"',
  '002,서울특별시 중구 예장동 13-19번지,',
  '003,서울특별시 종로구 송월동 922,없는 번지',
  '004,중구 무교동 9-12,시도 없이',
  '005,서울 없는구 청운동 1,틀린 구',
  '006,,빈 주소',
  '007,서울 중구 무교동 9-12,같은 필지',
].join('\r\n');

beforeAll(async () => {
  server = await start();
});
afterAll(async () => server.close());

describe('models over the API', () => {
  it('registers a cp949 CSV: values as written, mapping guessed, nothing matched until confirmed', async () => {
    const info = await client().registerModel({ uploadId: await upload('신청 목록.csv', new Uint8Array(iconv.encode(CSV, 'cp949'))) });
    expect(info.name).toBe('신청_목록');
    expect(info.source).toMatchObject({ fileName: '신청 목록.csv', format: 'csv', encoding: 'cp949' });
    expect(info.rows).toBe(7);
    expect(info.columns.map((c) => [c.name, c.type])).toEqual([
      ['관리번호', 'string'],
      ['소재지', 'string'],
      ['비고', 'string'],
    ]);
    expect(info.samples[0]).toEqual(['001', '서울 종로구 이화동 21-3', '있음, 쉼표']);
    expect(info.suggestedMapping).toEqual({ kind: 'address', address: '소재지' });
    expect(info.mapping).toBeNull();
    expect((await client().catalog()).catalog.tables.map((t) => t.name)).toContain('신청_목록');
    // the upload is consumed
    expect(readdirSync(path.join(workspaceDir, 'uploads'))).toEqual([]);
  });

  it('confirming the mapping matches every row and reports why the others did not', async () => {
    const info = await client().setModelMapping('신청_목록', { kind: 'address', address: '소재지' });
    expect(info.report!.counts).toEqual({ matched: 4, not_found: 1, ambiguous: 0, invalid: 2 });
    expect(info.report!.rows).toBe(7);
    const notes = Object.fromEntries(info.report!.unmatched.map((u) => [u.values[0] ?? '(blank)', `${u.status}: ${u.note}`]));
    expect(notes['서울특별시 종로구 송월동 922']).toMatch(/^not_found: no parcel 1111017800109220000 in the store/);
    expect(notes['서울 없는구 청운동 1']).toMatch(/^invalid: .*없는구/);
    expect(notes['(blank)']).toBe('invalid: the address is empty');
    // 중구 무교동 exists only in 서울: the missing 시도 is resolved, so the row matched
    expect(notes['중구 무교동 9-12']).toBeUndefined();
    expect(info.report!.unmatchedKeys).toBe(3);
    // each reason also as a code with parameters, for the UI's message catalogue
    const reasons = Object.fromEntries(info.report!.unmatched.map((u) => [u.values[0] ?? '(blank)', u.reason]));
    expect(reasons['서울특별시 종로구 송월동 922']).toEqual({
      code: 'not_found',
      params: { pnu: '1111017800109220000', place: '서울특별시 종로구 송월동' },
    });
    expect(reasons['(blank)']).toEqual({ code: 'empty', params: {} });
  });

  it('parcel_join in a query: matched parcels with the model columns, and the report in the metadata', async () => {
    const { arrow } = await client().query({ dsl: 'from 신청_목록 | parcel_join address=소재지 | select 관리번호, PNU, JIMOK' });
    const table = tableFromIPC(arrow);
    expect(table.numRows).toBe(4);
    expect(table.getChild('관리번호')!.toArray()).toEqual(['001', '002', '004', '007']);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['관리번호', 'PNU', 'JIMOK', 'geometry']);
    const reports = JSON.parse(table.schema.metadata.get(QUERY_META.matchReports)!) as ParcelJoinReport[];
    expect(reports[0]!.columns).toEqual(['소재지']);
    expect(reports[0]!.report.counts.matched).toBe(4);
    expect(table.schema.metadata.get(QUERY_META.sql)).toMatch(/JOIN "__parcels_\w+_1" AS p/);
  });

  it('keep=all keeps every row in order, unmatched ones with the reason', async () => {
    const { arrow } = await client().query({
      dsl: 'from 신청_목록 | parcel_join address=소재지 keep=all | select 관리번호, match_status, match_note',
    });
    const table = tableFromIPC(arrow);
    expect(table.getChild('관리번호')!.toArray()).toEqual(['001', '002', '003', '004', '005', '006', '007']);
    expect(table.getChild('match_status')!.get(2)).toBe('not_found');
    expect(table.getChild('match_note')!.get(5)).toBe('the address is empty');
  });

  it('the per-query views are dropped once the result is read; the match table is kept and reused until the data changes', async () => {
    const ws = tempDir('models-core');
    const core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: ws });
    try {
      await core.addModel('목록', await sampleModelParquet(core, ws));
      const objects = async () =>
        (
          await core.engine.rows<{ name: string }>(
            'SELECT view_name AS name FROM duckdb_views() WHERE NOT internal UNION ALL SELECT table_name FROM duckdb_tables()',
          )
        )
          .map((o) => o.name)
          .filter((n) => n.startsWith('__'))
          .sort();
      const run = async (dsl: string) => {
        const outcome = await core.queries.run(dsl);
        if (!outcome.ok) throw new Error(outcome.error.error);
        const during = await objects();
        const rows = tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer())).numRows;
        await new Promise((r) => setTimeout(r, 50));
        return { during, rows, after: await objects() };
      };
      const first = await run('from 목록 | parcel_join address=소재지 | take 3');
      // while it runs: the cached table, and this query's views of it and of the parcels it needs
      expect(first.during).toHaveLength(3);
      expect(first.during).toEqual(
        expect.arrayContaining([
          '__match_cached_1',
          expect.stringMatching(/^__match_[0-9a-f]{12}_1$/),
          expect.stringMatching(/^__parcels_[0-9a-f]{12}_1$/),
        ]),
      );
      expect(first.rows).toBe(3);
      expect(first.after).toEqual(['__match_cached_1']);
      // a later step edited: the same rows enter the join, so the same match table serves it
      const edited = await run('from 목록 | parcel_join address=소재지 | take 5');
      expect(edited.rows).toBe(5);
      expect(edited.after).toEqual(['__match_cached_1']);
      // the model changes: a new match
      await core.addModel('목록', await sampleModelParquet(core, ws));
      expect((await run('from 목록 | parcel_join address=소재지 | take 3')).after).toEqual(['__match_cached_1', '__match_cached_2']);
    } finally {
      await core.close();
    }
  });

  it('bad requests are refused with a reason, and nothing is left behind', async () => {
    await expect(
      client().registerModel({ uploadId: await upload('a.csv', new TextEncoder().encode('x\n1\n')), name: 'parcels' }),
    ).rejects.toMatchObject({ status: 400, message: /word of the query language/ });
    await expect(
      client().registerModel({ uploadId: await upload('b.csv', new TextEncoder().encode('x\n1\n')), name: '신청_목록' }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(client().registerModel({ uploadId: await upload('c.csv', new TextEncoder().encode('x,y\n1\n')) })).rejects.toMatchObject({
      status: 400,
      message: 'c.csv: line 2 has 1 fields, the header has 2',
    });
    await expect(client().registerModel({ uploadId: await upload('d.xls', new Uint8Array([1])) })).rejects.toMatchObject({ status: 400 });
    await expect(client().setModelMapping('신청_목록', { kind: 'address', address: '주소' })).rejects.toMatchObject({
      status: 400,
      message: /no column '주소'/,
    });
    await expect(client().setModelMapping('없음', { kind: 'address', address: '주소' })).rejects.toMatchObject({ status: 404 });
    expect(readdirSync(path.join(workspaceDir, 'models')).filter((d) => d.startsWith('.'))).toEqual([]);
    expect((await client().models()).map((m) => m.name)).toEqual(['신청_목록']);
  });

  it('TSV with a UTF-8 BOM, quoted tabs, quotes and line breaks; bytes that are not cp949 are refused by position', async () => {
    const tsv = '\uFEFF번호\t메모\n001\t"탭\t""인용""\n줄바꿈"\n002\t끝\n';
    const info = await client().registerModel({ uploadId: await upload('메모.tsv', new TextEncoder().encode(tsv)) });
    expect(info.source).toMatchObject({ format: 'tsv', encoding: 'utf-8' });
    expect(info.samples).toEqual([
      ['001', '탭\t"인용"\n줄바꿈'],
      ['002', '끝'],
    ]);
    await client().removeModel(info.name);
    const bad = new Uint8Array([...iconv.encode('주소\n서울\n', 'cp949'), 0xff, 0xff, 0x0a]);
    await expect(client().registerModel({ uploadId: await upload('깨짐.csv', bad), encoding: 'cp949' })).rejects.toMatchObject({
      status: 400,
      message: /^깨짐\.csv: the text is not valid cp949 \(near byte/,
    });
  });

  it('an XLSX workbook: the first sheet with rows, or the chosen one read again from the kept source', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(await workbook()));
    // the first sheet is a cover page with one line: the data sheet is taken
    const first = await client().registerModel({ uploadId: await upload('신청.xlsx', bytes) });
    expect(first.source).toMatchObject({ format: 'xlsx', sheet: '신청 목록', sheets: ['안내', '신청 목록'] });
    await expect(client().registerModel({ uploadId: await upload('신청.xlsx', bytes), sheet: '안내' })).rejects.toMatchObject({
      status: 400,
      message: "신청.xlsx (sheet '안내') has a header but no rows",
    });
    await expect(client().changeModelSheet(first.name, '안내')).rejects.toMatchObject({ status: 400 });
    const info = await client().changeModelSheet(first.name, '신청 목록');
    expect(info.source.sheet).toBe('신청 목록');
    expect(info.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      '관리번호:string',
      '소재지:string',
      '면적:string',
      '신청일:string',
      'PNU:string',
      '메모:string',
      '확인:string',
      '합계:string',
      'column_9:string',
    ]);
    // 0.30000000000000004 has more digits than a number column keeps exactly, so 면적 stays text
    expect(info.samples[0]!.slice(0, 3)).toEqual(['007', '서울 종로구 청운동 12-3', '12.5']);
    expect(info.suggestedMapping).toEqual({ kind: 'pnu', pnu: 'PNU' });
    await expect(client().changeModelSheet(first.name, '없음')).rejects.toMatchObject({
      status: 400,
      message: "신청.xlsx: no sheet '없음' (the workbook has: 안내, 신청 목록)",
    });
    expect((await client().models()).find((m) => m.name === first.name)!.source.sheet).toBe('신청 목록');
    await client().removeModel(first.name);
  });

  it('models and their confirmed mapping survive a restart; removing one removes it from the catalog', async () => {
    await server.close();
    server = await start();
    const [model] = await client().models();
    expect(model).toMatchObject({ name: '신청_목록', mapping: { kind: 'address', address: '소재지' } });
    expect(model!.report!.counts.matched).toBe(4);
    const { arrow } = await client().query({ dsl: 'from 신청_목록 | parcel_join address=소재지 | stats count()' });
    expect(Number(tableFromIPC(arrow).getChild('count')!.get(0))).toBe(4);
    await client().removeModel('신청_목록');
    expect((await client().catalog()).catalog.tables.map((t) => t.name)).toEqual(['parcels']);
    expect(readdirSync(path.join(workspaceDir, 'models'))).toEqual([]);
  });
});

async function sampleModelParquet(core: HostCore, dir: string): Promise<string> {
  const file = path.join(dir, 'addresses.parquet');
  await writeModelParquet(core.engine, await readDelimitedText(path.join(paths.assets(), 'sample', 'addresses.csv')), file);
  return file;
}

describe('a model registration can be cancelled', () => {
  it('aborting its signal stops the engine work and registers nothing', async () => {
    const ws = tempDir('models-cancel');
    const core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: ws });
    try {
      // big enough that typing it takes the engine a while
      const rows = Array.from(
        { length: 400_000 },
        (_, i) => `${i},서울특별시 종로구 청운동 ${(i % 900) + 1},${(i * 7919) % 100000},비고 ${i}`,
      );
      const file = path.join(ws, '큰목록.csv');
      writeFileSync(file, `번호,소재지,면적,비고\n${rows.join('\n')}\n`);
      const controller = new AbortController();
      const registering = core.models.register({ file, fileName: '큰목록.csv', name: '큰목록', signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await expect(registering).rejects.toThrow();
      expect(core.models.list().map((m) => m.name)).not.toContain('큰목록');
      expect(await core.engine.rows("SELECT view_name FROM duckdb_views() WHERE view_name = '큰목록'")).toEqual([]);
    } finally {
      await core.close();
    }
  });
});

describe('parcel_join after a sql source', () => {
  it('plans once the host has described the source; keep=all gives the text after the lot as match_detail', async () => {
    const core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('models-sql-join') });
    try {
      const outcome = await core.queries
        .run(`sql "SELECT '서울 중구 무교동 9-12 2층 (무교빌딩)' AS 소재지 UNION ALL SELECT '서울 중구 무교동 99999'"
        | parcel_join address=소재지 keep=all | select 소재지, match_status, match_detail, PNU`);
      if (!outcome.ok) throw new Error(outcome.error.error);
      const rows = tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()))
        .toArray()
        .map((r) => {
          const { 소재지, match_status, match_detail, PNU } = r.toJSON() as Record<string, unknown>;
          return [소재지, match_status, match_detail, PNU];
        });
      expect(rows).toEqual([
        ['서울 중구 무교동 9-12 2층 (무교빌딩)', 'matched', '2층 (무교빌딩)', '1114010100100090012'],
        ['서울 중구 무교동 99999', 'invalid', null, null], // a 본번 has at most four digits
      ]);
    } finally {
      await core.close();
    }
  });
});
