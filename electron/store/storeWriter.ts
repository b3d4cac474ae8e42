import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { literalSql } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { inParallel } from './inParallel';
import { readManifest, writeManifest, STORE_FORMAT_VERSION, type Manifest, type ManifestPartition, type ManifestSource } from './manifest';
import { PARCEL_COLUMNS, type ParcelRecord } from './schema';
import { NULLABLE_TEXT, StagedRowWriter, type StagedFacts, type StagedFile } from './stagedRows';

/** Rows per Parquet row group: small groups let PNU lookups skip most of a file. */
const ROW_GROUP_SIZE = 8192;

/**
 * Snappy rather than zstd (measured on 1M parcels): the store is 106 MB instead of 81, but imports
 * write it ~0.5 s faster and queries that read whole rows decode them faster (1,000 PNUs with every
 * column 400-430 ms instead of 590-620; 10,000 PNUs with geometry 280-300 instead of 350-370).
 */
const COMPRESSION = 'snappy';

/**
 * Partitions written at once. A partition is small work for DuckDB's own threads (one 시군구 of
 * ~16,000 rows used ~1.3 of 2 cores); two at a time, each on one thread, wrote 1M parcels in
 * 2.2 s instead of 3.8 (2 cores).
 */
const PARALLEL_PARTITIONS = 2;

/** Beyond this many duplicates in a partition (a file imported twice), they are left out by a subquery rather than listed. */
const MAX_LISTED_DUPLICATES = 1000;

interface PartitionStats {
  rows: number;
  dup: bigint;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  sido: string;
  sgg: string | null;
  source_date: string | null;
}

export interface DuplicateRow {
  pnu: string;
  /** the source of the duplicate that was dropped */
  source: string;
  record: number;
}

/**
 * Writes parcels into a store. Rows are staged as Parquet files per 시군구 partition (stagedRows.ts;
 * several writers may add files), then each partition becomes one Parquet file sorted by PNU,
 * moved beside the live files under this write's id, and the manifest is swapped. Until the
 * swap, queries see the old store; partitions not in this write are kept. A PNU's partition is
 * its 시군구 prefix, so duplicates are found and dropped per partition.
 */
export class StoreStaging {
  private readonly files = new Map<string, StagedFile[]>();
  private own: StagedRowWriter | null = null;
  private seq = 0;

  private constructor(
    private readonly engine: Engine,
    private readonly storeDir: string,
    readonly writeId: string,
    /** where staged rows go: writers in other threads write here too */
    readonly rowsDir: string,
  ) {}

  static async open(engine: Engine, storeDir: string, writeId = randomUUID().slice(0, 8)): Promise<StoreStaging> {
    const dir = path.join(storeDir, '.staging', writeId, 'rows');
    await fs.mkdir(dir, { recursive: true });
    return new StoreStaging(engine, storeDir, writeId, dir);
  }

  /** Stages records from this thread (the sample builder); imports stage through workers. */
  async append(records: ParcelRecord[], source = ''): Promise<void> {
    this.own ??= new StagedRowWriter(this.rowsDir, 'main');
    const base = this.seq;
    this.seq += records.length;
    records.forEach((r, i) => this.own!.appendOne(r, source, base + i + 1, base + i));
  }

  /** Registers files another writer staged. */
  add(files: StagedFile[]): void {
    for (const f of files) this.files.set(f.key, [...(this.files.get(f.key) ?? []), f]);
  }

  /** Writes the partitions and swaps the manifest; returns it with the duplicates that were dropped. */
  async commit(
    sources: ManifestSource[],
    importedAt = new Date().toISOString(),
  ): Promise<{ manifest: Manifest; duplicates: DuplicateRow[] }> {
    if (this.own) this.add(await this.own.close());
    await fs.mkdir(path.join(this.storeDir, 'parcels'), { recursive: true });
    const select = PARCEL_COLUMNS.map(([name, type]) => {
      // WKB as BLOB with our own GeoParquet 1.1 metadata (DuckDB's GEOMETRY would add a 1.0 'geo' key)
      if (name === 'geometry') return 'wkb AS geometry';
      if (name === 'bbox') return '{xmin: xmin, ymin: ymin, xmax: xmax, ymax: ymax} AS bbox';
      const value = NULLABLE_TEXT.has(name) ? `NULLIF(${name}, '')` : name;
      return type === 'DATE' ? `CAST(${value} AS DATE) AS ${name}` : value === name ? name : `${value} AS ${name}`;
    }).join(', ');
    const keys = [...this.files.keys()].sort();
    const done = await inParallel(keys, PARALLEL_PARTITIONS, (key) => this.writePartition(key, select));
    const written = done.map((d) => d.partition);
    // in staging order, whichever partition finished first
    const duplicates = done
      .flatMap((d) => d.duplicates)
      .sort((a, b) => a.seq - b.seq)
      .map(({ seq: _, ...d }) => d);
    for (const d of duplicates) {
      const source = sources.find((x) => x.file === d.source);
      if (source) source.rows--;
    }
    // Same filesystem: each rename is atomic, and the new names are unreferenced until the swap.
    for (const p of written) await fs.rename(path.join(this.rowsDir, path.basename(p.file)), path.join(this.storeDir, p.file));
    const previous = await readManifest(this.storeDir);
    const replaced = new Set(written.map((p) => p.key));
    const kept = (previous?.partitions ?? []).filter((p) => !replaced.has(p.key));
    const partitions = [...kept, ...written].sort((a, b) => a.key.localeCompare(b.key));
    const manifest: Manifest = {
      formatVersion: STORE_FORMAT_VERSION,
      layout: 'sgg-file',
      importedAt,
      sources: [...(previous?.sources ?? []), ...sources],
      partitions,
      rows: partitions.reduce((n, p) => n + p.rows, 0),
    };
    await writeManifest(this.storeDir, manifest);
    // After the swap nobody references the replaced files.
    for (const p of previous?.partitions ?? []) {
      if (replaced.has(p.key) && !written.some((w) => w.file === p.file)) await fs.rm(path.join(this.storeDir, p.file), { force: true });
    }
    await this.discard();
    return { manifest, duplicates };
  }

  /**
   * One partition: its facts as staged or from a narrow scan (Parquet reads only the columns
   * named), the duplicate PNUs found the same way, then one sorted COPY that leaves those rows out.
   */
  private async writePartition(
    key: string,
    select: string,
  ): Promise<{ partition: ManifestPartition; duplicates: (DuplicateRow & { seq: number })[] }> {
    const staged = this.files.get(key)!;
    const rows = `read_parquet([${staged.map((f) => literalSql(f.file)).join(', ')}])`;
    const facts = (where: string) =>
      this.engine.rows<PartitionStats>(`SELECT count(*)::INTEGER AS rows, count(*) - count(DISTINCT PNU) AS dup,
        min(xmin) AS xmin, min(ymin) AS ymin, max(xmax) AS xmax, max(ymax) AS ymax, any_value(SI_NM) AS sido,
        any_value(NULLIF(SGG_NM, '')) AS sgg, max(NULLIF(SOURCE_DATE, '')) AS source_date FROM ${rows} ${where}`);
    // one range's file with its PNUs already checked: what it gathered while staging is the answer
    const known = staged.length === 1 && staged[0]!.distinctPnus ? staged[0]!.facts : null;
    let [s] = known ? [factsRow(known)] : await facts('');
    let where = '';
    let duplicates: (DuplicateRow & { seq: number })[] = [];
    if (s!.dup > 0n) {
      // the first occurrence in staging order stays
      duplicates = (
        await this.engine.rows<DuplicateRow & { seq: bigint }>(`SELECT PNU AS pnu, source, record, seq FROM (
        SELECT PNU, source, record, seq, row_number() OVER (PARTITION BY PNU ORDER BY seq) AS n FROM ${rows}) WHERE n > 1`)
      ).map((d) => ({ ...d, seq: Number(d.seq) }));
      where =
        duplicates.length <= MAX_LISTED_DUPLICATES
          ? `WHERE seq NOT IN (${duplicates.map((d) => d.seq).join(', ')})`
          : `WHERE seq NOT IN (SELECT seq FROM (SELECT seq, row_number() OVER (PARTITION BY PNU ORDER BY seq) AS n FROM ${rows}) WHERE n > 1)`;
      [s] = await facts(where);
    }
    const file = `parcels/${key}-${this.writeId}.parquet`;
    const target = path.join(this.rowsDir, path.basename(file));
    const geo = geoMetadata([s!.xmin, s!.ymin, s!.xmax, s!.ymax], [...new Set(staged.flatMap((f) => f.geometryTypes))].sort());
    await this.engine.exec(`COPY (SELECT ${select} FROM ${rows} ${where} ORDER BY PNU)
      TO ${literalSql(target)} (FORMAT parquet, COMPRESSION ${COMPRESSION}, ROW_GROUP_SIZE ${ROW_GROUP_SIZE}, KV_METADATA {geo: ${literalSql(geo)}})`);
    return {
      partition: {
        key,
        file,
        sido: s!.sido,
        sgg: s!.sgg,
        rows: s!.rows,
        bounds: [s!.xmin, s!.ymin, s!.xmax, s!.ymax],
        sourceDate: s!.source_date,
      },
      duplicates,
    };
  }

  /** Removes the staged rows (after a commit, a failure or a cancel). */
  async discard(): Promise<void> {
    this.own?.destroy();
    await fs.rm(path.dirname(this.rowsDir), { recursive: true, force: true });
    await fs.rmdir(path.join(this.storeDir, '.staging')).catch(() => undefined); // only when empty
  }
}

/** GeoParquet 1.1 'geo' metadata: WKB in OGC:CRS84 (the default, so no crs key), with the bbox covering column. */
export function geoMetadata(bbox: [number, number, number, number], geometryTypes: string[]): string {
  return JSON.stringify({
    version: '1.1.0',
    primary_column: 'geometry',
    columns: {
      geometry: {
        encoding: 'WKB',
        geometry_types: geometryTypes,
        bbox,
        covering: { bbox: { xmin: ['bbox', 'xmin'], ymin: ['bbox', 'ymin'], xmax: ['bbox', 'xmax'], ymax: ['bbox', 'ymax'] } },
      },
    },
  });
}

function factsRow(f: StagedFacts): PartitionStats {
  const [xmin, ymin, xmax, ymax] = f.bounds;
  return { rows: f.rows, dup: 0n, xmin, ymin, xmax, ymax, sido: f.sido, sgg: f.sgg, source_date: f.sourceDate };
}
