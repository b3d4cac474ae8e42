import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';
import { GeoSourceError } from './geoSource';
import { wkbBounds } from './modelTable';

/**
 * A Parquet file as a model's stored copy. With a geometry column and no `bbox`, the store's bbox
 * covering is added (xmin, ymin, xmax, ymax of each shape), so `within` and the spatial steps work
 * on it as on GeoJSON models. The bounds are computed here: DuckDB's core has no extent
 * functions without its spatial extension, which cannot be loaded offline.
 */
export async function storeParquetModel(
  engine: Engine,
  source: string,
  file: string,
  workDir: string,
  signal?: AbortSignal,
): Promise<void> {
  const src = `read_parquet(${literalSql(source)}, file_row_number = true)`;
  const columns = await engine.describe(`SELECT * FROM read_parquet(${literalSql(source)})`);
  const geometry = columns.find((c) => c.type.startsWith('GEOMETRY'));
  if (!geometry || columns.some((c) => c.name.toLowerCase() === 'bbox')) {
    await fs.copyFile(source, file);
    return;
  }
  const g = quoteIdent(geometry.name);
  const rows = await engine.rows<{ r: bigint; w: Uint8Array }>(
    `SELECT file_row_number AS r, ST_AsWKB(${g}) AS w FROM ${src} WHERE ${g} IS NOT NULL`,
    signal,
  );
  await fs.mkdir(workDir, { recursive: true });
  const boxes = path.join(workDir, `bbox-${randomUUID()}.parquet`);
  const writer = new ParquetWriter(boxes, [
    { name: 'r', type: 'int64' },
    ...['xmin', 'ymin', 'xmax', 'ymax'].map((name) => ({ name, type: 'double' as const })),
  ]);
  for (const row of rows) {
    let b: [number, number, number, number];
    try {
      b = wkbBounds(row.w);
    } catch (e) {
      writer.close();
      await fs.rm(boxes, { force: true });
      throw new GeoSourceError(`row ${Number(row.r) + 1}: ${(e as Error).message.replace(/^WKB: /, '')} — models hold polygons or points`);
    }
    writer.values[0]!.int64(Number(row.r));
    b.forEach((v, k) => writer.values[k + 1]!.double(v));
  }
  writer.close();
  try {
    // rows keep the file's order (file_row_number), so the model reads as the file does
    await engine.exec(
      `COPY (SELECT p.* EXCLUDE (file_row_number), CASE WHEN b.r IS NOT NULL THEN struct_pack(xmin := b.xmin, ymin := b.ymin, xmax := b.xmax, ymax := b.ymax) END AS bbox
      FROM ${src} AS p LEFT JOIN read_parquet(${literalSql(boxes)}) AS b ON b.r = p.file_row_number ORDER BY p.file_row_number)
      TO ${literalSql(file)} (FORMAT parquet, COMPRESSION zstd)`,
      signal,
    );
  } finally {
    await fs.rm(boxes, { force: true });
  }
}
