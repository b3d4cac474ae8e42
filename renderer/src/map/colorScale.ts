import { DataType, type Table } from 'apache-arrow';
import { JIMOK } from '../../../shared/cadastral/jimok';

export type Rgba = [number, number, number, number];

export interface LegendItem {
  label: string;
  color: Rgba;
  count: number;
}

/** Per-row fill colours and the legend that explains them. */
export interface ColorScale {
  column: string;
  kind: 'category' | 'quantile';
  rowColor: (row: number) => Rgba;
  legend: LegendItem[];
}

const ALPHA = 150;
const OTHER: Rgba = [160, 160, 160, ALPHA];
const MAX_CATEGORIES = 12;
// distinct, print-safe hues (ColorBrewer Set3/Paired family)
const PALETTE: [number, number, number][] = [
  [31, 120, 180],
  [51, 160, 44],
  [227, 26, 28],
  [255, 127, 0],
  [106, 61, 154],
  [177, 89, 40],
  [166, 206, 227],
  [178, 223, 138],
  [251, 154, 153],
  [253, 191, 111],
  [202, 178, 214],
  [255, 255, 153],
];
// 지목 by what the land is: farmland greens, forest dark green, building lots warm, infrastructure greys, water blue
const JIMOK_COLORS: Record<string, [number, number, number]> = {
  전: [166, 217, 106],
  답: [102, 189, 99],
  과: [217, 239, 139],
  목: [200, 230, 150],
  임: [26, 152, 80],
  광: [190, 174, 212],
  염: [220, 220, 240],
  대: [244, 109, 67],
  장: [165, 0, 38],
  학: [253, 174, 97],
  차: [150, 150, 150],
  주: [230, 120, 120],
  창: [190, 140, 110],
  도: [120, 120, 120],
  철: [90, 90, 90],
  제: [170, 160, 140],
  천: [69, 117, 180],
  구: [116, 173, 209],
  유: [171, 217, 233],
  양: [140, 200, 220],
  수: [100, 150, 200],
  공: [120, 198, 121],
  체: [255, 217, 47],
  원: [230, 171, 2],
  종: [231, 138, 195],
  사: [166, 118, 29],
  묘: [128, 100, 162],
  잡: [200, 200, 170],
};
// sequential ramp (light → dark orange), five quantile classes
const RAMP: [number, number, number][] = [
  [254, 237, 222],
  [253, 190, 133],
  [253, 141, 60],
  [230, 85, 13],
  [166, 54, 3],
];

/** Colours rows by a column: 지목 has its fixed palette, text gets categories, numbers quantile classes. */
export function colorScale(table: Table, column: string): ColorScale | null {
  const field = table.schema.fields.find((f) => f.name === column);
  const vector = table.getChild(column);
  if (!field || !vector) return null;
  const n = table.numRows;
  if (DataType.isInt(field.type) || DataType.isFloat(field.type)) {
    const values = Float64Array.from({ length: n }, (_, i) => Number(vector.get(i) ?? NaN));
    const sorted = values.filter((v) => !Number.isNaN(v)).sort();
    if (!sorted.length) return null;
    const breaks = [1, 2, 3, 4].map((k) => sorted[Math.floor((k * sorted.length) / 5)]!);
    const classOf = (v: number) => (Number.isNaN(v) ? -1 : breaks.filter((b) => v >= b).length);
    const counts = new Array<number>(5).fill(0);
    for (const v of values) if (!Number.isNaN(v)) counts[classOf(v)]!++;
    const colors = RAMP.map((c): Rgba => [...c, ALPHA + 40]);
    const bounds = [sorted[0]!, ...breaks, sorted[sorted.length - 1]!];
    return {
      column,
      kind: 'quantile',
      rowColor: (row) => (classOf(values[row]!) < 0 ? OTHER : colors[classOf(values[row]!)]!),
      legend: colors
        .map((color, k) => ({ label: `${fmt(bounds[k]!)} – ${fmt(bounds[k + 1]!)}`, color, count: counts[k]! }))
        .filter((l) => l.count > 0),
    };
  }
  const counts = new Map<string, number>();
  const keys: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = vector.get(i);
    const key = v === null || v === undefined ? '∅' : String(v);
    keys[i] = key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const jimok = column.toUpperCase() === 'JIMOK' || [...counts.keys()].every((k) => k === '∅' || k in JIMOK_COLORS);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = jimok ? ranked : ranked.slice(0, MAX_CATEGORIES);
  const colorOf = new Map<string, Rgba>(
    shown.map(([k], i) => {
      const [r, g, b] = jimok ? (JIMOK_COLORS[k] ?? OTHER) : PALETTE[i]!;
      return [k, [r, g, b, ALPHA]];
    }),
  );
  const other = ranked.slice(shown.length).reduce((a, [, c]) => a + c, 0);
  const legend: LegendItem[] = shown.map(([k, count]) => ({ label: jimok ? jimokLabel(k) : k, color: colorOf.get(k)!, count }));
  if (other) legend.push({ label: '…', color: OTHER, count: other });
  return { column, kind: 'category', rowColor: (row) => colorOf.get(keys[row]!) ?? OTHER, legend };
}

function jimokLabel(symbol: string): string {
  const j = JIMOK.find((x) => x.symbol === symbol);
  return j && j.name !== symbol ? `${symbol} (${j.name})` : symbol;
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : String(Math.round(v * 100) / 100);
}
