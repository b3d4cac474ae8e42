/**
 * WKB for the geometries Pilji draws: Polygon and MultiPolygon (parcels, the analyst's areas) and
 * Point and MultiPoint (the analyst's sites); 2D, Z/M dropped on read. A ring is a flat
 * [x0, y0, x1, y1, ...] array, closed (first point repeated last).
 */
export type Ring = number[];
export type Polygon = Ring[];

export interface ParsedGeometry {
  polygons: Polygon[];
  /** flat [x0, y0, x1, y1, ...] of a (multi)point; empty for polygons */
  points: number[];
}

const POINT = 1;
const POLYGON = 3;
const MULTIPOINT = 4;
const MULTIPOLYGON = 6;

export function readWkb(bytes: Uint8Array): ParsedGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const header = () => {
    if (o + 5 > bytes.byteLength) throw new RangeError('WKB: truncated header');
    const le = view.getUint8(o) === 1;
    const raw = view.getUint32(o + 1, le);
    o += 5;
    // Z/M come as ISO thousands (1003 = Polygon Z) or EWKB high bits; an EWKB SRID follows the type.
    const iso = Math.floor((raw & 0x0fffffff) / 1000);
    const hasZ = (raw & 0x80000000) !== 0 || iso === 1 || iso === 3;
    const hasM = (raw & 0x40000000) !== 0 || iso === 2 || iso === 3;
    if (raw & 0x20000000) o += 4;
    return { le, type: (raw & 0x0fffffff) % 1000, dims: 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0) };
  };
  const polygon = (le: boolean, dims: number): Polygon => {
    const nRings = view.getUint32(o, le);
    o += 4;
    const rings: Polygon = [];
    for (let r = 0; r < nRings; r++) {
      const n = view.getUint32(o, le);
      o += 4;
      if (o + n * dims * 8 > bytes.byteLength) throw new RangeError('WKB: truncated ring');
      const ring = new Array<number>(n * 2);
      for (let i = 0; i < n; i++) {
        ring[2 * i] = view.getFloat64(o, le);
        ring[2 * i + 1] = view.getFloat64(o + 8, le);
        o += dims * 8;
      }
      rings.push(ring);
    }
    return rings;
  };
  const point = (le: boolean, dims: number, out: number[]) => {
    if (o + dims * 8 > bytes.byteLength) throw new RangeError('WKB: truncated point');
    out.push(view.getFloat64(o, le), view.getFloat64(o + 8, le));
    o += dims * 8;
  };
  const top = header();
  if (top.type === POLYGON) return { polygons: [polygon(top.le, top.dims)], points: [] };
  if (top.type === POINT) {
    const points: number[] = [];
    point(top.le, top.dims, points);
    // POINT EMPTY is written as NaN coordinates
    return { polygons: [], points: Number.isNaN(points[0]) ? [] : points };
  }
  if (top.type === MULTIPOLYGON || top.type === MULTIPOINT) {
    const member = top.type === MULTIPOLYGON ? POLYGON : POINT;
    const n = view.getUint32(o, top.le);
    o += 4;
    const polygons: Polygon[] = [];
    const points: number[] = [];
    for (let i = 0; i < n; i++) {
      const h = header();
      if (h.type !== member)
        throw new TypeError(`WKB: ${top.type === MULTIPOLYGON ? 'MultiPolygon' : 'MultiPoint'} member of type ${h.type}`);
      if (member === POLYGON) polygons.push(polygon(h.le, h.dims));
      else point(h.le, h.dims, points);
    }
    return { polygons, points };
  }
  throw new TypeError(`WKB: geometry type ${top.type} is not a (multi)polygon or (multi)point`);
}

/** Little-endian WKB: a Polygon for one part, a MultiPolygon otherwise. */
export function writeWkb(polygons: Polygon[]): Uint8Array {
  const single = polygons.length === 1;
  let size = single ? 0 : 9;
  for (const p of polygons) {
    size += 9;
    for (const r of p) size += 4 + r.length * 8;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let o = single ? 0 : writeHeader(view, 0, MULTIPOLYGON, polygons.length);
  for (const p of polygons) {
    o = writeHeader(view, o, POLYGON, p.length);
    for (const ring of p) {
      view.setUint32(o, ring.length / 2, true);
      o += 4;
      for (let i = 0; i < ring.length; i++, o += 8) view.setFloat64(o, ring[i]!, true);
    }
  }
  return out;
}

/** Little-endian WKB: a Point for one position, a MultiPoint otherwise (`xy` flat). */
export function writePointWkb(xy: number[]): Uint8Array {
  const n = xy.length / 2;
  const out = new Uint8Array(n === 1 ? 21 : 9 + n * 21);
  const view = new DataView(out.buffer);
  let o = n === 1 ? 0 : writeHeader(view, 0, MULTIPOINT, n);
  for (let i = 0; i < xy.length; i += 2) {
    view.setUint8(o, 1);
    view.setUint32(o + 1, POINT, true);
    view.setFloat64(o + 5, xy[i]!, true);
    view.setFloat64(o + 13, xy[i + 1]!, true);
    o += 21;
  }
  return out;
}

function writeHeader(view: DataView, o: number, type: number, count: number): number {
  view.setUint8(o, 1);
  view.setUint32(o + 1, type, true);
  view.setUint32(o + 5, count, true);
  return o + 9;
}

export function toWkt(g: ParsedGeometry): string {
  const ring = (r: Ring) => {
    const pts: string[] = [];
    for (let i = 0; i < r.length; i += 2) pts.push(`${r[i]} ${r[i + 1]}`);
    return `(${pts.join(', ')})`;
  };
  const poly = (p: Polygon) => `(${p.map(ring).join(', ')})`;
  if (!g.polygons.length && g.points.length) {
    const pts = ring(g.points).slice(1, -1).split(', ');
    return pts.length === 1 ? `POINT (${pts[0]})` : `MULTIPOINT (${pts.map((p) => `(${p})`).join(', ')})`;
  }
  return g.polygons.length === 1 ? `POLYGON ${poly(g.polygons[0]!)}` : `MULTIPOLYGON (${g.polygons.map(poly).join(', ')})`;
}

/** Signed area by the shoelace formula (positive = counter-clockwise in x/y). */
export function ringArea(r: Ring): number {
  let a = 0;
  for (let i = 0; i + 3 < r.length; i += 2) a += r[i]! * r[i + 3]! - r[i + 2]! * r[i + 1]!;
  return a / 2;
}
