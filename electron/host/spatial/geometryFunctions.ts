import { readWkb, ringArea, writePointWkb, writeWkb, type ParsedGeometry, type Polygon } from '../../../shared/geo/wkb';
import type { Engine } from '../../engine/engine';
import { beltPlane, type BeltPlane } from './beltPlane';
import { FUNCTIONS } from '../../../shared/dsl/functions';
import { geosEngine, GeosSession, loadedGeos } from './geosEngine';

/**
 * The DSL's shape functions (shared/dsl/functions.ts: area, centroid, buffer) as scalar functions
 * DuckDB calls per row, so a query stays one plan and one statement: DuckDB's spatial extension
 * cannot be loaded offline. Shapes arrive and leave as lon/lat WKB; each is measured on the Korea
 * 2000 belt plane of its centre (beltPlane.ts), in metres.
 */
export function registerGeometryFunctions(engine: Engine): void {
  // one GEOS session for the process, made at the first buffer: it parses into its scratch
  // geometry, one row at a time. GEOS is loaded by then: a query calling buffer awaits it first.
  let session: GeosSession | null = null;
  const geos = () => {
    const loaded = loadedGeos();
    if (!loaded) throw new Error('buffer(): the geometry engine could not be loaded');
    return (session ??= new GeosSession(loaded));
  };
  engine.registerScalar({ name: 'pilji_area', params: ['blob'], returns: 'double', compute: ([w]) => area(w as Uint8Array) });
  engine.registerScalar({ name: 'pilji_centroid', params: ['blob'], returns: 'blob', compute: ([w]) => centroid(w as Uint8Array) });
  engine.registerScalar({
    name: 'pilji_buffer',
    params: ['blob', 'double'],
    returns: 'blob',
    compute: ([w, m]) => buffer(geos(), w as Uint8Array, m as number),
  });
}

/**
 * Loads GEOS before a statement calling buffer runs (its scalar function cannot wait). If it
 * cannot load, buffer fails in the engine, located at its step; the rest of the DSL works.
 */
export async function awaitGeosFor(sql: string): Promise<void> {
  if (sql.includes(`${FUNCTIONS.buffer!.sql}(`)) await geosEngine().catch(() => undefined);
}

/** The farthest a buffer reaches: beyond it a belt plane no longer measures true. */
export const MAX_BUFFER_METRES = 100_000;

/**
 * Segments per quarter circle in a buffer's arcs: the arc's chords stay within
 * d·(1 − cos(π/128)) ≈ 0.03% of the distance of the true circle (3 cm at 100 m).
 */
const QUADRANT_SEGMENTS = 32;

/** A shape laid out on the belt plane of its centre, with that plane. */
function planar(wkb: Uint8Array): { g: ParsedGeometry; plane: BeltPlane } {
  const g = readWkb(wkb);
  let [xmin, xmax] = [Infinity, -Infinity];
  const extend = (flat: number[]) => {
    for (let i = 0; i < flat.length; i += 2) [xmin, xmax] = [Math.min(xmin, flat[i]!), Math.max(xmax, flat[i]!)];
  };
  extend(g.points);
  for (const p of g.polygons) for (const r of p) extend(r);
  const plane = beltPlane(Number.isFinite(xmin) ? (xmin + xmax) / 2 : 127);
  plane.forward(g.points);
  for (const p of g.polygons) for (const r of p) plane.forward(r);
  return { g, plane };
}

/** m²: each polygon's outer ring less its holes (points and empty shapes: 0). */
export function area(wkb: Uint8Array): number {
  return planar(wkb).g.polygons.reduce((sum, p) => sum + polygonArea(p), 0);
}

function polygonArea(p: Polygon): number {
  return p.reduce((a, ring, i) => a + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

/** The centre of area (of the points, for points), as a lon/lat point; null for an empty shape. */
export function centroid(wkb: Uint8Array): Uint8Array | null {
  const { g, plane } = planar(wkb);
  let [sx, sy, sa] = [0, 0, 0];
  for (const p of g.polygons) {
    p.forEach((ring, i) => {
      // each ring's own centre and area, holes counting against the outer ring
      const sign = (i === 0 ? 1 : -1) * Math.sign(ringArea(ring));
      const [x0, y0] = [ring[0]!, ring[1]!];
      for (let k = 0; k + 3 < ring.length; k += 2) {
        const [ax, ay, bx, by] = [ring[k]! - x0, ring[k + 1]! - y0, ring[k + 2]! - x0, ring[k + 3]! - y0];
        const cross = (ax * by - bx * ay) * sign;
        sx += (ax + bx + 3 * x0) * cross;
        sy += (ay + by + 3 * y0) * cross;
        sa += cross;
      }
    });
  }
  let xy: number[];
  if (sa > 0) xy = [sx / (3 * sa), sy / (3 * sa)];
  else {
    // no area (points, or a degenerate outline): the mean of the vertices
    const flat = g.points.length ? g.points : g.polygons.flat(2);
    if (!flat.length) return null;
    xy = [0, 0];
    for (let i = 0; i < flat.length; i += 2) [xy[0], xy[1]] = [xy[0]! + flat[i]!, xy[1]! + flat[i + 1]!];
    xy = [(xy[0]! * 2) / flat.length, (xy[1]! * 2) / flat.length];
  }
  plane.inverse(xy);
  return writePointWkb(xy);
}

/** The area within `metres` of the shape (negative: shrunk inward), as lon/lat. */
export function buffer(session: GeosSession, wkb: Uint8Array, metres: number): Uint8Array {
  if (!(Math.abs(metres) <= MAX_BUFFER_METRES)) throw new Error(`buffer(): the distance is at most ${MAX_BUFFER_METRES} m, not ${metres}`);
  const { g, plane } = planar(wkb);
  const flat = g.polygons.length ? writeWkb(g.polygons) : writePointWkb(g.points);
  const out = readWkb(session.buffer(flat, metres, QUADRANT_SEGMENTS));
  for (const p of out.polygons) for (const r of p) plane.inverse(r);
  return writeWkb(out.polygons);
}
