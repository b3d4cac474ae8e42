import { flatBounds } from '../../../shared/geo/flatBounds';
import { readWkb } from '../../../shared/geo/wkb';
import { float64Builder, uint32Builder } from './arrayBuilder';
import { mercatorX, mercatorY } from './mercator';
import { triangulate } from './triangulate';

/**
 * Flat, transferable buffers for deck.gl's binary paths: one "part" per polygon of a
 * (multi)polygon, triangulated here so the main thread never tessellates, and one position per
 * point of a (multi)point.
 */
export interface GeometryBuffers {
  /** rows that have a geometry (what the map draws) */
  rowCount: number;
  /** rows that have at least one polygon */
  polygonRows: number;
  /**
   * All rings' vertices, back to back: Web Mercator x/y in deck.gl's common units (mercator.ts),
   * as offsets from `origin`. Projected here in double precision, a position is right wherever
   * it lies; float32 offsets from the result's centre need no 64-bit split on the main thread.
   */
  positions: Float32Array;
  /** the result's centre in common units, which every position (and segment, part centre) is an offset from */
  origin: [number, number];
  /** vertex index where each part starts; length parts + 1 */
  partStarts: Uint32Array;
  /** vertex index where each ring starts; length rings + 1 (the selected row's outline) */
  ringStarts: Uint32Array;
  /** triangle vertex indices into positions */
  triangles: Uint32Array;
  /** the part of each vertex (deck.gl's per-vertex object index, which picking encodes) */
  vertexPart: Uint32Array;
  /** result row of each part / ring (picking → table row) */
  partRow: Uint32Array;
  ringRow: Uint32Array;
  /** outline segments [x0, y0, x1, y1] (offsets from origin, like positions) back to back: a LineLayer draws them with no main-thread path work */
  segments: Float32Array;
  /**
   * Each part's bounding-box centre (offsets from origin, like positions): the map marks every
   * parcel there with a dot of a few pixels when zoomed out, where the polygon itself is sub-pixel.
   */
  partCenters: Float32Array;
  /** lon/lat pairs of all points (deck.gl splits these few to 64 bits itself), and the result row of each */
  points: Float64Array;
  pointRow: Uint32Array;
  /** lon/lat */
  bounds: [number, number, number, number] | null;
  /** rows whose geometry could not be read */
  invalidRows: number[];
}

/** WKB values per row (null where the row has no geometry). */
export function buildGeometryBuffers(geometries: Iterable<Uint8Array | null>): GeometryBuffers {
  const builder = new GeometryBuilder();
  for (const wkb of geometries) builder.add(wkb);
  return builder.finish();
}

/**
 * Rows' WKB added one at a time (a result's record batches as they arrive), buffers made at the
 * end: most of a large result is triangulated while the rest is still downloading.
 */
export class GeometryBuilder {
  private readonly xy = float64Builder();
  private readonly partStarts = uint32Builder();
  private readonly ringStarts = uint32Builder();
  private readonly triangles = uint32Builder();
  private readonly partRow = uint32Builder();
  private readonly ringRow = uint32Builder();
  private readonly points: number[] = [];
  private readonly pointRow: number[] = [];
  private readonly invalidRows: number[] = [];
  private rowsWithGeometry = 0;
  private polygonRows = 0;
  private readonly bounds = [Infinity, Infinity, -Infinity, -Infinity];
  private row = 0;

  constructor() {
    this.partStarts.push(0);
    this.ringStarts.push(0);
  }

  add(wkb: Uint8Array | null): void {
    const row = this.row++;
    if (!wkb) return;
    let parsed;
    try {
      parsed = readWkb(wkb);
    } catch {
      this.invalidRows.push(row);
      return;
    }
    const { xy, triangles } = this;
    this.rowsWithGeometry++;
    if (parsed.polygons.length) this.polygonRows++;
    for (let i = 0; i < parsed.points.length; i += 2) {
      this.points.push(parsed.points[i]!, parsed.points[i + 1]!);
      this.pointRow.push(row);
      this.extend(parsed.points, i);
    }
    for (const polygon of parsed.polygons) {
      const base = xy.length / 2;
      const holes: number[] = [];
      for (const ring of polygon) {
        if (xy.length / 2 > base) holes.push(xy.length / 2 - base);
        // projected as the batches arrive, not at the end: the download hides the cost
        for (let i = 0; i < ring.length; i += 2) {
          xy.push(mercatorX(ring[i]!));
          xy.push(mercatorY(ring[i + 1]!));
          this.extend(ring, i);
        }
        this.ringStarts.push(xy.length / 2);
        this.ringRow.push(row);
      }
      // a polygon without holes is its one ring; otherwise its rings back to back
      triangulate(polygon.length === 1 ? polygon[0]! : polygon.flat(), holes, (t) => triangles.push(base + t));
      this.partStarts.push(xy.length / 2);
      this.partRow.push(row);
    }
  }

  finish(): GeometryBuffers {
    const { xy, bounds } = this;
    const starts = this.partStarts.finish();
    const rings = this.ringStarts.finish();
    const vertices = xy.length / 2;
    const vertexPart = new Uint32Array(vertices);
    for (let p = 0; p + 1 < starts.length; p++) vertexPart.fill(p, starts[p]!, starts[p + 1]!);
    const any = this.rowsWithGeometry > 0;
    // Offsets from the centre: across all of Korea (under 5 units each way) a float32 offset is good to 2 cm.
    const origin: [number, number] = any ? [mercatorX((bounds[0]! + bounds[2]!) / 2), mercatorY((bounds[1]! + bounds[3]!) / 2)] : [0, 0];
    const offsets = new Float32Array(xy.length);
    for (let i = 0; i < xy.length; i += 2) {
      offsets[i] = xy.at(i) - origin[0];
      offsets[i + 1] = xy.at(i + 1) - origin[1];
    }
    const partCenters = new Float32Array(2 * (starts.length - 1));
    for (let p = 0; p + 1 < starts.length; p++) {
      const [x0, y0, x1, y1] = flatBounds(offsets, starts[p]!, starts[p + 1]!);
      partCenters[2 * p] = (x0 + x1) / 2;
      partCenters[2 * p + 1] = (y0 + y1) / 2;
    }
    const segments = new Float32Array((vertices - (rings.length - 1)) * 4);
    let s = 0;
    for (let r = 0; r + 1 < rings.length; r++) {
      for (let v = rings[r]!; v + 1 < rings[r + 1]!; v++) {
        segments[s++] = offsets[2 * v]!;
        segments[s++] = offsets[2 * v + 1]!;
        segments[s++] = offsets[2 * v + 2]!;
        segments[s++] = offsets[2 * v + 3]!;
      }
    }
    return {
      rowCount: this.rowsWithGeometry,
      polygonRows: this.polygonRows,
      positions: offsets,
      origin,
      partStarts: starts,
      ringStarts: rings,
      triangles: this.triangles.finish(),
      vertexPart,
      partRow: this.partRow.finish(),
      ringRow: this.ringRow.finish(),
      segments,
      partCenters,
      points: Float64Array.from(this.points),
      pointRow: Uint32Array.from(this.pointRow),
      bounds: any ? [bounds[0]!, bounds[1]!, bounds[2]!, bounds[3]!] : null,
      invalidRows: this.invalidRows,
    };
  }

  private extend(flat: ArrayLike<number>, i: number): void {
    const x = flat[i]!;
    const y = flat[i + 1]!;
    const b = this.bounds;
    if (x < b[0]!) b[0] = x;
    if (y < b[1]!) b[1] = y;
    if (x > b[2]!) b[2] = x;
    if (y > b[3]!) b[3] = y;
  }
}

export function transferables(b: GeometryBuffers): ArrayBuffer[] {
  return [
    b.positions,
    b.partStarts,
    b.ringStarts,
    b.triangles,
    b.vertexPart,
    b.partRow,
    b.ringRow,
    b.segments,
    b.partCenters,
    b.points,
    b.pointRow,
  ].map((a) => a.buffer as ArrayBuffer);
}
