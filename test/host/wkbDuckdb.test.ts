import { afterAll, describe, expect, it } from 'vitest';
import { literalSql } from '../../shared/dsl/sqlgen';
import { readWkb, toWkt, writePointWkb, writeWkb, type Polygon } from '../../shared/geo/wkb';
import { openEngine } from '../../electron/engine/engine';

/**
 * The project's WKB writer and reader against DuckDB's (ST_AsWKB and the WKT cast to GEOMETRY are built into this DuckDB; ST_GeomFromText is not):
 * the same bytes for the same geometry, and DuckDB's bytes read back to the same coordinates.
 */
describe('WKB beside DuckDB ST_AsWKB', async () => {
  const engine = await openEngine({ allowedDirectories: [] });
  afterAll(() => engine.close());

  const square: number[] = [126.97, 37.57, 126.98, 37.57, 126.98, 37.58, 126.97, 37.58, 126.97, 37.57];
  const hole: number[] = [126.972, 37.572, 126.972, 37.574, 126.974, 37.574, 126.974, 37.572, 126.972, 37.572];
  const far = square.map((v, i) => (i % 2 ? v : v + 0.1));
  const shapes: { name: string; wkb: Uint8Array }[] = [
    { name: 'polygon', wkb: writeWkb([[square]]) },
    { name: 'polygon with a hole', wkb: writeWkb([[square, hole]]) },
    { name: 'multipolygon', wkb: writeWkb([[square], [far]] as Polygon[]) },
    { name: 'point', wkb: writePointWkb([127.0276, 37.4979]) },
    { name: 'multipoint', wkb: writePointWkb([127, 37.5, 128.1, 35.2]) },
  ];

  it.each(shapes)('writes the bytes DuckDB writes: $name', async ({ wkb }) => {
    const wkt = toWkt(readWkb(wkb));
    const [row] = await engine.rows<{ wkb: Uint8Array }>(`SELECT ST_AsWKB(${literalSql(wkt)}::GEOMETRY) AS wkb`);
    expect(Buffer.from(row!.wkb).toString('hex')).toBe(Buffer.from(wkb).toString('hex'));
  });

  it.each(shapes)('reads what DuckDB writes from our bytes: $name', async ({ wkb }) => {
    const [row] = await engine.rows<{ wkb: Uint8Array }>(
      `SELECT ST_AsWKB(ST_GeomFromWKB(from_hex(${literalSql(Buffer.from(wkb).toString('hex'))}))) AS wkb`,
    );
    expect(readWkb(row!.wkb)).toEqual(readWkb(wkb));
  });
});
