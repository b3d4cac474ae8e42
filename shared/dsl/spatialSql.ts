import { quoteIdent } from './quoteIdent';
import type { SpatialSpec } from './spatialCheck';

/** A lon/lat rectangle: xmin, ymin, xmax, ymax. */
export type Box = readonly [number, number, number, number];

/** What a spatial step reads: the host's table of accepted geometries and the prefilter box. */
export interface SpatialRelation {
  /**
   * One row per accepted geometry: `h`, the hash of the row's geometry (UBIGINT), and for
   * spatial_join `s`, the hash of the model shape it meets.
   */
  table: string;
  /** the bbox covering every target shape (grown by the distance for near); null: not known yet */
  box: Box | null;
}

/**
 * The SQL of a host-refined step. The bbox comparison repeats the host's prefilter so Parquet
 * row-group statistics still skip the rest of the store; the hash test keeps exactly the rows
 * the geometry engine accepted (the host refuses the query when two different geometries of the
 * candidates share a hash, so it cannot keep a wrong row).
 */
export function spatialSql(spec: SpatialSpec, from: string, rel: SpatialRelation): string {
  const g = quoteIdent(spec.geometry);
  const t = quoteIdent(rel.table);
  if (spec.predicate !== 'join') {
    const box = rel.box ? `${boxSql(rel.box, '"bbox"')} AND ` : '';
    return `SELECT * FROM ${from} WHERE ${box}hash(${g}) IN (SELECT "h" FROM ${t})`;
  }
  if (spec.target.kind !== 'model') throw new Error('spatial_join: the target is a model');
  const added = spec.added.map((c) => `m.${quoteIdent(c.name)}${c.as === c.name ? '' : ` AS ${quoteIdent(c.as)}`}`);
  const box = rel.box ? `\n  WHERE ${boxSql(rel.box, 's."bbox"')}` : '';
  return (
    `SELECT s.*${added.map((a) => `, ${a}`).join('')}\n  FROM ${from} AS s\n  JOIN ${t} AS t ON hash(s.${g}) = t."h"\n` +
    `  JOIN ${quoteIdent(spec.target.name)} AS m ON hash(m.${quoteIdent(spec.target.geometry)}) = t."s"${box}`
  );
}

/** Rows whose bbox meets the box: what the Parquet statistics can prune on. */
export function boxSql(box: Box, bbox: string): string {
  const [xmin, ymin, xmax, ymax] = box.map(num) as [string, string, string, string];
  return `${bbox}.xmax >= ${xmin} AND ${bbox}.xmin <= ${xmax} AND ${bbox}.ymax >= ${ymin} AND ${bbox}.ymin <= ${ymax}`;
}

/** The lon/lat box holding every point within `meters` of a point (a sphere of 6,371 km is close enough for a prefilter that is grown, never shrunk). */
export function nearBox(lon: number, lat: number, meters: number): Box {
  const dLat = (meters / 111_320) * 1.01;
  const dLon = (meters / (111_320 * Math.cos((Math.min(Math.abs(lat) + dLat, 89.9) * Math.PI) / 180))) * 1.01;
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}
