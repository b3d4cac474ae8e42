import type { RecordBatch } from 'apache-arrow';
import { readWkb, toWkt } from '../../shared/geo/wkb';

/** RFC 4180 field: quoted when it holds a separator, quote or line break. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Uint8Array ? toWkt(readWkb(v)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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
