import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../host/engine/engine';
import { readManifest, writeManifest, STORE_FORMAT_VERSION, type Manifest, type ManifestPartition, type ManifestSource } from './manifest';
import { PARCEL_COLUMNS, partitionKey, type ParcelRecord } from './schema';
import { literalSql as sqlString } from '../../shared/dsl/sqlgen';

/** Rows per Parquet row group: small groups let PNU lookups skip most of a file. */
const ROW_GROUP_SIZE = 8192;

/**
 * Writes parcels into the store: one Parquet file per 시군구 partition, sorted by PNU, named with
 * this write's id; then swaps the manifest. Partitions present in `parcels` replace the store's;
 * the rest are kept.
 */
export interface WriteOptions {
  /** names this write's files; fixed only for reproducible builds (the shipped sample) */
  writeId?: string;
  importedAt?: string;
}

export async function writeParcels(
  engine: Engine,
  storeDir: string,
  parcels: ParcelRecord[],
  sources: ManifestSource[],
  options: WriteOptions = {},
): Promise<Manifest> {
  const writeId = options.writeId ?? randomUUID().slice(0, 8);
  const table = `staging_${writeId}`;
  await fs.mkdir(path.join(storeDir, 'parcels'), { recursive: true });
  await engine.exec(`CREATE TABLE ${table} (
    PNU VARCHAR, BJD_CD VARCHAR, BJD_NM VARCHAR, SI_NM VARCHAR, SGG_NM VARCHAR, EMD_NM VARCHAR, RI_NM VARCHAR,
    SAN BOOLEAN, BONBUN INTEGER, BUBUN INTEGER, JIBUN VARCHAR, JIMOK VARCHAR, SGG_OID VARCHAR, SOURCE_DATE VARCHAR,
    AREA_M2 DOUBLE, wkb BLOB, xmin DOUBLE, ymin DOUBLE, xmax DOUBLE, ymax DOUBLE, part VARCHAR)`);
  try {
    await engine.append(table, parcels.map((p) => [
      p.pnu, p.bjdCode, p.bjdName, p.sido, p.sgg, p.emd, p.ri, p.san, p.bonbun, p.bubun, p.jibun, p.jimok,
      p.sggOid, p.sourceDate, p.areaM2, p.wkb, ...p.bbox, partitionKey(p.bjdCode),
    ]));
    const select = PARCEL_COLUMNS.map(([name, type]) => {
      if (name === 'geometry') return 'ST_GeomFromWKB(wkb) AS geometry';
      if (name === 'bbox') return '{xmin: xmin, ymin: ymin, xmax: xmax, ymax: ymax} AS bbox';
      if (type === 'DATE') return `CAST(${name} AS DATE) AS ${name}`;
      return name;
    }).join(', ');
    const stats = (await engine.rows(`SELECT part, count(*)::INTEGER AS rows, min(xmin) AS xmin, min(ymin) AS ymin,
        max(xmax) AS xmax, max(ymax) AS ymax, any_value(SI_NM) AS sido, any_value(SGG_NM) AS sgg, max(SOURCE_DATE) AS source_date
      FROM ${table} GROUP BY part ORDER BY part`)) as {
      part: string; rows: number; xmin: number; ymin: number; xmax: number; ymax: number; sido: string; sgg: string | null; source_date: string | null;
    }[];
    const written: ManifestPartition[] = [];
    for (const s of stats) {
      const file = `parcels/${s.part}-${writeId}.parquet`;
      await engine.exec(`COPY (SELECT ${select} FROM ${table} WHERE part = ${sqlString(s.part)} ORDER BY PNU)
        TO ${sqlString(path.join(storeDir, file))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`);
      written.push({ key: s.part, file, sido: s.sido, sgg: s.sgg, rows: s.rows, bounds: [s.xmin, s.ymin, s.xmax, s.ymax], sourceDate: s.source_date });
    }
    const previous = await readManifest(storeDir);
    const replaced = new Set(written.map((p) => p.key));
    const kept = (previous?.partitions ?? []).filter((p) => !replaced.has(p.key));
    const partitions = [...kept, ...written].sort((a, b) => a.key.localeCompare(b.key));
    const manifest: Manifest = {
      formatVersion: STORE_FORMAT_VERSION,
      layout: 'sgg-file',
      importedAt: options.importedAt ?? new Date().toISOString(),
      sources: [...(previous?.sources ?? []), ...sources],
      partitions,
      rows: partitions.reduce((n, p) => n + p.rows, 0),
    };
    await writeManifest(storeDir, manifest);
    // Only after the swap: the replaced files are no longer referenced by anyone.
    for (const p of previous?.partitions ?? []) {
      if (replaced.has(p.key)) await fs.rm(path.join(storeDir, p.file), { force: true });
    }
    return manifest;
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}
