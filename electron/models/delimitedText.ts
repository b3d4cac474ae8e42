import { promises as fs } from 'node:fs';
import { detectEncoding, fatalDecoder, type DbfEncoding } from '../store/shapefile/textEncoding';

/** A CSV/TSV file read as text: every value exactly as written (leading zeros, long codes). */
export interface DelimitedTable {
  header: string[];
  rows: string[][];
  encoding: 'utf-8' | 'cp949';
  delimiter: ',' | '\t';
}

export class DelimitedTextError extends Error {}

/**
 * Reads CSV or TSV in UTF-8 (with or without BOM) or cp949, detected unless given; the delimiter
 * is the header's (tab if it has one). Quoted fields may hold delimiters, quotes ("") and line
 * breaks. A row with the wrong number of fields is an error naming its line.
 */
export async function readDelimitedText(file: string, encoding?: 'utf-8' | 'cp949'): Promise<DelimitedTable> {
  const bytes = await fs.readFile(file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const enc: DbfEncoding = encoding
    ? encoding === 'cp949'
      ? 'euc-kr'
      : 'utf-8'
    : bom
      ? 'utf-8'
      : detectEncoding([body.subarray(0, 1 << 20)], file, 'choose the encoding explicitly');
  let text: string;
  try {
    text = fatalDecoder(enc).decode(body);
  } catch {
    throw new DelimitedTextError(`${file}: the text is not valid ${enc === 'utf-8' ? 'UTF-8' : 'cp949'}; choose the encoding explicitly`);
  }
  const delimiter = delimiterOf(text);
  const records = parseDelimited(text, delimiter, file);
  const names = headerNames(records.shift(), file);
  records.forEach((r, i) => {
    if (r.length !== names.length)
      throw new DelimitedTextError(`${file}: line ${r.line ?? i + 2} has ${r.length} fields, the header has ${names.length}`);
  });
  return { header: names, rows: records.map((r) => [...r]), encoding: enc === 'utf-8' ? 'utf-8' : 'cp949', delimiter };
}

/** The header's delimiter: tab if its first line has one, else comma. */
export function delimiterOf(text: string): ',' | '\t' {
  return text.slice(0, text.search(/\r?\n|$/)).includes('\t') ? '\t' : ',';
}

/** More columns than any address list has, and few enough that typing them stays quick. */
export const MAX_COLUMNS = 2000;

export function checkColumnCount(columns: number, file: string): void {
  if (columns > MAX_COLUMNS)
    throw new DelimitedTextError(
      `${file}: the header has ${columns.toLocaleString('en')} columns; a model holds at most ${MAX_COLUMNS.toLocaleString('en')}`,
    );
}

/** The header's column names, trimmed; a missing header or a name given twice is an error. */
export function headerNames(fields: string[] | undefined, file: string): string[] {
  checkColumnCount(fields?.length ?? 0, file);
  if (!fields || fields.every((h) => h.trim() === '')) throw new DelimitedTextError(`${file}: no header row`);
  const names = fields.map((h) => h.trim());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new DelimitedTextError(`${file}: the column '${dup}' appears twice in the header`);
  return names;
}

type Row = string[] & { line?: number };

export function parseDelimited(text: string, delimiter: string, file: string): Row[] {
  const rows: Row[] = [];
  let row: Row = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (!(row.length === 1 && row[0] === '')) {
        row.line = rowLine;
        rows.push(row);
      }
      row = [];
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw new DelimitedTextError(`${file}: a quoted field opened on line ${rowLine} never closes`);
  if (field !== '' || row.length) {
    row.push(field);
    row.line = rowLine;
    rows.push(row);
  }
  return rows;
}
