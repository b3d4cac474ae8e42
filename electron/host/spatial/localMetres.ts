import { readWkb, writePointWkb, writeWkb } from '../../../shared/geo/wkb';

/**
 * Metres per degree of longitude and latitude at a latitude (WGS 84 ellipsoid, first terms).
 * Laid out around a point, lon/lat become metres good to centimetres within a few kilometres:
 * what `near` distances are measured in.
 */
export function metresPerDegree(lat: number): { kx: number; ky: number } {
  const s = Math.sin((lat * Math.PI) / 180);
  return { kx: 111_320 * Math.cos((lat * Math.PI) / 180), ky: 110_574 + (111_694 - 110_574) * s * s };
}

/** A shape's WKB with its lon/lat laid out in metres around (lon0, lat0), for GEOS distances. */
export function toLocalMetres(wkb: Uint8Array, lon0: number, lat0: number): Uint8Array {
  const { kx, ky } = metresPerDegree(lat0);
  const g = readWkb(wkb);
  const move = (flat: number[]) => flat.map((v, i) => (i % 2 ? (v - lat0) * ky : (v - lon0) * kx));
  return g.polygons.length ? writeWkb(g.polygons.map((p) => p.map(move))) : writePointWkb(move(g.points));
}
