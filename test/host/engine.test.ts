import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC, RecordBatchStreamWriter } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, QueryCancelledError, type Engine } from '../../electron/engine/engine';

let engine: Engine;
const allowed = mkdtempSync(path.join(os.tmpdir(), 'pilji-allowed-'));
const outside = mkdtempSync(path.join(os.tmpdir(), 'pilji-outside-'));
writeFileSync(path.join(allowed, 'ok.csv'), 'a,b\n1,x\n');
writeFileSync(path.join(outside, 'secret.csv'), 'a,b\n1,secret\n');

beforeAll(async () => {
  engine = await openEngine({ allowedDirectories: [allowed] });
});
afterAll(async () => engine.close());

describe('engine lock-down', () => {
  it('reads inside the allowed folders', async () => {
    expect(await engine.rows(`SELECT * FROM read_csv('${allowed}/ok.csv')`)).toEqual([{ a: 1n, b: 'x' }]);
  });

  it.each([
    [`SELECT * FROM read_csv('/etc/passwd')`],
    [`SELECT * FROM read_csv('${outside}/secret.csv')`],
    [`SELECT * FROM read_csv('${allowed}/../${path.basename(outside)}/secret.csv')`],
    [`COPY (SELECT 1) TO '${outside}/out.csv'`],
    [`ATTACH '${outside}/x.duckdb'`],
  ])('refuses files outside: %s', async (sql) => {
    await expect(engine.rows(sql)).rejects.toThrow(/Permission Error|disabled|not allowed|Cannot access/i);
  });

  it.each([
    ['SET enable_external_access = true'],
    ["SET allowed_directories = ['/']"],
    ['SET lock_configuration = false'],
    ['INSTALL spatial'],
    ['LOAD spatial'],
  ])('refuses to change its configuration: %s', async (sql) => {
    await expect(engine.exec(sql)).rejects.toThrow();
  });
});

describe('engine streaming', () => {
  it('a DECIMAL comes back exactly: as a number while a double holds its digits, else as its text', async () => {
    const result = await engine.stream(`SELECT 12.5::DECIMAL(4,1) AS small, 1234567890123.456::DECIMAL(18,3) AS wide,
      -123456789012345678.91::DECIMAL(38,2) AS huge, NULL::DECIMAL(20,2) AS none`);
    const writer = new RecordBatchStreamWriter();
    for await (const b of result.batches) writer.write(b);
    writer.finish();
    const row = tableFromIPC(await writer.toUint8Array())
      .get(0)!
      .toJSON();
    expect(row).toEqual({ small: 12.5, wide: '1234567890123.456', huge: '-123456789012345678.91', none: null });
  });

  it('streams nothing but one SELECT: two statements fail to prepare, other kinds are refused', async () => {
    await expect(engine.stream('SELECT 1; SELECT 2')).rejects.toThrow(/multiple statements/);
    await expect(engine.stream(`COPY (SELECT 1) TO '${allowed}/x.csv'`)).rejects.toThrow(
      /only one SELECT statement may run here, not COPY/,
    );
    await expect(engine.exec(`SELECT 1; COPY (SELECT 1) TO '${allowed}/y.csv'`)).rejects.toThrow(/multiple statements/);
    expect(existsSync(path.join(allowed, 'x.csv')) || existsSync(path.join(allowed, 'y.csv'))).toBe(false);
  });

  it('streams Arrow batches with exact 64-bit integers and 19-digit text', async () => {
    const result =
      await engine.stream(`SELECT '1111010100100120003' AS pnu, 9007199254740993::BIGINT AS big, 1.5::DOUBLE AS d, range::INTEGER AS i
      FROM range(3)`);
    const writer = new RecordBatchStreamWriter();
    for await (const b of result.batches) writer.write(b);
    writer.finish();
    const table = tableFromIPC(await writer.toUint8Array());
    expect(table.numRows).toBe(3);
    expect(table.getChild('pnu')!.get(0)).toBe('1111010100100120003');
    expect(table.getChild('big')!.get(0)).toBe(9007199254740993n);
    expect(table.getChild('i')!.toArray()).toEqual(new Int32Array([0, 1, 2]));
  });

  it('every column kind survives the IPC round trip, nulls in place, Korean text and blobs byte for byte', async () => {
    const result = await engine.stream(
      `SELECT
        CASE WHEN range % 2 = 0 THEN '서울특별시 종로구 청운동 ' || range END AS t,
        CASE WHEN range % 3 = 0 THEN NULL ELSE range * 10000000000 END AS big,
        CASE WHEN range % 4 = 1 THEN NULL ELSE range::INTEGER END AS i,
        CASE WHEN range % 5 = 2 THEN NULL ELSE range / 4 END AS d,
        CASE WHEN range % 2 = 1 THEN NULL ELSE range % 4 = 0 END AS b,
        CASE WHEN range = 3 THEN NULL ELSE ('\\x00\\xFF' || range::VARCHAR)::BLOB END AS bin
      FROM range(40000)`,
      { batchRows: 16_384 },
    );
    const writer = new RecordBatchStreamWriter();
    for await (const batch of result.batches) writer.write(batch);
    writer.finish();
    const table = tableFromIPC(await writer.toUint8Array());
    expect(table.numRows).toBe(40000);
    const row = (n: number) => table.get(n)!.toJSON();
    expect(row(0)).toMatchObject({ t: '서울특별시 종로구 청운동 0', big: null, i: 0, d: 0, b: true });
    expect(row(1)).toMatchObject({ t: null, big: 10000000000n, i: null, d: 0.25, b: null });
    expect(row(39998)).toMatchObject({ t: '서울특별시 종로구 청운동 39998', big: 399980000000000n, i: 39998, d: 9999.5, b: false });
    expect([...(row(0).bin as Uint8Array)]).toEqual([0, 255, 48]);
    expect(row(3).bin).toBeNull();
    expect(row(2).d).toBeNull();
  });

  it('reads every width and kind from vector memory as the values DuckDB holds', async () => {
    const result = await engine.stream(`SELECT
        (range % 100 - 50)::TINYINT AS i8, (range * 7 % 60000)::USMALLINT AS u16, (range - 30000)::SMALLINT AS i16,
        (range * 3)::UINTEGER AS u32, (range / 8)::FLOAT AS f32,
        CASE range % 3 WHEN 0 THEN '123456789012' WHEN 1 THEN '1234567890123' ELSE '' END AS edge,
        CASE WHEN range % 7 = 0 THEN NULL ELSE ['경기도', '서울특별시', '강원특별자치도'][range % 3 + 1] END AS repeated,
        CASE WHEN range % 11 = 0 THEN NULL ELSE DATE '2024-06-01' + (range % 400)::INTEGER END AS day,
        CASE WHEN range % 13 = 0 THEN NULL ELSE {'xmin': range / 4, 'ymin': CASE WHEN range % 2 = 0 THEN NULL ELSE 37.5 END} END AS box,
        {'name': 'a' || range, 'x': range} AS labelled
      FROM range(5000)`);
    const writer = new RecordBatchStreamWriter();
    for await (const batch of result.batches) writer.write(batch);
    writer.finish();
    const table = tableFromIPC(await writer.toUint8Array());
    const row = (n: number) => table.get(n)!.toJSON();
    expect(row(0)).toMatchObject({
      i8: -50,
      u16: 0,
      i16: -30000,
      u32: 0n,
      f32: 0,
      edge: '123456789012',
      repeated: null,
      day: null,
      box: null,
    });
    expect(row(1)).toMatchObject({
      i8: -49,
      u16: 7,
      u32: 3n,
      f32: 0.125,
      edge: '1234567890123',
      repeated: '서울특별시',
      day: '2024-06-02',
    });
    // a struct of numbers stays one (the store's bbox); one holding text travels as DuckDB prints it
    expect(String(table.getChild('box')!.type)).toBe('Struct<{xmin:Float64, ymin:Float64}>');
    expect(row(1).box?.toJSON()).toEqual({ xmin: 0.25, ymin: 37.5 });
    expect(row(2).box?.toJSON()).toEqual({ xmin: 0.5, ymin: null });
    expect(table.getChild('box')!.nullCount).toBe(385);
    expect(row(2)).toMatchObject({ edge: '', repeated: '강원특별자치도', day: '2024-06-03', labelled: "{'name': 'a2', 'x': 2}" });
    expect(row(4999)).toMatchObject({
      i8: 49,
      u16: (4999 * 7) % 60000,
      i16: 4999 - 30000,
      u32: 14997n,
      f32: 4999 / 8,
      repeated: '서울특별시',
      day: '2024-12-17',
    });
    expect(table.getChild('repeated')!.nullCount).toBe(715);
  });

  it("copies every long string and blob exactly, from Parquet pages and from DuckDB's own memory", async () => {
    // distinct per row, 13-400 bytes, nulls between: each row's bytes come from where its pointer says
    const select = `SELECT range AS i,
        CASE WHEN range % 17 = 0 THEN NULL ELSE repeat(chr(44032 + (range % 11172)::INTEGER), (5 + range % 90)::INTEGER) || range END AS s,
        CASE WHEN range % 19 = 0 THEN NULL ELSE encode(repeat('x', (13 + range % 50)::INTEGER) || range) END AS b
      FROM range(6000) ORDER BY range`;
    const file = path.join(allowed, 'long.parquet');
    await engine.exec(`COPY (${select}) TO '${file}' (FORMAT parquet)`);
    for (const sql of [select, `SELECT * FROM read_parquet('${file}') ORDER BY i`]) {
      const result = await engine.stream(sql);
      const writer = new RecordBatchStreamWriter();
      for await (const batch of result.batches) writer.write(batch);
      writer.finish();
      const table = tableFromIPC(await writer.toUint8Array());
      const [s, b] = [table.getChild('s')!, table.getChild('b')!];
      const wrong = [];
      for (let i = 0; i < 6000; i++) {
        const text = i % 17 === 0 ? null : String.fromCharCode(44032 + (i % 11172)).repeat(5 + (i % 90)) + i;
        const blob = i % 19 === 0 ? null : `${'x'.repeat(13 + (i % 50))}${i}`;
        const got = b.get(i) as Uint8Array | null;
        if (s.get(i) !== text || (got === null ? null : Buffer.from(got).toString()) !== blob) wrong.push(i);
      }
      expect(wrong).toEqual([]);
    }
  });

  it('cancels a long query in the engine', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(
      (async () => {
        const result = await engine.stream('SELECT count(*) FROM range(20000000000) a', { signal: controller.signal });
        for await (const _ of result.batches) void _;
      })(),
    ).rejects.toBeInstanceOf(QueryCancelledError);
    // uncancelled, this runs for several seconds on this machine
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
