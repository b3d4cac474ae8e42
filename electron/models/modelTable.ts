import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CatalogColumn, ColumnType } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../host/engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';
import type { DelimitedTable } from './delimitedText';

/**
 * A model's stored copy: the analyst's rows as typed Parquet. A column becomes a number only when
 * every value is one and nothing would be lost: '007' (leading zero) and 19-digit codes stay text,
 * because float64 and integers would change them. Blank values are null.
 */
export async function writeModelParquet(engine: Engine, table: Pick<DelimitedTable, 'header' | 'rows'>, file: string): Promise<CatalogColumn[]> {
  const types = table.header.map((_, j) => inferType(table.rows.map((r) => r[j]!)));
  const staged = path.join(path.dirname(file), `.${randomUUID()}.parquet`);
  const writer = new ParquetWriter(staged, table.header.map((name) => ({ name, type: 'string' })));
  for (const row of table.rows) row.forEach((v, j) => writer.values[j]!.string(v));
  writer.close();
  try {
    const select = table.header.map((name, j) => {
      const value = `NULLIF(trim(${quoteIdent(name)}), '')`;
      if (types[j] === 'integer') return `CAST(${value} AS BIGINT) AS ${quoteIdent(name)}`;
      if (types[j] === 'number') return `CAST(${value} AS DOUBLE) AS ${quoteIdent(name)}`;
      return `NULLIF(${quoteIdent(name)}, '') AS ${quoteIdent(name)}`;
    });
    await engine.exec(`COPY (SELECT ${select.join(', ')} FROM read_parquet(${literalSql(staged)})) TO ${literalSql(file)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    await fs.rm(staged, { force: true });
  }
  return table.header.map((name, j) => ({ name, type: types[j]! }));
}

const INTEGER = /^-?(0|[1-9]\d{0,14})$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function inferType(values: string[]): ColumnType {
  let any = false;
  let integer = true;
  let number = true;
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    any = true;
    if (!INTEGER.test(v)) integer = false;
    if (!NUMBER.test(v) || v.replace(/^-/, '').replace('.', '').length > 15) number = false;
    if (!integer && !number) return 'string';
  }
  return !any ? 'string' : integer ? 'integer' : 'number';
}

/** Makes a stored model queryable by its name (Korean names included). */
export async function attachModel(engine: Engine, name: string, file: string): Promise<void> {
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT * FROM read_parquet(${literalSql(file)})`);
}
