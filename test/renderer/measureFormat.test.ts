import { describe, expect, it } from 'vitest';
import { formatArea, formatLength, formatSquareMetres, pyeong } from '../../renderer/src/map/measureFormat';

describe('measure readout', () => {
  it('reads lengths in m up to a kilometre, then km', () => {
    expect(formatLength(0)).toBe('0.0 m');
    expect(formatLength(12.345)).toBe('12.3 m');
    expect(formatLength(999.4)).toBe('999 m');
    expect(formatLength(1234.5)).toBe('1.23 km');
    expect(formatLength(324915.3)).toBe('324.92 km');
    expect(formatLength(1_234_567)).toBe('1,234.57 km');
  });

  it('reads areas in m², ha, then km², with the whole m² and 평 alongside', () => {
    expect(formatArea(196.1)).toBe('196 m²');
    expect(formatArea(45.67)).toBe('45.7 m²');
    expect(formatArea(9999)).toBe('9,999 m²');
    expect(formatArea(12_345)).toBe('1.23 ha');
    expect(formatArea(1_960_875.7)).toBe('1.96 km²');
    expect(formatSquareMetres(1_960_875.7)).toBe('1,960,876 m²');
    // 1평 = 400/121 m²
    expect(pyeong(400 / 121)).toBe('1');
    expect(pyeong(330.58)).toBe('100');
  });
});
