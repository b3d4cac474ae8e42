import type { Table } from 'apache-arrow';

export interface SortKey {
  column: string;
  desc: boolean;
}

/**
 * The order rows are shown in when sorted by one column (nulls last, text in Korean collation,
 * numbers and bigints numerically); null for result order, which needs no array (a 200,000-row
 * result made one, and its inverse, in the task that showed it). Selection keeps meaning the
 * result's row index.
 */
export function rowOrder(table: Table, sort: SortKey | null): Uint32Array | null {
  const vector = sort && table.getChild(sort.column);
  if (!vector) return null;
  const order = new Uint32Array(table.numRows);
  for (let i = 0; i < order.length; i++) order[i] = i; // a plain loop: Array.from's callback cost ~15 ms per 200,000 rows
  const values = Array.from({ length: table.numRows }, (_, i) => vector.get(i) as unknown);
  const collator = new Intl.Collator('ko', { numeric: true });
  const sign = sort.desc ? -1 : 1;
  return order.sort((a, b) => {
    const x = values[a];
    const y = values[b];
    if (x === null || x === undefined) return y === null || y === undefined ? a - b : 1;
    if (y === null || y === undefined) return -1;
    const c = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : x < y ? -1 : x > y ? 1 : 0;
    return c === 0 ? a - b : sign * c;
  });
}

/** Every row index of the table in the given order (result order when null). */
export function* rowsInOrder(numRows: number, order: Uint32Array | null): Generator<number> {
  for (let i = 0; i < numRows; i++) yield order ? order[i]! : i;
}

/** Rows as tab-separated text (what spreadsheets paste), header first; tabs and line breaks inside values become spaces. */
export function rowsAsTsv(table: Table, rows: Iterable<number>, columns: string[]): string {
  const vectors = columns.map((c) => table.getChild(c)!);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' '));
  const lines = [columns.join('\t')];
  for (const r of rows) lines.push(vectors.map((v) => cell(v.get(r))).join('\t'));
  return lines.join('\n') + '\n';
}

/** The rows to show, in the order given (result order when null), keeping only those `keep` says (the legend filter). */
export function keepRows(order: Uint32Array | null, numRows: number, keep: (row: number) => boolean): Uint32Array {
  const kept = new Uint32Array(numRows);
  let n = 0;
  for (let i = 0; i < numRows; i++) {
    const row = order ? order[i]! : i;
    if (keep(row)) kept[n++] = row;
  }
  return kept.slice(0, n);
}
