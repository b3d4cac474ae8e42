import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CatalogColumn, ColumnType } from '../../shared/dsl/catalog';
import { emptyBounds, flatBounds, type Bounds } from '../../shared/geo/flatBounds';
import { readWkb } from '../../shared/geo/wkb';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';
import type { DelimitedTable } from './delimitedText';

/**
 * A model's stored copy: the analyst's rows as typed Parquet. A column becomes a number only when
 * every value is one and nothing would be lost: '007' (leading zero) and 19-digit codes stay text,
 * because float64 and integers would change them. Blank values are null.
 */
export async function writeModelParquet(
  engine: Engine,
  table: Pick<DelimitedTable, 'header' | 'rows'>,
  file: string,
  /** the analyst's own shapes: WKB in EPSG:4326 per row (null: none), stored as `geometry` + `bbox` */
  geometries?: (Uint8Array | null)[],
  signal?: AbortSignal,
): Promise<CatalogColumn[]> {
  const staged = path.join(path.dirname(file), `.${randomUUID()}.parquet`);
  const geo = geometries ? [{ name: GEOMETRY, type: 'binary' as const }, ...BBOX.map((name) => ({ name, type: 'double' as const }))] : [];
  const writer = new ParquetWriter(staged, [...table.header.map((name) => ({ name, type: 'string' as const })), ...geo]);
  const g = table.header.length;
  table.rows.forEach((row, i) => {
    row.forEach((v, j) => writer.values[j]!.string(v));
    if (!geometries) return;
    const wkb = geometries[i] ?? new Uint8Array(0);
    writer.values[g]!.binary(wkb);
    const b = wkb.length ? wkbBounds(wkb) : [0, 0, 0, 0];
    b.forEach((v, k) => writer.values[g + 1 + k]!.double(v));
  });
  writer.close();
  try {
    return await typeModelParquet(engine, staged, table.header, file, !!geometries, signal);
  } finally {
    await fs.rm(staged, { force: true });
  }
}

/**
 * Staged text columns (Parquet) → the model's typed Parquet. Types are decided in the engine over
 * every value, so a million-row file is never walked in JavaScript.
 */
export async function typeModelParquet(
  engine: Engine,
  staged: string,
  names: string[],
  file: string,
  geometry: boolean,
  signal?: AbortSignal,
): Promise<CatalogColumn[]> {
  const source = `read_parquet(${literalSql(staged)})`;
  const types = await inferColumnTypes(engine, source, names, signal);
  const select = names.map((name, j) => {
    const value = `NULLIF(trim(${quoteIdent(name)}), '')`;
    if (types[j] === 'integer') return `CAST(${value} AS BIGINT) AS ${quoteIdent(name)}`;
    if (types[j] === 'number') return `CAST(${value} AS DOUBLE) AS ${quoteIdent(name)}`;
    return `NULLIF(${quoteIdent(name)}, '') AS ${quoteIdent(name)}`;
  });
  if (geometry) {
    // the same bbox covering column the store has, so `within` works on models too
    const box = BBOX.map((b) => `${b} := ${b}`).join(', ');
    select.push(
      `CASE WHEN octet_length(${GEOMETRY}) > 0 THEN ST_GeomFromWKB(${GEOMETRY}) END AS ${GEOMETRY}`,
      `CASE WHEN octet_length(${GEOMETRY}) > 0 THEN struct_pack(${box}) END AS bbox`,
    );
  }
  await engine.exec(`COPY (SELECT ${select.join(', ')} FROM ${source}) TO ${literalSql(file)} (FORMAT parquet, COMPRESSION zstd)`, signal);
  const columns: CatalogColumn[] = names.map((name, j) => ({ name, type: types[j]! }));
  return geometry ? [...columns, { name: GEOMETRY, type: 'geometry' }, { name: 'bbox', type: 'struct' }] : columns;
}

// Up to 15 significant digits: a float64 holds those exactly, so the number prints back as written.
const INTEGER = String.raw`-?(0|[1-9][0-9]{0,14})`;
const NUMBER = String.raw`-?(0|[1-9][0-9]*)(\.[0-9]+)?`;

/**
 * Per text column: integer, number or string. A column is numeric only when every non-blank value
 * is, and nothing would be lost: '007' (leading zero), 19-digit codes, '1e5' stay text.
 */
export async function inferColumnTypes(engine: Engine, relation: string, names: string[], signal?: AbortSignal): Promise<ColumnType[]> {
  if (!names.length) return [];
  const checks = names.flatMap((name, j) => {
    const v = `NULLIF(trim(${quoteIdent(name)}), '')`;
    return [
      `count(${v}) AS n${j}`,
      `bool_and(regexp_full_match(${v}, '${INTEGER}')) AS i${j}`,
      `bool_and(regexp_full_match(${v}, '${NUMBER}') AND length(regexp_replace(${v}, '[-.]', '', 'g')) <= 15) AS f${j}`,
    ];
  });
  const [r] = await engine.rows<Record<string, bigint | boolean | null>>(`SELECT ${checks.join(', ')} FROM ${relation}`, signal);
  return names.map((_, j) => (!Number(r![`n${j}`]) ? 'string' : r![`i${j}`] ? 'integer' : r![`f${j}`] ? 'number' : 'string'));
}

const GEOMETRY = 'geometry';
const BBOX = ['xmin', 'ymin', 'xmax', 'ymax'] as const;

/** A shape's lon/lat box: what the bbox covering of a model with geometry is made of. */
export function wkbBounds(wkb: Uint8Array): [number, number, number, number] {
  const g = readWkb(wkb);
  return [...g.polygons, [g.points]].flat().reduce<Bounds>((b, ring) => flatBounds(ring, 0, ring.length / 2, b), emptyBounds());
}

/** Makes a stored model queryable by its name (Korean names included). */
export async function attachModel(engine: Engine, name: string, file: string): Promise<void> {
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT * FROM read_parquet(${literalSql(file)})`);
}
