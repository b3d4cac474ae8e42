import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { colorScale } from '../../renderer/src/map/colorScale';

describe('map colours from the data', () => {
  it('지목 gets its fixed palette, labelled with the full name, counted', () => {
    const table = tableFromArrays({ JIMOK: ['대', '전', '대', '임', null] });
    const s = colorScale(table, 'JIMOK')!;
    expect(s.kind).toBe('category');
    expect(s.legend.map((l) => [l.label, l.count])).toEqual([
      ['대', 2],
      ['전', 1],
      ['임 (임야)', 1],
      ['∅', 1],
    ]);
    // the same 지목 is the same colour in every result
    expect(s.rowColor(0)).toEqual(colorScale(tableFromArrays({ JIMOK: ['대'] }), 'JIMOK')!.rowColor(0));
    expect(s.rowColor(0)).toEqual(s.rowColor(2));
    expect(s.rowColor(0)).not.toEqual(s.rowColor(1));
  });

  it('text with many values: the 12 most frequent get colours, the rest are one grey class', () => {
    const values = Array.from({ length: 30 }, (_, i) => `동${i % 15}`);
    const s = colorScale(tableFromArrays({ 동: values }), '동')!;
    expect(s.legend).toHaveLength(13);
    expect(s.legend[12]).toMatchObject({ label: '…', count: 6 });
    expect(s.legend.reduce((a, l) => a + l.count, 0)).toBe(30);
  });

  it('numbers: five quantile classes on a ramp, each with its range and count', () => {
    const table = tableFromArrays({ AREA_M2: Float64Array.from({ length: 100 }, (_, i) => i + 1) });
    const s = colorScale(table, 'AREA_M2')!;
    expect(s.kind).toBe('quantile');
    expect(s.legend.map((l) => l.count)).toEqual([20, 20, 20, 20, 20]);
    expect(s.legend[0]!.label).toBe('1 – 21');
    expect(s.rowColor(0)).not.toEqual(s.rowColor(99));
    expect(colorScale(table, 'nope')).toBeNull();
  });
});
