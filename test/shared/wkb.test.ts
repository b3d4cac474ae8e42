import { describe, expect, it } from 'vitest';
import { readWkb, ringArea, toWkt, writePointWkb, writeWkb } from '../../shared/geo/wkb';

const square = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0];
const hole = [0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2];

describe('wkb', () => {
  it('round-trips polygons with holes and multipolygons', () => {
    expect(readWkb(writeWkb([[square, hole]]))).toEqual({ polygons: [[square, hole]], points: [] });
    const multi = [[square], [square.map((v) => v + 5)]];
    expect(readWkb(writeWkb(multi)).polygons).toEqual(multi);
  });

  it('round-trips points and multipoints', () => {
    expect(readWkb(writePointWkb([127, 37.5]))).toEqual({ polygons: [], points: [127, 37.5] });
    expect(readWkb(writePointWkb([1, 2, 3, 4, 5, 6]))).toEqual({ polygons: [], points: [1, 2, 3, 4, 5, 6] });
  });

  it('writes WKT', () => {
    expect(toWkt({ polygons: [[[0, 0, 1, 0, 0, 1, 0, 0]]], points: [] })).toBe('POLYGON ((0 0, 1 0, 0 1, 0 0))');
    expect(toWkt({ polygons: [], points: [127, 37.5] })).toBe('POINT (127 37.5)');
    expect(toWkt({ polygons: [], points: [1, 2, 3, 4] })).toBe('MULTIPOINT ((1 2), (3 4))');
  });

  it('drops Z from ISO polygon Z', () => {
    const b = new Uint8Array(9 + 4 + 4 * 24);
    const v = new DataView(b.buffer);
    v.setUint8(0, 1);
    v.setUint32(1, 1003, true);
    v.setUint32(5, 1, true);
    v.setUint32(9, 4, true);
    [
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ].forEach(([x, y], i) => {
      v.setFloat64(13 + i * 24, x!, true);
      v.setFloat64(21 + i * 24, y!, true);
      v.setFloat64(29 + i * 24, 7, true);
    });
    expect(readWkb(b).polygons[0]![0]).toEqual([0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it('rejects truncated input and other geometry types with a message', () => {
    expect(() => readWkb(new Uint8Array([1, 3, 0]))).toThrow(/truncated/);
    expect(() => readWkb(writeWkb([[square]]).slice(0, 30))).toThrow(/truncated/);
    const line = new Uint8Array(9);
    new DataView(line.buffer).setUint8(0, 1);
    new DataView(line.buffer).setUint32(1, 2, true);
    expect(() => readWkb(line)).toThrow(/type 2 is not a \(multi\)polygon or \(multi\)point/);
  });

  it('computes signed area (CCW positive)', () => {
    expect(ringArea(square)).toBe(1);
  });
});
