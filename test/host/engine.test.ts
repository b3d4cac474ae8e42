import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC, RecordBatchStreamWriter } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, QueryCancelledError, type Engine } from '../../electron/host/engine/engine';

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
  it('streams Arrow batches with exact 64-bit integers and 19-digit text', async () => {
    const result = await engine.stream(`SELECT '1111010100100120003' AS pnu, 9007199254740993::BIGINT AS big, 1.5::DOUBLE AS d, range::INTEGER AS i
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

  it('cancels a long query in the engine', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect((async () => {
      const result = await engine.stream('SELECT count(*) FROM range(20000000000) a', { signal: controller.signal });
      for await (const _ of result.batches) void _;
    })()).rejects.toBeInstanceOf(QueryCancelledError);
    // uncancelled, this runs for several seconds on this machine
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
