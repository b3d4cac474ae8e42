import earcut from 'earcut';
import { readWkb } from '../../../shared/geo/wkb';

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
  /** lon/lat pairs of all rings, back to back */
  positions: Float32Array;
  /** lon/lat every position is an offset from: float32 offsets need no 64-bit split on the main thread */
  origin: [number, number];
  /** vertex index where each part starts; length parts + 1 */
  partStarts: Uint32Array;
  /** vertex index where each ring starts; length rings + 1 (outlines) */
  ringStarts: Uint32Array;
  /** triangle vertex indices into positions */
  triangles: Uint32Array;
  /** 0 on the last vertex of each ring, so rings are not joined */
  vertexValid: Uint16Array;
  /** the part of each vertex (deck.gl's per-vertex object index, which picking encodes) */
  vertexPart: Uint32Array;
  /** result row of each part / ring (picking → table row) */
  partRow: Uint32Array;
  ringRow: Uint32Array;
  /** outline segments [x0, y0, x1, y1] (offsets from origin) back to back: a LineLayer draws them with no main-thread path work */
  segments: Float32Array;
  /** lon/lat pairs of all points, and the result row of each */
  points: Float64Array;
  pointRow: Uint32Array;
  bounds: [number, number, number, number] | null;
  /** rows whose geometry could not be read */
  invalidRows: number[];
}

/** WKB values per row (null where the row has no geometry). */
export function buildGeometryBuffers(geometries: Iterable<Uint8Array | null>): GeometryBuffers {
  const positions: number[] = [];
  const partStarts: number[] = [0];
  const ringStarts: number[] = [0];
  const triangles: number[] = [];
  const partRow: number[] = [];
  const ringRow: number[] = [];
  const points: number[] = [];
  const pointRow: number[] = [];
  const invalidRows: number[] = [];
  let rowsWithGeometry = 0;
  let polygonRows = 0;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  let row = 0;
  for (const wkb of geometries) {
    if (wkb) {
      let parsed;
      try {
        parsed = readWkb(wkb);
      } catch {
        invalidRows.push(row);
        parsed = null;
      }
      if (parsed) {
        rowsWithGeometry++;
        if (parsed.polygons.length) polygonRows++;
        for (let i = 0; i < parsed.points.length; i += 2) {
          const x = parsed.points[i]!;
          const y = parsed.points[i + 1]!;
          points.push(x, y);
          pointRow.push(row);
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
        for (const polygon of parsed.polygons) {
          const base = positions.length / 2;
          const flat: number[] = [];
          const holes: number[] = [];
          for (const ring of polygon) {
            if (flat.length) holes.push(flat.length / 2);
            for (let i = 0; i < ring.length; i += 2) {
              const x = ring[i]!;
              const y = ring[i + 1]!;
              flat.push(x, y);
              if (x < x0) x0 = x;
              if (x > x1) x1 = x;
              if (y < y0) y0 = y;
              if (y > y1) y1 = y;
            }
            ringStarts.push(base + flat.length / 2);
            ringRow.push(row);
          }
          for (const t of earcut(flat, holes, 2)) triangles.push(base + t);
          for (const v of flat) positions.push(v);
          partStarts.push(positions.length / 2);
          partRow.push(row);
        }
      }
    }
    row++;
  }
  const vertexValid = new Uint16Array(positions.length / 2).fill(1);
  const vertexPart = new Uint32Array(positions.length / 2);
  for (let p = 0; p + 1 < partStarts.length; p++) vertexPart.fill(p, partStarts[p]!, partStarts[p + 1]!);
  for (let r = 1; r < ringStarts.length; r++) vertexValid[ringStarts[r]! - 1] = 0;
  // Offsets from the centre: within Korea a float32 offset in degrees is good to about 2 cm.
  const origin: [number, number] = rowsWithGeometry ? [(x0 + x1) / 2, (y0 + y1) / 2] : [0, 0];
  const offsets = new Float32Array(positions.length);
  for (let i = 0; i < positions.length; i += 2) {
    offsets[i] = positions[i]! - origin[0];
    offsets[i + 1] = positions[i + 1]! - origin[1];
  }
  const segments = new Float32Array((positions.length / 2 - (ringStarts.length - 1)) * 4);
  let s = 0;
  for (let r = 0; r + 1 < ringStarts.length; r++) {
    for (let v = ringStarts[r]!; v + 1 < ringStarts[r + 1]!; v++) {
      segments[s++] = offsets[2 * v]!;
      segments[s++] = offsets[2 * v + 1]!;
      segments[s++] = offsets[2 * v + 2]!;
      segments[s++] = offsets[2 * v + 3]!;
    }
  }
  return {
    rowCount: rowsWithGeometry,
    polygonRows,
    positions: offsets,
    origin,
    partStarts: Uint32Array.from(partStarts),
    ringStarts: Uint32Array.from(ringStarts),
    triangles: Uint32Array.from(triangles),
    vertexValid,
    vertexPart,
    partRow: Uint32Array.from(partRow),
    ringRow: Uint32Array.from(ringRow),
    segments,
    points: Float64Array.from(points),
    pointRow: Uint32Array.from(pointRow),
    bounds: rowsWithGeometry ? [x0, y0, x1, y1] : null,
    invalidRows,
  };
}

export function transferables(b: GeometryBuffers): ArrayBuffer[] {
  return [b.positions, b.partStarts, b.ringStarts, b.triangles, b.vertexValid, b.vertexPart, b.partRow, b.ringRow, b.segments, b.points, b.pointRow].map((a) => a.buffer as ArrayBuffer);
}
