import path from 'node:path';
import type { TextEncoding } from '../../shared/api/contract';
import { checkColumnCount, readDelimitedText, type DelimitedTable } from './delimitedText';
import { readXlsx } from './xlsxReader';

export interface TextTable extends Pick<DelimitedTable, 'header' | 'rows'> {
  /** CSV/TSV: the encoding read */
  encoding: TextEncoding | null;
  /** XLSX: the sheet read, and all of them */
  sheet: string | null;
  sheets: string[] | null;
}

/** A CSV, TSV or XLSX file as text rows, every value as written. */
export async function readTableFile(file: string, options: { encoding?: TextEncoding; sheet?: string } = {}): Promise<TextTable> {
  if (path.extname(file).toLowerCase() === '.xlsx') {
    const t = await readXlsx(file, options.sheet);
    // the same column limit as delimited text
    checkColumnCount(t.header.length, file);
    return { header: t.header, rows: t.rows, encoding: null, sheet: t.sheet, sheets: t.sheets };
  }
  const t = await readDelimitedText(file, options.encoding);
  return { header: t.header, rows: t.rows, encoding: t.encoding, sheet: null, sheets: null };
}
