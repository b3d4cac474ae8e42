import iconv from 'iconv-lite';
import { renderReason } from '../../shared/address/reasonMessages';
import type { UnmatchedCsvRequest, UnmatchedRows } from '../../shared/api/contract';
import { csvField, csvHeader } from './csv';

/**
 * The unmatched rows as the CSV sent back to the requester: every source column as it was, then
 * the status, the reason as a sentence and the detail, through the one CSV writer; cp949 for
 * Korean Excel, or UTF-8 with a BOM so Excel reads it as UTF-8. A text cp949 cannot hold
 * (a rare Hanja, an emoji) becomes '?', as every cp949 tool writes it.
 */
export function unmatchedCsv(list: UnmatchedRows, req: UnmatchedCsvRequest): Uint8Array {
  const rows = req.reason ? list.rows.filter((r) => r.reason?.code === req.reason) : list.rows;
  let text = csvHeader([...list.columns, ...req.headers]);
  for (const r of rows) {
    const added = [req.statuses[r.status], r.reason ? renderReason(r.reason, req.lang) : '', r.detail ?? ''];
    text += [...r.values, ...added].map(csvField).join(',') + '\r\n';
  }
  return req.encoding === 'cp949' ? iconv.encode(text, 'cp949') : Buffer.from(`\uFEFF${text}`, 'utf8');
}
