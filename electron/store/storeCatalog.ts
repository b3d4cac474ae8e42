import path from 'node:path';
import type { CatalogColumn, CatalogTable, ColumnType } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../host/engine/engine';
import { readManifest, type Manifest } from './manifest';
import { PARCEL_COLUMNS } from './schema';

/**
 * Points the `parcels` view at exactly the files the manifest lists. An empty store still has a
 * `parcels` relation with the full schema, so queries check and run (returning no rows).
 */
export async function attachStore(engine: Engine, storeDir: string): Promise<Manifest | null> {
  const manifest = await readManifest(storeDir);
  const files = manifest?.partitions.map((p) => literalSql(path.join(storeDir, p.file))) ?? [];
  const body = files.length
    ? `SELECT ${PARCEL_COLUMNS.map(([n]) => quoteIdent(n)).join(', ')} FROM read_parquet([${files.join(', ')}])`
    : `SELECT ${PARCEL_COLUMNS.map(([n, t]) => `CAST(NULL AS ${t}) AS ${quoteIdent(n)}`).join(', ')} WHERE false`;
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(PARCELS)} AS ${body}`);
  return manifest;
}

export async function describeRelation(engine: Engine, relation: string, kind: CatalogTable['kind']): Promise<CatalogTable> {
  const rows = (await engine.rows(`DESCRIBE ${quoteIdent(relation)}`)) as { column_name: string; column_type: string }[];
  const columns: CatalogColumn[] = rows.map((r) => ({ name: r.column_name, type: columnType(r.column_type) }));
  return { name: relation, kind, columns };
}

export function columnType(sqlType: string): ColumnType {
  const t = sqlType.toUpperCase();
  if (t.startsWith('GEOMETRY')) return 'geometry';
  if (t.startsWith('STRUCT')) return 'struct';
  if (t === 'VARCHAR' || t.startsWith('ENUM')) return 'string';
  if (t === 'BOOLEAN') return 'boolean';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return 'integer';
  if (/^(FLOAT|DOUBLE|DECIMAL)/.test(t)) return 'number';
  if (t.startsWith('DATE') || t.startsWith('TIMESTAMP')) return 'date';
  return 'other';
}
