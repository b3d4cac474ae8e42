import { flatBounds } from '../../../shared/geo/flatBounds';
import proj4 from 'proj4';
import { proj4Definition, type KoreanCrs } from './koreanCrs';

/** Parcels smaller than this (metres, bbox side) are reprojected through a local affine map. */
const AFFINE_MAX_EXTENT = 300;
const STEP = 50;

/** Reprojects `count` x/y pairs of `coords` to WGS 84 lon/lat in place. */
export type Reproject = (coords: Float64Array, count: number) => void;

/**
 * Source CRS → WGS 84 lon/lat. Exact (proj4) for large geometries; for a parcel-sized one, three
 * exact transforms define a local affine map applied to every vertex. The map bends mostly
 * through meridian convergence (~1e-7 rad/m), so over 300 m the affine error stays at a few
 * millimetres (tested); over that, every vertex is transformed exactly.
 */
export function createReprojector(crs: KoreanCrs): Reproject {
  if (!crs.tmerc) return crs.ellipsoid === 'bessel' ? everyVertex(exactToWgs84(crs)) : () => undefined;
  const fwd = exactToWgs84(crs);
  const exact = everyVertex(fwd);
  return (c, count) => {
    const n = count * 2;
    const [x0, y0, x1, y1] = flatBounds(c, 0, count);
    if (x1 - x0 > AFFINE_MAX_EXTENT || y1 - y0 > AFFINE_MAX_EXTENT) return exact(c, count);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const [lon0, lat0] = fwd(cx, cy);
    const [lonX, latX] = fwd(cx + STEP, cy);
    const [lonY, latY] = fwd(cx, cy + STEP);
    const a = (lonX - lon0) / STEP;
    const b = (lonY - lon0) / STEP;
    const d = (latX - lat0) / STEP;
    const e = (latY - lat0) / STEP;
    for (let i = 0; i < n; i += 2) {
      const dx = c[i]! - cx;
      const dy = c[i + 1]! - cy;
      c[i] = lon0 + a * dx + b * dy;
      c[i + 1] = lat0 + d * dx + e * dy;
    }
  };
}

/** Each vertex exactly: large geometries, and Korean 1985 longitude/latitude (rare files; the affine map works in metres). */
function everyVertex(fwd: (x: number, y: number) => [number, number]): Reproject {
  return (c, count) => {
    for (let i = 0; i < count * 2; i += 2) {
      const [lon, lat] = fwd(c[i]!, c[i + 1]!);
      c[i] = lon;
      c[i + 1] = lat;
    }
  };
}

/**
 * One point to WGS 84 lon/lat. Korea 2000 (GRS80) is the WGS 84 datum, so its projection's own
 * inverse is the answer (identical to proj4's full transform, at half its cost: 3 points per parcel
 * make this the importer's hottest call); Korean 1985 needs proj4's datum shift.
 */
function exactToWgs84(crs: KoreanCrs): (x: number, y: number) => [number, number] {
  if (crs.ellipsoid === 'GRS80' && crs.tmerc) {
    const projection = new proj4.Proj(proj4Definition(crs));
    const point = { x: 0, y: 0 };
    return (x, y) => {
      point.x = x;
      point.y = y;
      const p = projection.inverse(point);
      return [p.x * DEGREES, p.y * DEGREES];
    };
  }
  const exact = proj4(proj4Definition(crs), 'WGS84');
  return (x, y) => exact.forward([x, y]) as [number, number];
}

const DEGREES = 180 / Math.PI;

/** One point, exactly (tests, single coordinates). */
export function reprojectPoint(crs: KoreanCrs, x: number, y: number): [number, number] {
  return crs.tmerc || crs.ellipsoid === 'bessel' ? exactToWgs84(crs)(x, y) : [x, y];
}
