import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { colorScale, filteredScale, rowDrawn, savedClassing } from '../../renderer/src/map/colorScale';
import { keepRows } from '../../renderer/src/panes/tableView';

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

  it('numbers: five quantile classes on a ramp by default, each with its range and count', () => {
    const table = tableFromArrays({ AREA_M2: Float64Array.from({ length: 100 }, (_, i) => i + 1) });
    const s = colorScale(table, 'AREA_M2')!;
    expect(s.kind).toBe('graduated');
    expect(s.legend.map((l) => l.count)).toEqual([20, 20, 20, 20, 20]);
    expect(s.legend[0]!.label).toBe('1 – 21');
    expect(s.rowColor(0)).not.toEqual(s.rowColor(99));
    expect(colorScale(table, 'nope')).toBeNull();
  });

  it('numbers in equal intervals or quantiles, 3 to 7 classes, ranges with thousands separators', () => {
    // skewed: most parcels small, a few very large
    const area = Float64Array.from([
      ...Array.from({ length: 90 }, (_, i) => 100 + i),
      50_000,
      60_000,
      70_000,
      80_000,
      90_000,
      100_000,
      110_000,
      120_000,
      130_000,
      1_000_100,
    ]);
    const table = tableFromArrays({ AREA_M2: area });
    const equal = colorScale(table, 'AREA_M2', { method: 'equal', classes: 4 })!;
    // equal widths of (1,000,100 - 100) / 4: every small parcel in the first class, the largest alone in the last
    expect(equal.legend.map((l) => [l.label, l.count])).toEqual([
      ['100 – 250,100', 99],
      ['750,100 – 1,000,100', 1],
    ]);
    const quantiles = colorScale(table, 'AREA_M2', { method: 'quantile', classes: 3 })!;
    expect(quantiles.legend.map((l) => l.count)).toEqual([33, 33, 34]);
    expect(quantiles.legend[2]!.label).toBe('166 – 1,000,100');
    // each class its own colour along the ramp
    expect(new Set(quantiles.legend.map((l) => l.color.join())).size).toBe(3);
    expect(colorScale(table, 'AREA_M2', { method: 'quantile', classes: 7 })!.legend).toHaveLength(7);
  });

  it('a legend filter draws only its rows: the map hides the others, the table keeps them out', () => {
    const table = tableFromArrays({ JIMOK: ['대', '전', '대', '임'], AREA_M2: Float64Array.from([10, 20, 30, 40]) });
    const s = colorScale(table, 'JIMOK')!;
    const 대 = s.legend.find((l) => l.label === '대')!;
    const only = filteredScale(s, 대.key);
    expect([0, 1, 2, 3].map((r) => rowDrawn(only, r))).toEqual([true, false, true, false]);
    expect(only.rowColor(0)).toEqual(s.rowColor(0));
    expect(only.rowColor(1)[3]).toBe(0);
    expect([...keepRows(Uint32Array.from([3, 2, 1, 0]), 4, (r) => rowDrawn(only, r))]).toEqual([2, 0]);
    expect([...keepRows(null, 4, (r) => rowDrawn(s, r))]).toEqual([0, 1, 2, 3]);
    const n = colorScale(table, 'AREA_M2', { method: 'equal', classes: 3 })!;
    expect([0, 1, 2, 3].map((r) => n.rowKey(r))).toEqual(['c:0', 'c:1', 'c:2', 'c:2']);
  });

  it('a classing read back from a saved workspace is one the legend offers, else the default', () => {
    expect(savedClassing({ method: 'equal', classes: 7 })).toEqual({ method: 'equal', classes: 7 });
    expect(savedClassing(undefined)).toEqual({ method: 'quantile', classes: 5 });
    expect(savedClassing({ method: 'jenks', classes: 40 })).toEqual({ method: 'quantile', classes: 5 });
  });
});
