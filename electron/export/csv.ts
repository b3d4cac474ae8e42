import type { RecordBatch } from 'apache-arrow';
import { readWkb, toWkt } from '../../shared/geo/wkb';

/**
 * RFC 4180 field: quoted when it holds a separator, quote or line break. A text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, as OWASP recommends for CSV injection; a plain number such as -12.5 is
 * left as it is, so numeric columns stay numeric.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Uint8Array ? toWkt(readWkb(v)) : String(v);
  return csvQuote(FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s);
}

/** RFC 4180 quoting alone, the text kept exactly. */
export function csvQuote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function csvHeader(batchOrNames: string[]): string {
  return batchOrNames.map(csvField).join(',') + '\r\n';
}

/** Rows of one Arrow batch as CSV lines; binary geometry becomes WKT. */
export function csvRows(batch: RecordBatch, skip: ReadonlySet<string> = new Set()): string {
  const cols = batch.schema.fields.flatMap((f, j) => (skip.has(f.name) ? [] : [batch.getChildAt(j)!]));
  let out = '';
  for (let i = 0; i < batch.numRows; i++) out += cols.map((c) => csvField(c.get(i))).join(',') + '\r\n';
  return out;
}
