import { describe, expect, it } from 'vitest';
import { readWkb, ringArea, toWkt, writeWkb } from '../../shared/geo/wkb';

const square = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0];
const hole = [0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2];

describe('wkb', () => {
  it('round-trips polygons with holes and multipolygons', () => {
    expect(readWkb(writeWkb([[square, hole]]))).toEqual({ polygons: [[square, hole]] });
    const multi = [[square], [square.map((v) => v + 5)]];
    expect(readWkb(writeWkb(multi)).polygons).toEqual(multi);
  });

  it('writes WKT', () => {
    expect(toWkt({ polygons: [[[0, 0, 1, 0, 0, 1, 0, 0]]] })).toBe('POLYGON ((0 0, 1 0, 0 1, 0 0))');
  });

  it('drops Z from ISO polygon Z', () => {
    const b = new Uint8Array(9 + 4 + 4 * 24);
    const v = new DataView(b.buffer);
    v.setUint8(0, 1);
    v.setUint32(1, 1003, true);
    v.setUint32(5, 1, true);
    v.setUint32(9, 4, true);
    [[0, 0], [1, 0], [0, 1], [0, 0]].forEach(([x, y], i) => {
      v.setFloat64(13 + i * 24, x!, true);
      v.setFloat64(21 + i * 24, y!, true);
      v.setFloat64(29 + i * 24, 7, true);
    });
    expect(readWkb(b).polygons[0]![0]).toEqual([0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it('rejects truncated and non-polygon input with a message', () => {
    expect(() => readWkb(new Uint8Array([1, 3, 0]))).toThrow(/truncated/);
    expect(() => readWkb(writeWkb([[square]]).slice(0, 30))).toThrow(/truncated/);
    const point = new Uint8Array(21);
    new DataView(point.buffer).setUint8(0, 1);
    new DataView(point.buffer).setUint32(1, 1, true);
    expect(() => readWkb(point)).toThrow(/not a \(multi\)polygon/);
  });

  it('computes signed area (CCW positive)', () => {
    expect(ringArea(square)).toBe(1);
  });
});
