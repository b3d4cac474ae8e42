import { describe, expect, it } from 'vitest';
import { geodesicDistance, pathLength, polygonArea } from '../../shared/geo/geodesic';

/*
 * The expected figures are SpatiaLite 5.0.1's ellipsoidal ST_Length(g, 1) and ST_Area(g, 1) on
 * WGS84 (GDAL 3.6's ogrinfo on a SpatiaLite database), e.g.
 *   SELECT ST_Length(ST_GeomFromText('LINESTRING(126.978 37.5665, 129.0756 35.1796)', 4326), 1)
 */
const rel = (got: number, want: number) => Math.abs(got - want) / want;

describe('geodesic measures on WGS84', () => {
  it('measures distances as SpatiaLite does, to well under a millimetre in a kilometre', () => {
    // 서울시청 → 강남역, 서울시청 → 부산시청
    expect(rel(geodesicDistance([126.978, 37.5665], [127.0276, 37.4979]), 8785.71746535315)).toBeLessThan(1e-9);
    expect(rel(geodesicDistance([126.978, 37.5665], [129.0756, 35.1796]), 324915.297453132)).toBeLessThan(1e-9);
    expect(
      rel(
        pathLength([
          [126.978, 37.5665],
          [127.1, 37.6],
          [129.0756, 35.1796],
        ]),
        333175.204735271,
      ),
    ).toBeLessThan(1e-9);
    expect(geodesicDistance([127, 37], [127, 37])).toBe(0);
    expect(pathLength([[127, 37]])).toBe(0);
  });

  it('measures areas as SpatiaLite does, from a parcel to a square degree', () => {
    // a 20 m triangle, a 2 km × 1 km block in 종로구, a square degree over 충청
    expect(
      rel(
        polygonArea([
          [126.97, 37.57],
          [126.9702, 37.57],
          [126.9702, 37.5702],
        ]),
        196.100516947471,
      ),
    ).toBeLessThan(1e-5);
    const block: [number, number][] = [
      [126.97, 37.57],
      [126.99, 37.57],
      [126.99, 37.58],
      [126.97, 37.58],
    ];
    expect(rel(polygonArea(block), 1960875.70093727)).toBeLessThan(1e-7);
    // closed or open, either way round
    expect(polygonArea([...block, block[0]!])).toBeCloseTo(polygonArea(block), 3);
    expect(polygonArea([...block].reverse())).toBeCloseTo(polygonArea(block), 3);
    expect(
      rel(
        polygonArea([
          [126, 37],
          [127, 37],
          [127, 38],
          [126, 38],
        ]),
        9813924968.59016,
      ),
    ).toBeLessThan(1e-6);
    // slanted edges: SpatiaLite's own spheroid area (librttopo's) is an approximation here, agreeing to 1e-4
    expect(
      rel(
        polygonArea([
          [127.1, 35.8],
          [127.16, 35.81],
          [127.17, 35.86],
          [127.12, 35.87],
        ]),
        33085823.8676163,
      ),
    ).toBeLessThan(1e-4);
  });

  it('has no area for fewer than three corners', () => {
    expect(
      polygonArea([
        [127, 37],
        [127.01, 37],
      ]),
    ).toBe(0);
    expect(
      polygonArea([
        [127, 37],
        [127.01, 37],
        [127, 37],
      ]),
    ).toBe(0);
  });
});
