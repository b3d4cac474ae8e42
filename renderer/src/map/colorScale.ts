import { DataType, type Table } from 'apache-arrow';
import { JIMOK } from '../../../shared/cadastral/jimok';

export type Rgba = [number, number, number, number];

export interface LegendItem {
  /** what the legend filter keeps (the class of a row is rowKey's answer) */
  key: string;
  label: string;
  color: Rgba;
  count: number;
}

/** How a numeric column is cut into classes: equal numbers of rows (quantiles) or equal widths of value. */
export interface Classing {
  method: 'quantile' | 'equal';
  classes: number;
}

export const DEFAULT_CLASSING: Classing = { method: 'quantile', classes: 5 };
export const CLASS_COUNTS = [3, 4, 5, 6, 7] as const;

/** A classing as saved in the workspace, if it is one; the default otherwise (views saved before there was a choice). */
export function savedClassing(v: unknown): Classing {
  const c = v as Partial<Classing> | null | undefined;
  const method = c?.method === 'equal' || c?.method === 'quantile' ? c.method : DEFAULT_CLASSING.method;
  const classes = CLASS_COUNTS.find((n) => n === c?.classes) ?? DEFAULT_CLASSING.classes;
  return { method, classes };
}

/** Per-row fill colours and the legend that explains them. */
export interface ColorScale {
  column: string;
  kind: 'category' | 'graduated';
  rowColor: (row: number) => Rgba;
  /** the legend item a row is counted in; null for a row in none (a number that is missing) */
  rowKey: (row: number) => string | null;
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
// sequential ramp (light → dark orange); fewer or more classes take colours along it
const RAMP: [number, number, number][] = [
  [254, 237, 222],
  [253, 190, 133],
  [253, 141, 60],
  [230, 85, 13],
  [166, 54, 3],
];
const CATEGORY_KEY = (value: string) => `v:${value}`;
const OTHER_KEY = 'other';

/** Whether a column is numeric (graduated colours) rather than values to tell apart. */
export function isNumericColumn(table: Table, column: string): boolean {
  const field = table.schema.fields.find((f) => f.name === column);
  return !!field && (DataType.isInt(field.type) || DataType.isFloat(field.type));
}

/**
 * Colours rows by a column: 지목 has its fixed palette, text gets categories, numbers graduated
 * classes (quantiles: as many rows in each; equal: as wide a range each).
 */
export function colorScale(table: Table, column: string, classing: Classing = DEFAULT_CLASSING): ColorScale | null {
  const vector = table.getChild(column);
  if (!vector) return null;
  const n = table.numRows;
  if (isNumericColumn(table, column)) {
    const values = Float64Array.from({ length: n }, (_, i) => Number(vector.get(i) ?? NaN));
    return graduated(column, values, classing);
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
  const legend: LegendItem[] = shown.map(([k, count]) => ({
    key: CATEGORY_KEY(k),
    label: jimok ? jimokLabel(k) : k,
    color: colorOf.get(k)!,
    count,
  }));
  if (other) legend.push({ key: OTHER_KEY, label: '…', color: OTHER, count: other });
  return {
    column,
    kind: 'category',
    rowColor: (row) => colorOf.get(keys[row]!) ?? OTHER,
    rowKey: (row) => (colorOf.has(keys[row]!) ? CATEGORY_KEY(keys[row]!) : OTHER_KEY),
    legend,
  };
}

function graduated(column: string, values: Float64Array, { method, classes }: Classing): ColorScale | null {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  if (!sorted.length) return null;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const breaks = Array.from({ length: classes - 1 }, (_, i) =>
    method === 'quantile' ? sorted[Math.floor(((i + 1) * sorted.length) / classes)]! : min + ((i + 1) * (max - min)) / classes,
  );
  const classOf = (v: number) => (Number.isNaN(v) ? -1 : breaks.filter((b) => v >= b).length);
  const rowClass = Int8Array.from(values, classOf);
  const counts = new Array<number>(classes).fill(0);
  for (const k of rowClass) if (k >= 0) counts[k]!++;
  const colors = Array.from({ length: classes }, (_, k) => rampColor(classes === 1 ? 0 : k / (classes - 1)));
  const bounds = [min, ...breaks, max];
  return {
    column,
    kind: 'graduated',
    rowColor: (row) => (rowClass[row]! < 0 ? OTHER : colors[rowClass[row]!]!),
    rowKey: (row) => (rowClass[row]! < 0 ? null : `c:${rowClass[row]}`),
    legend: colors
      .map((color, k) => ({ key: `c:${k}`, label: `${fmt(bounds[k]!)} – ${fmt(bounds[k + 1]!)}`, color, count: counts[k]! }))
      .filter((l) => l.count > 0),
  };
}

/** A colour along the ramp, 0 (lightest) to 1 (darkest). */
function rampColor(t: number): Rgba {
  const at = t * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(at));
  const f = at - i;
  const [a, b] = [RAMP[i]!, RAMP[i + 1]!];
  return [0, 1, 2].map((c) => Math.round(a[c]! + f * (b[c]! - a[c]!))).concat(ALPHA + 40) as Rgba;
}

/** A colour as CSS writes it (legend swatches). */
export function cssColor(c: Rgba): string {
  return `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${c[3] / 255})`;
}

const HIDDEN: Rgba = [0, 0, 0, 0];

/** The scale with only one legend item's rows coloured: the others are drawn transparent (the legend filter). */
export function filteredScale(scale: ColorScale, key: string): ColorScale {
  return { ...scale, rowColor: (row) => (scale.rowKey(row) === key ? scale.rowColor(row) : HIDDEN) };
}

/** Whether a row is drawn by this scale (a filtered scale hides the rest). */
export function rowDrawn(scale: ColorScale | null, row: number): boolean {
  return !scale || scale.rowColor(row)[3] > 0;
}

function jimokLabel(symbol: string): string {
  const j = JIMOK.find((x) => x.symbol === symbol);
  return j && j.name !== symbol ? `${symbol} (${j.name})` : symbol;
}

/** A class bound: thousands separated, whole from 100 up, else to two decimals. */
function fmt(v: number): string {
  return v.toLocaleString('ko-KR', { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 });
}
