import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import { readWkb, writePointWkb, writeWkb } from '../../shared/geo/wkb';
import type { Engine } from '../engine/engine';
import { projectFromWgs84 } from '../store/crs/fromWgs84';
import { projJson } from '../store/crs/projJson';
import { ParquetWriter } from '../store/parquet/parquetWriter';

/**
 * A result staged as GeoParquet (WGS 84) rewritten in another CRS: the geometries are projected
 * in JavaScript, through the same transforms as import and the other exports, into a side file
 * of (row, WKB), which DuckDB joins back by row number. The 'geo' metadata names the CRS in
 * PROJJSON, as GeoParquet 1.1 asks; the WGS 84 bbox covering column is left out, being wrong now.
 */
export async function reprojectParquet(
  engine: Engine,
  staged: string,
  file: string,
  epsg: number,
  tmpDir: string,
  signal?: AbortSignal,
): Promise<void> {
  const project = projectFromWgs84(epsg);
  const source = `read_parquet(${literalSql(staged)}, file_row_number = true)`;
  const described = await engine.rows<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${literalSql(staged)})`,
  );
  const geometry = described.find((c) => c.column_type.startsWith('GEOMETRY'));
  if (!project || !geometry) {
    await fs.copyFile(staged, file);
    return;
  }
  const side = path.join(tmpDir, `reprojected-${randomUUID()}.parquet`);
  const writer = new ParquetWriter(side, [
    { name: 'r', type: 'int64' },
    { name: 'wkb', type: 'binary' },
  ]);
  const types = new Set<string>();
  try {
    const result = await engine.stream(
      `SELECT file_row_number, ${quoteIdent(geometry.column_name)} FROM ${source} WHERE ${quoteIdent(geometry.column_name)} IS NOT NULL`,
      { signal },
    );
    for await (const batch of result.batches) {
      const rows = batch.getChildAt(0)!;
      const wkbs = batch.getChildAt(1)!;
      for (let i = 0; i < batch.numRows; i++) {
        const g = readWkb(wkbs.get(i) as Uint8Array);
        for (const rings of g.polygons) rings.forEach(project);
        project(g.points);
        types.add(g.polygons.length > 1 ? 'MultiPolygon' : g.polygons.length ? 'Polygon' : g.points.length > 2 ? 'MultiPoint' : 'Point');
        writer.values[0]!.int64(Number(rows.get(i)));
        writer.values[1]!.binary(g.polygons.length ? writeWkb(g.polygons) : writePointWkb(g.points));
      }
      writer.flushRowGroup();
    }
    writer.close();
    const name = quoteIdent(geometry.column_name);
    const kept = described.filter((c) => c !== geometry && c.column_name !== 'bbox').map((c) => `s.${quoteIdent(c.column_name)}`);
    const geo = JSON.stringify({
      version: '1.1.0',
      primary_column: geometry.column_name,
      columns: { [geometry.column_name]: { encoding: 'WKB', geometry_types: [...types].sort(), crs: projJson(epsg) } },
    });
    await engine.exec(
      `COPY (SELECT ${[...kept, `w.wkb AS ${name}`].join(', ')} FROM ${source} s LEFT JOIN read_parquet(${literalSql(side)}) w ON w.r = s.file_row_number ORDER BY s.file_row_number)
      TO ${literalSql(file)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {geo: ${literalSql(geo)}})`,
      signal,
    );
  } finally {
    writer.destroy();
    await fs.rm(side, { force: true });
  }
}
