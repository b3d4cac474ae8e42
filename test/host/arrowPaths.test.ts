import { DuckDBInstance, type DuckDBDataChunk } from '@duckdb/node-api';
import { makeVector } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaFor, valuesColumn } from '../../electron/engine/arrowEncoder';
import { columnSpec, type ColumnSpec } from '../../electron/engine/columnSpec';
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
    // every kind of number a struct entry may hold, a null entry, and doubles that text would mangle
    struct: nul(
      `{'xmin': i / 2.0, 'ymax': CASE WHEN i % 5 = 0 THEN NULL ELSE -i END, 'f': (i / 3.0)::FLOAT, 'k': (i * 1000000007)::BIGINT,
        'u': (i % 200)::UTINYINT, 'b': i % 2 = 0,
        'edge': ['NaN'::DOUBLE, 'inf'::DOUBLE, '-inf'::DOUBLE, -0.0::DOUBLE, 1.7976931348623157e308, 5e-324, -126.97654321098765][i % 7 + 1]}`,
    ),
  };
  const sql = `SELECT ${Object.entries(columns)
    .map(([name, e]) => `${e} AS "${name}"`)
    .join(', ')} FROM range(${n}) t(i)`;
  const result = await connection.stream(sql);
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) chunks.push(chunk);
  const specs: ColumnSpec[] = result.columnNames().map((name, i) => columnSpec(name, result.columnType(i)));
  const schema = schemaFor(specs, new Map());

  it('reads several chunks', () => {
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.reduce((k, c) => k + c.rowCount, 0)).toBe(n);
  });

  it.each(Object.keys(columns).map((name, i) => ({ name, i })))('$name', ({ i }) => {
    const type = schema.fields[i]!.type;
    const fast = vectorColumn(chunks, i, specs[i]!, type);
    expect(fast, 'the vector reader takes this type').not.toBeNull();
    const slow = makeVector(valuesColumn(chunks, i, specs[i]!, type));
    const quick = makeVector(fast!);
    expect(quick.nullCount).toBe(slow.nullCount);
    expect(slow.nullCount).toBeGreaterThan(0);
    const differ: string[] = [];
    for (let row = 0; row < n; row++) {
      const a = slow.get(row),
        b = quick.get(row);
      if (!same(a, b)) differ.push(`row ${row}: ${String(a)} ≠ ${String(b)}`);
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });
});

/** Equal values: bytes by content, struct rows entry by entry, numbers by Object.is (NaN is NaN, -0 is not 0). */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const [x, y] = [[...(a as Iterable<[string, unknown]>)], [...(b as Iterable<[string, unknown]>)]];
    return x.length === y.length && x.every(([k, v], j) => k === y[j]![0] && same(v, y[j]![1]));
  }
  return Object.is(a, b);
}
