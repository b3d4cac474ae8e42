/**
 * WKB for the geometries cadastral data has: Polygon and MultiPolygon (2D; Z/M dropped on read).
 * A ring is a flat [x0, y0, x1, y1, ...] array, closed (first point repeated last).
 */
export type Ring = number[];
export type Polygon = Ring[];

export interface ParsedGeometry {
  polygons: Polygon[];
}

const POLYGON = 3;
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
  const top = header();
  if (top.type === POLYGON) return { polygons: [polygon(top.le, top.dims)] };
  if (top.type === MULTIPOLYGON) {
    const n = view.getUint32(o, top.le);
    o += 4;
    const polygons: Polygon[] = [];
    for (let i = 0; i < n; i++) {
      const h = header();
      if (h.type !== POLYGON) throw new TypeError(`WKB: MultiPolygon member of type ${h.type}`);
      polygons.push(polygon(h.le, h.dims));
    }
    return { polygons };
  }
  throw new TypeError(`WKB: geometry type ${top.type} is not a (multi)polygon`);
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
  return g.polygons.length === 1 ? `POLYGON ${poly(g.polygons[0]!)}` : `MULTIPOLYGON (${g.polygons.map(poly).join(', ')})`;
}

/** Signed area by the shoelace formula (positive = counter-clockwise in x/y). */
export function ringArea(r: Ring): number {
  let a = 0;
  for (let i = 0; i + 3 < r.length; i += 2) a += r[i]! * r[i + 3]! - r[i + 2]! * r[i + 1]!;
  return a / 2;
}
