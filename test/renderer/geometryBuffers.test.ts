import { describe, expect, it } from 'vitest';
import { buildGeometryBuffers } from '../../renderer/src/map/geometryBuffers';
import { latOf, lngOf, mercatorX, mercatorY } from '../../renderer/src/map/mercator';
import { rowBounds } from '../../renderer/src/map/rowBounds';
import { writePointWkb, writeWkb } from '../../shared/geo/wkb';

const square = (x: number) => [x, 0, x + 1, 0, x + 1, 1, x, 1, x, 0];
const hole = [0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25];

/** lon/lat back from Web Mercator offsets (the buffers' float32 positions), rounded to a millionth of a degree (float32 offsets from a centre 4° away; -0 to 0) */
const round = (v: number) => Math.round(v * 1e6) / 1e6 + 0;
const lonLat = (origin: [number, number], x: number, y: number) => [lngOf(origin[0] + x), latOf(origin[1] + y)].map(round);
const rounded = (b: number[] | null) => b && b.map(round);

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
    const s = b.segments;
    const segment = (k: number) => [...lonLat(b.origin, s[4 * k]!, s[4 * k + 1]!), ...lonLat(b.origin, s[4 * k + 2]!, s[4 * k + 3]!)];
    expect(segment(3)).toEqual([0, 1, 0, 0]);
    expect(segment(4)).toEqual([0.25, 0.25, 0.25, 0.75]);
    expect(b.bounds).toEqual([0, 0, 8, 1]);
  });

  it("puts each part's marker at its bounding-box centre, and finds a row's bounds", () => {
    // the box's centre in Web Mercator: half way in longitude, a little north of half way in latitude
    const centre = (p: number) => lonLat(b.origin, b.partCenters[2 * p]!, b.partCenters[2 * p + 1]!);
    const midLat = round(latOf((mercatorY(0) + mercatorY(1)) / 2));
    expect(midLat).toBeGreaterThan(0.5);
    expect([0, 1, 2].map(centre)).toEqual([
      [0.5, midLat],
      [5.5, midLat],
      [7.5, midLat],
    ]);
    expect(rounded(rowBounds(b, 2))).toEqual([5, 0, 8, 1]);
    expect(rounded(rowBounds(b, 0))).toEqual([0, 0, 1, 1]);
    expect(rowBounds(b, 1)).toBeNull(); // no geometry
    const p = buildGeometryBuffers([writePointWkb([127, 37.5])]);
    expect(rowBounds(p, 0)).toEqual([127, 37.5, 127, 37.5]);
  });

  it('positions are Web Mercator offsets from the centre, exact to a centimetre across Korea', () => {
    // 제주 to 백령도 and 독도: the far corners of a nationwide result
    const k = buildGeometryBuffers([
      writeWkb([[[124.6, 33.1, 124.61, 33.1, 124.61, 33.11, 124.6, 33.1]]]),
      writeWkb([[[131.86, 38.6, 131.87, 38.6, 131.87, 38.61, 131.86, 38.6]]]),
    ]);
    expect(k.origin).toEqual([mercatorX((124.6 + 131.87) / 2), mercatorY((33.1 + 38.61) / 2)]);
    const metresPerUnit = 40_075_016.7 / 512;
    for (const [v, lng, lat] of [
      [0, 124.6, 33.1],
      [5, 131.87, 38.6],
    ] as const) {
      expect(Math.abs(k.origin[0] + k.positions[2 * v]! - mercatorX(lng)) * metresPerUnit).toBeLessThan(0.02);
      expect(Math.abs(k.origin[1] + k.positions[2 * v + 1]! - mercatorY(lat)) * metresPerUnit).toBeLessThan(0.02);
    }
  });

  it('points: one position per point, mapped back to rows, in the bounds', () => {
    const p = buildGeometryBuffers([writePointWkb([127, 37.5]), writeWkb([[square(0)]]), writePointWkb([126, 37, 128, 38])]);
    expect(Array.from(p.points)).toEqual([127, 37.5, 126, 37, 128, 38]);
    expect(Array.from(p.pointRow)).toEqual([0, 2, 2]);
    expect([p.rowCount, p.polygonRows]).toEqual([3, 1]);
    expect(p.bounds).toEqual([0, 0, 128, 38]);
  });
});
