import proj4 from 'proj4';
import type { Polygon } from '../../../shared/geo/wkb';
import { proj4Definition, type KoreanCrs } from './koreanCrs';

/** Parcels smaller than this (metres, bbox side) are reprojected through a local affine map. */
const AFFINE_MAX_EXTENT = 300;
const STEP = 50;

export type Reproject = (polygons: Polygon[]) => Polygon[];

/**
 * Source CRS → WGS 84 lon/lat, in place. Exact (proj4) for large geometries; for a parcel-sized
 * one, three exact transforms define a local affine map applied to every vertex. The map bends
 * mostly through meridian convergence (~1e-7 rad/m), so over 300 m the affine error stays at a
 * few millimetres (tested); over that, every vertex is transformed exactly.
 */
export function createReprojector(crs: KoreanCrs): Reproject {
  if (!crs.tmerc) return (polygons) => polygons;
  const exact = proj4(proj4Definition(crs), 'WGS84');
  const fwd = (x: number, y: number) => exact.forward([x, y]) as [number, number];
  return (polygons) => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of polygons) for (const ring of poly) for (let i = 0; i < ring.length; i += 2) {
      const x = ring[i]!;
      const y = ring[i + 1]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    if (x1 - x0 > AFFINE_MAX_EXTENT || y1 - y0 > AFFINE_MAX_EXTENT) {
      for (const poly of polygons) for (const ring of poly) for (let i = 0; i < ring.length; i += 2) {
        const [lon, lat] = fwd(ring[i]!, ring[i + 1]!);
        ring[i] = lon;
        ring[i + 1] = lat;
      }
      return polygons;
    }
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const [lon0, lat0] = fwd(cx, cy);
    const [lonX, latX] = fwd(cx + STEP, cy);
    const [lonY, latY] = fwd(cx, cy + STEP);
    const a = (lonX - lon0) / STEP;
    const b = (lonY - lon0) / STEP;
    const c = (latX - lat0) / STEP;
    const d = (latY - lat0) / STEP;
    for (const poly of polygons) for (const ring of poly) for (let i = 0; i < ring.length; i += 2) {
      const dx = ring[i]! - cx;
      const dy = ring[i + 1]! - cy;
      ring[i] = lon0 + a * dx + b * dy;
      ring[i + 1] = lat0 + c * dx + d * dy;
    }
    return polygons;
  };
}

/** One point, exactly (tests, single coordinates). */
export function reprojectPoint(crs: KoreanCrs, x: number, y: number): [number, number] {
  if (!crs.tmerc) return [x, y];
  return proj4(proj4Definition(crs), 'WGS84', [x, y]) as [number, number];
}
