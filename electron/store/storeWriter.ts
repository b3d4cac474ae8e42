import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';
import { literalSql } from '../../shared/dsl/sqlgen';
import type { Engine } from '../host/engine/engine';
import { readManifest, writeManifest, STORE_FORMAT_VERSION, type Manifest, type ManifestPartition, type ManifestSource } from './manifest';
import { PARCEL_COLUMNS, partitionKey, type ParcelRecord } from './schema';

/** Rows per Parquet row group: small groups let PNU lookups skip most of a file. */
const ROW_GROUP_SIZE = 8192;
const FLUSH_BYTES = 1 << 20;

/** The staged CSV columns, in order, with their types for DuckDB's reader. */
const STAGED: [string, string][] = [
  ['seq', 'BIGINT'], ['source', 'VARCHAR'], ['record', 'INTEGER'],
  ...PARCEL_COLUMNS.filter(([n]) => n !== 'geometry' && n !== 'bbox').map(([n, t]) => [n, t === 'DATE' ? 'VARCHAR' : t] as [string, string]),
  ['wkb', 'VARCHAR'], ['xmin', 'DOUBLE'], ['ymin', 'DOUBLE'], ['xmax', 'DOUBLE'], ['ymax', 'DOUBLE'],
];

export interface DuplicateRow {
  pnu: string;
  /** the source of the duplicate that was dropped */
  source: string;
  record: number;
}

/**
 * Writes parcels into a store. Rows are staged as one CSV file per 시군구 partition (cheap to
 * write from JS; DuckDB's parallel reader loads them), then each partition becomes one Parquet
 * file sorted by PNU, moved beside the live files under this write's id, and the manifest is
 * swapped. Until the swap, queries see the old store; partitions not in this write are kept.
 * A PNU's partition is its 시군구 prefix, so duplicates are found and dropped per partition.
 */
export class StoreStaging {
  private seq = 0;
  private readonly partitions = new Map<string, StagedPartition>();

  private constructor(
    private readonly engine: Engine,
    private readonly storeDir: string,
    readonly writeId: string,
    private readonly dir: string,
  ) {}

  static async open(engine: Engine, storeDir: string, writeId = randomUUID().slice(0, 8)): Promise<StoreStaging> {
    const dir = path.join(storeDir, '.staging', writeId, 'rows');
    await fs.mkdir(dir, { recursive: true });
    return new StoreStaging(engine, storeDir, writeId, dir);
  }

  async append(records: ParcelRecord[], source = '', recordNumbers?: number[]): Promise<void> {
    const src = csvText(source);
    records.forEach((p, i) => {
      const key = partitionKey(p.bjdCode);
      let part = this.partitions.get(key);
      if (!part) {
        part = { stream: createWriteStream(path.join(this.dir, `${key}.csv`)), pending: [], bytes: 0, types: new Set() };
        this.partitions.set(key, part);
      }
      const line = `${this.seq++},${src},${recordNumbers?.[i] ?? i + 1},${csvText(p.pnu)},${csvText(p.bjdCode)},${csvText(p.bjdName)},`
        + `${csvText(p.sido)},${csvText(p.sgg)},${csvText(p.emd)},${csvText(p.ri)},${p.san},${p.bonbun},${p.bubun},${csvText(p.jibun)},`
        + `${csvText(p.jimok)},${csvText(p.sggOid)},${csvText(p.sourceDate)},${p.areaM2},${Buffer.from(p.wkb.buffer, p.wkb.byteOffset, p.wkb.byteLength).toString('base64')},`
        + `${p.bbox[0]},${p.bbox[1]},${p.bbox[2]},${p.bbox[3]}\n`;
      part.types.add(p.wkb[1] === 6 ? 'MultiPolygon' : 'Polygon');
      part.pending.push(line);
      part.bytes += line.length;
    });
    for (const part of this.partitions.values()) if (part.bytes >= FLUSH_BYTES) await flush(part);
  }

  /** Writes the partitions and swaps the manifest; returns it with the duplicates that were dropped. */
  async commit(sources: ManifestSource[], importedAt = new Date().toISOString()): Promise<{ manifest: Manifest; duplicates: DuplicateRow[] }> {
    for (const part of this.partitions.values()) {
      await flush(part);
      await new Promise<void>((resolve, reject) => part.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
    await fs.mkdir(path.join(this.storeDir, 'parcels'), { recursive: true });
    const columns = `{${STAGED.map(([n, t]) => `'${n}': '${t}'`).join(', ')}}`;
    const select = PARCEL_COLUMNS.map(([name, type]) => {
      // WKB as BLOB with our own GeoParquet 1.1 metadata (DuckDB's GEOMETRY would add a 1.0 'geo' key)
      if (name === 'geometry') return 'from_base64(wkb) AS geometry';
      if (name === 'bbox') return '{xmin: xmin, ymin: ymin, xmax: xmax, ymax: ymax} AS bbox';
      if (type === 'DATE') return `CAST(${name} AS DATE) AS ${name}`;
      return name;
    }).join(', ');
    const duplicates: DuplicateRow[] = [];
    const written: ManifestPartition[] = [];
    for (const key of [...this.partitions.keys()].sort()) {
      const rows = `read_csv(${literalSql(path.join(this.dir, `${key}.csv`))}, header = false, columns = ${columns}, quote = '"', escape = '"', auto_detect = false)`;
      const ranked = `SELECT *, row_number() OVER (PARTITION BY PNU ORDER BY seq) AS n FROM ${rows}`;
      duplicates.push(...((await this.engine.rows(`SELECT PNU AS pnu, source, record FROM (${ranked}) WHERE n > 1 ORDER BY seq`)) as unknown as DuplicateRow[]));
      const [s] = (await this.engine.rows(`SELECT count(*)::INTEGER AS rows, min(xmin) AS xmin, min(ymin) AS ymin, max(xmax) AS xmax,
          max(ymax) AS ymax, any_value(SI_NM) AS sido, any_value(SGG_NM) AS sgg, max(SOURCE_DATE) AS source_date
        FROM (${ranked}) WHERE n = 1`)) as { rows: number; xmin: number; ymin: number; xmax: number; ymax: number; sido: string; sgg: string | null; source_date: string | null }[];
      const file = `parcels/${key}-${this.writeId}.parquet`;
      const staged = path.join(this.dir, path.basename(file));
      const geo = geoMetadata([s!.xmin, s!.ymin, s!.xmax, s!.ymax], [...this.partitions.get(key)!.types].sort());
      await this.engine.exec(`COPY (SELECT ${select} FROM (${ranked}) WHERE n = 1 ORDER BY PNU)
        TO ${literalSql(staged)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE}, KV_METADATA {geo: ${literalSql(geo)}})`);
      written.push({ key, file, sido: s!.sido, sgg: s!.sgg, rows: s!.rows, bounds: [s!.xmin, s!.ymin, s!.xmax, s!.ymax], sourceDate: s!.source_date });
    }
    for (const d of duplicates) {
      const source = sources.find((x) => x.file === d.source);
      if (source) source.rows--;
    }
    // Same filesystem: each rename is atomic, and the new names are unreferenced until the swap.
    for (const p of written) await fs.rename(path.join(this.dir, path.basename(p.file)), path.join(this.storeDir, p.file));
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

  /** Removes the staged rows (after a commit, a failure or a cancel). */
  async discard(): Promise<void> {
    for (const part of this.partitions.values()) part.stream.destroy();
    await fs.rm(path.dirname(this.dir), { recursive: true, force: true });
    await fs.rmdir(path.join(this.storeDir, '.staging')).catch(() => undefined); // only when empty
  }
}

interface StagedPartition {
  stream: WriteStream;
  pending: string[];
  bytes: number;
  types: Set<string>;
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

function csvText(s: string | null): string {
  if (s === null) return '';
  return `"${s.includes('"') ? s.replace(/"/g, '""') : s}"`;
}

function flush(part: StagedPartition): Promise<void> | void {
  if (!part.pending.length) return;
  const ok = part.stream.write(part.pending.join(''));
  part.pending = [];
  part.bytes = 0;
  if (!ok) return new Promise((resolve) => part.stream.once('drain', () => resolve()));
}
