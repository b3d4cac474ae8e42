import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../shared/api/contract';
import type { CatalogColumn, CatalogTable, ColumnType } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { readManifest, type Manifest } from './manifest';
import { PARCEL_COLUMNS } from './schema';

/** The analysts' Spark layout: Hive partitions SI_NM=/SGG_NM=/EMD_NM=/RI_NM= of Parquet files. */
export function isHiveLayout(storeDir: string): boolean {
  return (
    !existsSync(path.join(storeDir, 'manifest.json')) && existsSync(storeDir) && readdirSync(storeDir).some((d) => d.startsWith('SI_NM='))
  );
}

/**
 * Points the `parcels` view at exactly the files the manifest lists. An empty store still has a
 * `parcels` relation with the full schema, so queries check and run (returning no rows). A folder
 * in the old Spark layout is attached read-only: its columns are mapped onto the store's.
 */
export async function attachStore(engine: Engine, storeDir: string): Promise<StoreAttachment> {
  if (isHiveLayout(storeDir)) return { manifest: null, hiveColumns: await attachHive(engine, storeDir) };
  const manifest = await readManifest(storeDir);
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(PARCELS)} AS ${parcelsSql(storeDir, { manifest, hiveColumns: null })}`);
  return { manifest, hiveColumns: null };
}

/** What attaching found: a Pilji store's manifest, or the columns a Spark folder's files have. */
export interface StoreAttachment {
  manifest: Manifest | null;
  hiveColumns: ReadonlySet<string> | null;
}

/**
 * The parcels of a store as one SELECT; with `sggCodes`, only those 시군구 partitions, so a join
 * reads the files of the regions actually present and no others. A Spark (Hive) folder is pruned
 * the way Spark prunes it: only the SI_NM=/SGG_NM= folders of those 시군구 are read (`hive`: its
 * partitions, keyed by 시군구 code, from hiveStoreInfo).
 */
export function parcelsSql(
  storeDir: string,
  attached: StoreAttachment | null,
  sggCodes?: ReadonlySet<string>,
  hive?: StoreInfo | null,
): string {
  const manifest = attached?.manifest ?? null;
  if (isHiveLayout(storeDir)) {
    if (!sggCodes) return `SELECT * FROM ${quoteIdent(PARCELS)}`;
    const folders = (hive?.partitions ?? []).filter((p) => sggCodes.has(p.key)).map((p) => hiveFolder(storeDir, p.sido, p.sgg));
    // a 시군구 the folder list cannot name (none known, or a name Spark escaped): filter on the PNU prefix
    if (!hive || !attached?.hiveColumns || folders.some((f) => f === null)) {
      const codes = [...sggCodes].map(literalSql);
      return `SELECT * FROM ${quoteIdent(PARCELS)} WHERE ${codes.length ? `left(PNU, 5) IN (${codes.join(', ')})` : 'false'}`;
    }
    if (!folders.length) return `SELECT * FROM ${quoteIdent(PARCELS)} WHERE false`;
    return hiveSelect(
      `read_parquet([${folders.map((f) => literalSql(path.join(f!, '**', '*.parquet'))).join(', ')}], hive_partitioning = true, union_by_name = true)`,
      attached.hiveColumns,
    );
  }
  const parts = manifest?.partitions.filter((p) => !sggCodes || sggCodes.has(p.key)) ?? [];
  const files = parts.map((p) => literalSql(path.join(storeDir, p.file)));
  return files.length
    ? `SELECT ${PARCEL_COLUMNS.map(([n]) => quoteIdent(n)).join(', ')} FROM read_parquet([${files.join(', ')}])`
    : `SELECT ${PARCEL_COLUMNS.map(([n, t]) => `CAST(NULL AS ${t}) AS ${quoteIdent(n)}`).join(', ')} WHERE false`;
}

/**
 * The folder written for one 시군구, or null when there is none: Spark writes 한글 values as they
 * are, other writers (DuckDB) percent-escape them, so names are compared decoded.
 */
function hiveFolder(storeDir: string, sido: string, sgg: string | null): string | null {
  const child = (dir: string | null, key: string, value: string) => {
    if (!dir || !existsSync(dir)) return null;
    const name = readdirSync(dir).find((d) => d.startsWith(`${key}=`) && decodePartValue(d.slice(key.length + 1)) === value);
    return name ? path.join(dir, name) : null;
  };
  return child(child(storeDir, 'SI_NM', sido), 'SGG_NM', sgg ?? HIVE_NULL);
}

function decodePartValue(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/** The store's columns over Spark's files: WKB as binary, partition values as text, absent columns null. */
function hiveSelect(source: string, present: ReadonlySet<string>): string {
  const select = PARCEL_COLUMNS.map(([n, t]) => {
    if (!present.has(n)) return `CAST(NULL AS ${t}) AS ${quoteIdent(n)}`;
    if (n === 'geometry') return `ST_GeomFromWKB(${quoteIdent(n)}) AS geometry`;
    if (['SI_NM', 'SGG_NM', 'EMD_NM', 'RI_NM'].includes(n))
      return `NULLIF(CAST(${quoteIdent(n)} AS VARCHAR), '${HIVE_NULL}') AS ${quoteIdent(n)}`;
    return `CAST(${quoteIdent(n)} AS ${t}) AS ${quoteIdent(n)}`;
  });
  return `SELECT ${select.join(', ')} FROM ${source}`;
}

async function attachHive(engine: Engine, storeDir: string): Promise<ReadonlySet<string>> {
  const source = `read_parquet(${literalSql(path.join(storeDir, '**', '*.parquet'))}, hive_partitioning = true, union_by_name = true)`;
  const present = new Set(((await engine.rows(`DESCRIBE SELECT * FROM ${source}`)) as { column_name: string }[]).map((r) => r.column_name));
  await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(PARCELS)} AS ${hiveSelect(source, present)}`);
  return present;
}

/** Store facts for a Hive-layout folder, which has no manifest: counted once at attach. */
export async function hiveStoreInfo(engine: Engine, storeDir: string): Promise<StoreInfo> {
  // keyed by 시군구 code (the PNU's first five digits), as a Pilji store's partitions are
  const rows =
    (await engine.rows(`SELECT left(PNU, 5) AS code, SI_NM AS sido, SGG_NM AS sgg, count(*)::INTEGER AS n, min(bbox.xmin) AS x0, min(bbox.ymin) AS y0,
      max(bbox.xmax) AS x1, max(bbox.ymax) AS y1, max(SOURCE_DATE)::VARCHAR AS d
    FROM ${quoteIdent(PARCELS)} GROUP BY ALL ORDER BY ALL`)) as {
      code: string;
      sido: string;
      sgg: string | null;
      n: number;
      x0: number;
      y0: number;
      x1: number;
      y1: number;
      d: string | null;
    }[];
  return {
    path: storeDir,
    formatVersion: 0,
    readOnly: true,
    rows: rows.reduce((a, r) => a + r.n, 0),
    importedAt: null,
    partitions: rows.map((r) => ({ key: r.code, sido: r.sido, sgg: r.sgg, rows: r.n, bounds: [r.x0, r.y0, r.x1, r.y1], sourceDate: r.d })),
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
