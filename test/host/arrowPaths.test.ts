import { DuckDBDecimalType, DuckDBInstance, type DuckDBDataChunk } from '@duckdb/node-api';
import { makeVector } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaFor, valuesColumn, type ColumnSpec } from '../../electron/engine/arrowEncoder';
import { vectorColumn } from '../../electron/engine/vectorColumns';

/**
 * The fast way to Arrow (DuckDB's vector memory read directly) against the slow one (node-api's
 * values), value by value, on every column type the fast way takes, with nulls, over several
 * chunks (DuckDB's chunks hold 2,048 rows) and with text long enough to sit behind a pointer.
 */
describe('Arrow from vector memory equals Arrow from node-api values', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  afterAll(() => connection.closeSync());
  const n = 5000;
  const nul = (expr: string, every = 7) => `CASE WHEN i % ${every} = 3 THEN NULL ELSE ${expr} END`;
  const columns: Record<string, string> = {
    boolean: nul('i % 2 = 0'),
    tinyint: nul('((i % 250) - 125)::TINYINT'),
    utinyint: nul('(i % 250)::UTINYINT'),
    smallint: nul('(i * 7 - 17000)::SMALLINT'),
    usmallint: nul('(i * 13)::USMALLINT'),
    integer: nul('(i * 100003 - 250000000)::INTEGER'),
    uinteger: nul('(i * 800000)::UINTEGER'),
    bigint: nul('(i * 1000000007 - 9000000000000)::BIGINT'),
    float: nul('(i / 3.0)::FLOAT'),
    double: nul('i / 7.0 - 300'),
    date: nul("DATE '1969-12-25' + i::INTEGER"),
    // short (inline in the string header), long (behind a pointer), Korean, and one repeated value
    varchar: nul("CASE i % 4 WHEN 0 THEN 'a' || i WHEN 1 THEN repeat('필지', 1 + i % 9) || i WHEN 2 THEN '서울특별시 종로구' ELSE '' END"),
    blob: nul("('\\x00\\xFF' || repeat('x', i % 20))::BLOB"),
    geometry: nul("('POINT (' || (126 + i / 10000.0) || ' 37.5)')::GEOMETRY"),
    struct: nul("{'xmin': i / 2.0, 'ymax': CASE WHEN i % 5 = 0 THEN NULL ELSE -i END}"),
  };
  const sql = `SELECT ${Object.entries(columns)
    .map(([name, e]) => `${e} AS "${name}"`)
    .join(', ')} FROM range(${n}) t(i)`;
  const result = await connection.stream(sql);
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) chunks.push(chunk);
  const specs: ColumnSpec[] = result.columnNames().map((name, i) => {
    const type = result.columnType(i);
    return { name, typeId: type.typeId, ...(type instanceof DuckDBDecimalType ? { decimalWidth: type.width } : {}) };
  });
  const schema = schemaFor(specs, new Map());

  it('reads several chunks', () => {
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.reduce((k, c) => k + c.rowCount, 0)).toBe(n);
  });

  it.each(Object.keys(columns).map((name, i) => ({ name, i })))('$name', ({ i }) => {
    const type = schema.fields[i]!.type;
    const fast = vectorColumn(chunks, i, specs[i]!.typeId, type);
    expect(fast, 'the vector reader takes this type').not.toBeNull();
    const slow = makeVector(valuesColumn(chunks, i, specs[i]!, type));
    const quick = makeVector(fast!);
    expect(quick.nullCount).toBe(slow.nullCount);
    expect(slow.nullCount).toBeGreaterThan(0);
    const differ: string[] = [];
    for (let row = 0; row < n; row++) {
      const a = slow.get(row),
        b = quick.get(row);
      const same = a instanceof Uint8Array && b instanceof Uint8Array ? Buffer.from(a).equals(Buffer.from(b)) : Object.is(a, b);
      if (!same) differ.push(`row ${row}: ${String(a)} ≠ ${String(b)}`);
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });
});
