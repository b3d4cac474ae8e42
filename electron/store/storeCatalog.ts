import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../shared/api/contract';
import type { CatalogColumn, CatalogTable, ColumnType } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../host/engine/engine';
import { readManifest, type Manifest } from './manifest';
import { PARCEL_COLUMNS } from './schema';

/** The analysts' Spark layout: Hive partitions SI_NM=/SGG_NM=/EMD_NM=/RI_NM= of Parquet files. */
export function isHiveLayout(storeDir: string): boolean {
  return !existsSync(path.join(storeDir, 'manifest.json')) && existsSync(storeDir)
    && readdirSync(storeDir).some((d) => d.startsWith('SI_NM='));
}

/**
 * Points the `parcels` view at exactly the files the manifest lists. An empty store still has a
 * `parcels` relation with the full schema, so queries check and run (returning no rows). A folder
 * in the old Spark layout is attached read-only: its columns are mapped onto the store's.
 */
export async function attachStore(engine: Engine, storeDir: string): Promise<Manifest | null> {
  if (isHiveLayout(storeDir)) {
    await attachHive(engine, storeDir);
    return null;
  }
  const manifest = await readManifest(storeDir);
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(PARCELS)} AS ${parcelsSql(storeDir, manifest)}`);
  return manifest;
}

/**
 * The parcels of a store as one SELECT; with `sggCodes`, only those 시군구 partitions, so a join
 * reads the files of the regions actually present and no others.
 */
export function parcelsSql(storeDir: string, manifest: Manifest | null, sggCodes?: ReadonlySet<string>): string {
  if (isHiveLayout(storeDir)) {
    // Spark's folders are named, not coded: filter on the PNU prefix instead.
    const codes = [...(sggCodes ?? [])].map(literalSql);
    return `SELECT * FROM ${quoteIdent(PARCELS)}${sggCodes ? ` WHERE ${codes.length ? `left(PNU, 5) IN (${codes.join(', ')})` : 'false'}` : ''}`;
  }
  const parts = manifest?.partitions.filter((p) => !sggCodes || sggCodes.has(p.key)) ?? [];
  const files = parts.map((p) => literalSql(path.join(storeDir, p.file)));
  return files.length
    ? `SELECT ${PARCEL_COLUMNS.map(([n]) => quoteIdent(n)).join(', ')} FROM read_parquet([${files.join(', ')}])`
    : `SELECT ${PARCEL_COLUMNS.map(([n, t]) => `CAST(NULL AS ${t}) AS ${quoteIdent(n)}`).join(', ')} WHERE false`;
}

async function attachHive(engine: Engine, storeDir: string): Promise<void> {
  const source = `read_parquet(${literalSql(path.join(storeDir, '**', '*.parquet'))}, hive_partitioning = true, union_by_name = true)`;
  const present = new Set(((await engine.rows(`DESCRIBE SELECT * FROM ${source}`)) as { column_name: string }[]).map((r) => r.column_name));
  const select = PARCEL_COLUMNS.map(([n, t]) => {
    if (!present.has(n)) return `CAST(NULL AS ${t}) AS ${quoteIdent(n)}`;
    // Spark writes WKB as binary and partition values as text ('__HIVE_DEFAULT_PARTITION__' for null)
    if (n === 'geometry') return `ST_GeomFromWKB(${quoteIdent(n)}) AS geometry`;
    if (['SI_NM', 'SGG_NM', 'EMD_NM', 'RI_NM'].includes(n)) return `NULLIF(CAST(${quoteIdent(n)} AS VARCHAR), '__HIVE_DEFAULT_PARTITION__') AS ${quoteIdent(n)}`;
    return `CAST(${quoteIdent(n)} AS ${t}) AS ${quoteIdent(n)}`;
  });
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(PARCELS)} AS SELECT ${select.join(', ')} FROM ${source}`);
}

/** Store facts for a Hive-layout folder, which has no manifest: counted once at attach. */
export async function hiveStoreInfo(engine: Engine, storeDir: string): Promise<StoreInfo> {
  const rows = (await engine.rows(`SELECT SI_NM AS sido, SGG_NM AS sgg, count(*)::INTEGER AS n, min(bbox.xmin) AS x0, min(bbox.ymin) AS y0,
      max(bbox.xmax) AS x1, max(bbox.ymax) AS y1, max(SOURCE_DATE)::VARCHAR AS d
    FROM ${quoteIdent(PARCELS)} GROUP BY ALL ORDER BY ALL`)) as { sido: string; sgg: string | null; n: number; x0: number; y0: number; x1: number; y1: number; d: string | null }[];
  return {
    path: storeDir,
    formatVersion: 0,
    readOnly: true,
    rows: rows.reduce((a, r) => a + r.n, 0),
    importedAt: null,
    partitions: rows.map((r) => ({ key: `${r.sido}/${r.sgg ?? ''}`, sido: r.sido, sgg: r.sgg, rows: r.n, bounds: [r.x0, r.y0, r.x1, r.y1], sourceDate: r.d })),
  };
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
