import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isConvexRing, triangulate } from '../../renderer/src/map/triangulate';

const closed = (pts: number[]) => [...pts, pts[0]!, pts[1]!];
const area = (ring: number[]) => {
  let a = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) a += ring[i]! * ring[i + 3]! - ring[i + 2]! * ring[i + 1]!;
  return Math.abs(a) / 2;
};
const trianglesArea = (flat: number[], holes: number[] = []) => {
  const idx: number[] = [];
  triangulate(flat, holes, (i) => idx.push(i));
  let sum = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const [a, b, c] = [idx[t]!, idx[t + 1]!, idx[t + 2]!];
    sum +=
      Math.abs(
        (flat[2 * b]! - flat[2 * a]!) * (flat[2 * c + 1]! - flat[2 * a + 1]!) -
          (flat[2 * c]! - flat[2 * a]!) * (flat[2 * b + 1]! - flat[2 * a + 1]!),
      ) / 2;
  }
  return { sum, count: idx.length / 3 };
};

describe('triangulation', () => {
  it('knows convex rings, either way round', () => {
    expect(isConvexRing(closed([0, 0, 1, 0, 1, 1, 0, 1]))).toBe(true);
    expect(isConvexRing(closed([0, 0, 0, 1, 1, 1, 1, 0]))).toBe(true);
    expect(isConvexRing(closed([0, 0, 2, 0, 1, 1]))).toBe(true);
    // a collinear point and a repeated point do not make a ring concave
    expect(isConvexRing(closed([0, 0, 1, 0, 2, 0, 2, 2, 2, 2, 0, 2]))).toBe(true);
  });

  it('sends concave, self-crossing, degenerate and unclosed rings to earcut', () => {
    expect(isConvexRing(closed([0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2]))).toBe(false); // an L
    expect(isConvexRing(closed([0, 0, 1, 1, 1, 0, 0, 1]))).toBe(false); // a bow tie
    const star = [0, 1, 0.588, -0.809, -0.951, 0.309, 0.951, 0.309, -0.588, -0.809];
    expect(isConvexRing(closed(star))).toBe(false); // turns one way, winds twice
    expect(isConvexRing(closed([0, 0, 1, 0, 2, 0]))).toBe(false);
    expect(isConvexRing([0, 0, 1, 0, 1, 1, 0, 1])).toBe(false);
  });

  it('covers the polygon exactly, convex or not, with holes', () => {
    const square = closed([0, 0, 4, 0, 4, 4, 0, 4]);
    expect(trianglesArea(square)).toEqual({ sum: 16, count: 2 });
    const l = closed([0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2]);
    expect(trianglesArea(l).sum).toBeCloseTo(3);
    const hole = closed([1, 1, 1, 2, 2, 2, 2, 1]);
    expect(trianglesArea([...square, ...hole], [square.length / 2]).sum).toBeCloseTo(15);
  });

  it('fans any convex polygon into triangles of the same area', () => {
    // convex polygons: points on a circle at sorted angles
    const convex = fc
      .uniqueArray(fc.integer({ min: 0, max: 359 }), { minLength: 3, maxLength: 24 })
      .map((degrees) =>
        closed(degrees.sort((a, b) => a - b).flatMap((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)])),
      );
    fc.assert(
      fc.property(convex, (ring) => {
        expect(isConvexRing(ring)).toBe(true);
        const { sum, count } = trianglesArea(ring);
        expect(count).toBe(ring.length / 2 - 3);
        expect(Math.abs(sum - area(ring))).toBeLessThan(1e-9);
      }),
    );
  });
});
