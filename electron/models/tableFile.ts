import type { TextEncoding } from '../../shared/api/contract';
import { checkColumnCount, type DelimitedTable } from './delimitedText';
import { readXlsx } from './xlsxReader';

export interface TextTable extends Pick<DelimitedTable, 'header' | 'rows'> {
  /** CSV/TSV: the encoding read (always null here: delimited text goes through csvModel.ts) */
  encoding: TextEncoding | null;
  /** XLSX: the sheet read, and all of them */
  sheet: string | null;
  sheets: string[] | null;
}

/**
 * An XLSX workbook's sheet as text rows, every value as written. CSV/TSV is not read here: the
 * app, `pilji match` and `--model` all read it with DuckDB's reader (csvToTextParquet).
 */
export async function readTableFile(file: string, options: { sheet?: string } = {}): Promise<TextTable> {
  const t = await readXlsx(file, options.sheet);
  // the same column limit as delimited text
  checkColumnCount(t.header.length, file);
  return { header: t.header, rows: t.rows, encoding: null, sheet: t.sheet, sheets: t.sheets };
}
