import { ringArea, type Polygon } from '../../../shared/geo/wkb';

/** Why a geometry cannot enter the store, or null when it can. Unclosed rings are closed in place. */
export function geometryProblem(polygons: Polygon[] | null): string | null {
  if (!polygons) return 'no geometry (null shape)';
  if (polygons.length === 0) return 'empty geometry';
  for (const poly of polygons) {
    for (const ring of poly) {
      for (const v of ring) if (!Number.isFinite(v)) return 'coordinates are not finite numbers';
      const n = ring.length;
      if (n >= 4 && (ring[0] !== ring[n - 2] || ring[1] !== ring[n - 1])) ring.push(ring[0]!, ring[1]!);
      if (ring.length < 8) return `a ring has ${ring.length / 2} points (a polygon ring needs at least 4, closed)`;
    }
    if (ringArea(poly[0]!) === 0) return 'zero-area polygon';
  }
  return null;
}

/** Planar area in the units² of the coordinates: m² in a projected CRS (holes subtract). */
export function planarArea(polygons: Polygon[]): number {
  let a = 0;
  for (const poly of polygons) poly.forEach((ring, i) => (a += i === 0 ? Math.abs(ringArea(ring)) : -Math.abs(ringArea(ring))));
  return a;
}

/** Area on the ground for lon/lat coordinates (local equirectangular; parcel scale). */
export function lonLatArea(polygons: Polygon[]): number {
  const ring = polygons[0]![0]!;
  const lat = ring[1]!;
  const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
  const ky = 110_574;
  return planarArea(polygons.map((p) => p.map((r) => r.map((v, i) => v * (i % 2 === 0 ? kx : ky)))));
}

export function bboxOf(polygons: Polygon[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons) {
    const r = poly[0]!;
    for (let i = 0; i < r.length; i += 2) {
      if (r[i]! < x0) x0 = r[i]!;
      if (r[i]! > x1) x1 = r[i]!;
      if (r[i + 1]! < y0) y0 = r[i + 1]!;
      if (r[i + 1]! > y1) y1 = r[i + 1]!;
    }
  }
  return [x0, y0, x1, y1];
}
