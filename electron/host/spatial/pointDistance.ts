import { readWkb } from '../../../shared/geo/wkb';
import { metresPerDegree } from './localMetres';

/**
 * Metres from a lon/lat point to a shape (its outline or its inside: 0 when the point is in it).
 * Coordinates are laid out in metres around the point (localMetres.ts). This replaces measuring
 * from the parcel's bbox centre, which kept a large parcel the point stands in out when its
 * centre was far, and let a parcel in whose centre was near.
 */
export function metresFromPoint(wkb: Uint8Array, lon: number, lat: number): number {
  const g = readWkb(wkb);
  const { kx, ky } = metresPerDegree(lat);
  const x = (v: number) => (v - lon) * kx;
  const y = (v: number) => (v - lat) * ky;
  let best = Infinity;
  for (let i = 0; i < g.points.length; i += 2) best = Math.min(best, Math.hypot(x(g.points[i]!), y(g.points[i + 1]!)));
  for (const polygon of g.polygons) {
    let inside = false;
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
        const [ax, ay, bx, by] = [x(ring[j]!), y(ring[j + 1]!), x(ring[i]!), y(ring[i + 1]!)];
        // even-odd crossings of the ray to +x from the point (the origin): holes count as outside
        if (ay > 0 !== by > 0 && 0 < ax + ((bx - ax) * (0 - ay)) / (by - ay)) inside = !inside;
        best = Math.min(best, segmentDistance(ax, ay, bx, by));
      }
    }
    if (inside) return 0;
  }
  return best;
}

/** Distance from the origin to the segment a–b. */
function segmentDistance(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
  return Math.hypot(ax + t * dx, ay + t * dy);
}
