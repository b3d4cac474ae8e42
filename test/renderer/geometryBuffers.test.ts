import { describe, expect, it } from 'vitest';
import { buildGeometryBuffers } from '../../renderer/src/map/geometryBuffers';
import { rowBounds } from '../../renderer/src/map/rowBounds';
import { writePointWkb, writeWkb } from '../../shared/geo/wkb';

const square = (x: number) => [x, 0, x + 1, 0, x + 1, 1, x, 1, x, 0];
const hole = [0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25];

describe('geometry buffers for deck.gl', () => {
  const b = buildGeometryBuffers([writeWkb([[square(0), hole]]), null, writeWkb([[square(5)], [square(7)]]), new Uint8Array([1, 2])]);

  it('counts rows with geometry, one part per polygon, and maps parts back to rows', () => {
    expect(b.rowCount).toBe(2);
    expect(Array.from(b.partRow)).toEqual([0, 2, 2]);
    expect(Array.from(b.partStarts)).toEqual([0, 10, 15, 20]);
    expect(Array.from(b.ringRow)).toEqual([0, 0, 2, 2]);
    expect(b.invalidRows).toEqual([3]);
    // every vertex names its part: deck.gl picks by it
    expect(Array.from(b.vertexPart)).toEqual([...Array(10).fill(0), ...Array(5).fill(1), ...Array(5).fill(2)]);
  });

  it('triangulates around holes', () => {
    // a square with a square hole: 8 triangles; plain squares: 2 each
    expect(b.triangles.length / 3).toBe(8 + 2 + 2);
    const maxIndex = Math.max(...b.triangles);
    expect(maxIndex).toBeLessThan(b.positions.length / 2);
  });

  it('starts rings where they start, draws no segment between rings, and computes bounds', () => {
    expect(Array.from(b.ringStarts)).toEqual([0, 5, 10, 15, 20]);
    // 4 segments per closed 5-point ring; the outer ring's last one is followed by the hole's first
    expect(b.segments.length / 4).toBe(4 * 4);
    const segment = (k: number) => Array.from(b.segments.subarray(4 * k, 4 * k + 4), (v, i) => v + b.origin[i % 2]!);
    expect(segment(3)).toEqual([0, 1, 0, 0]);
    expect(segment(4)).toEqual([0.25, 0.25, 0.25, 0.75]);
    expect(b.bounds).toEqual([0, 0, 8, 1]);
  });

  it('puts each part\'s marker at its bounding-box centre, and finds a row\'s bounds', () => {
    const centre = (p: number) => [b.partCenters[2 * p]! + b.origin[0], b.partCenters[2 * p + 1]! + b.origin[1]];
    expect([0, 1, 2].map(centre)).toEqual([[0.5, 0.5], [5.5, 0.5], [7.5, 0.5]]);
    expect(rowBounds(b, 2)).toEqual([5, 0, 8, 1]);
    expect(rowBounds(b, 0)).toEqual([0, 0, 1, 1]);
    expect(rowBounds(b, 1)).toBeNull(); // no geometry
    const p = buildGeometryBuffers([writePointWkb([127, 37.5])]);
    expect(rowBounds(p, 0)).toEqual([127, 37.5, 127, 37.5]);
  });

  it('points: one position per point, mapped back to rows, in the bounds', () => {
    const p = buildGeometryBuffers([writePointWkb([127, 37.5]), writeWkb([[square(0)]]), writePointWkb([126, 37, 128, 38])]);
    expect(Array.from(p.points)).toEqual([127, 37.5, 126, 37, 128, 38]);
    expect(Array.from(p.pointRow)).toEqual([0, 2, 2]);
    expect([p.rowCount, p.polygonRows]).toEqual([3, 1]);
    expect(p.bounds).toEqual([0, 0, 128, 38]);
  });
});
