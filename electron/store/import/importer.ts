import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { BjdTable } from '../../../shared/cadastral/bjdCodes';
import { writeWkb } from '../../../shared/geo/wkb';
import { openEngine } from '../../host/engine/engine';
import { crsByEpsg, type KoreanCrs } from '../crs/koreanCrs';
import { crsFromPrj } from '../crs/prjParser';
import { createReprojector } from '../crs/reprojector';
import { readManifest, writeFileAtomic, type Manifest, type ManifestSource } from '../manifest';
import type { ParcelRecord } from '../schema';
import { DbfReader } from '../shapefile/dbfReader';
import { ShpReader } from '../shapefile/shpReader';
import { encodingFromCpg } from '../shapefile/textEncoding';
import { isHiveLayout } from '../storeCatalog';
import { StoreStaging } from '../storeWriter';
import { attributeReader, dateFromFileName, detectSchema, type CadastralSchema } from './cadastralSchema';
import { bboxOf, geometryProblem, lonLatArea, planarArea } from './parcelGeometry';
import { findShapefileSets, type ShapefileSet } from './shapefileInputs';
import { lockStore } from './storeLock';

export interface ImportOptions {
  inputs: string[];
  storeDir: string;
  bjdTable: BjdTable;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** EPSG code for files without a .prj */
  defaultEpsg?: number;
  batchSize?: number;
  /** DuckDB memory for staging and sorting (spills beyond it) */
  memoryLimit?: string;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  records: number;
  total: number;
  recordsPerSecond: number;
  etaSeconds: number | null;
  phase: 'reading' | 'writing';
}

export interface RejectedRecord {
  file: string;
  record: number;
  reason: string;
}

export interface ImportedFile {
  file: string;
  schema: CadastralSchema;
  epsg: number;
  encoding: string;
  records: number;
  imported: number;
  rejected: number;
}

export interface ImportSummary {
  importId: string;
  files: ImportedFile[];
  imported: number;
  rejected: number;
  warnings: string[];
  reportPath: string | null;
  seconds: number;
  parcelsPerSecond: number;
  manifest: Manifest;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled; the store is unchanged');
  }
}

/**
 * Imports 연속지적도 shapefiles into the store. Reads stream (constant memory per file), rows are
 * staged in a disk-backed DuckDB, and the store changes only at the final manifest swap: a
 * failure, a cancel or a killed process leaves the previous store intact.
 */
export async function importShapefiles(o: ImportOptions): Promise<ImportSummary> {
  if (isHiveLayout(o.storeDir)) {
    throw new Error(`${o.storeDir} is a Spark (Hive) layout, attached read-only; import into a new store folder instead`);
  }
  const started = performance.now();
  const importId = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 6)}`;
  const unlock = await lockStore(o.storeDir);
  const stagingDir = path.join(o.storeDir, '.staging', importId);
  try {
    await collectGarbage(o.storeDir);
    await fs.mkdir(path.join(stagingDir, 'tmp'), { recursive: true });
    const sets = await findShapefileSets(o.inputs, path.join(stagingDir, 'inputs'));
    const engine = await openEngine({
      allowedDirectories: [o.storeDir],
      memoryLimit: o.memoryLimit ?? '1GB',
      tempDirectory: path.join(stagingDir, 'tmp'),
    });
    try {
      const staging = await StoreStaging.open(engine, o.storeDir, importId);
      try {
        const rejected: RejectedRecord[] = [];
        const warnings = new Set<string>();
        const files: ImportedFile[] = [];
        const sources: ManifestSource[] = [];
        for (const [i, set] of sets.entries()) {
          const f = await importSet(set, i, sets.length, staging, o, rejected, warnings);
          files.push(f.file);
          sources.push(f.source);
        }
        if (files.every((f) => f.imported === 0)) {
          throw new Error(`no parcel could be imported from ${sets.map((s) => s.label).join(', ')}: ${rejected.length} records rejected (first: ${rejected[0]?.reason ?? 'none'})`);
        }
        throwIfAborted(o.signal);
        o.onProgress?.({ file: '', fileIndex: sets.length, fileCount: sets.length, records: 0, total: 0, recordsPerSecond: 0, etaSeconds: null, phase: 'writing' });
        const { manifest, duplicates } = await staging.commit(sources);
        for (const d of duplicates) {
          rejected.push({ file: d.source, record: d.record, reason: `duplicate PNU ${d.pnu} (the first occurrence was kept)` });
          const file = files.find((x) => x.file === d.source)!;
          file.imported--;
          file.rejected++;
        }
        const imported = files.reduce((n, f) => n + f.imported, 0);
        const reportPath = rejected.length ? await writeReport(o.storeDir, importId, rejected) : null;
        const seconds = (performance.now() - started) / 1000;
        return { importId, files, imported, rejected: rejected.length, warnings: [...warnings], reportPath, seconds, parcelsPerSecond: imported / seconds, manifest };
      } catch (e) {
        await staging.discard();
        throw e;
      }
    } finally {
      await engine.close();
    }
  } finally {
    await fs.rm(stagingDir, { recursive: true, force: true });
    await fs.rmdir(path.join(o.storeDir, '.staging')).catch(() => undefined);
    await unlock();
  }
}

async function importSet(
  set: ShapefileSet, fileIndex: number, fileCount: number, staging: StoreStaging, o: ImportOptions,
  rejected: RejectedRecord[], warnings: Set<string>,
): Promise<{ file: ImportedFile; source: ManifestSource }> {
  const crs = await crsOf(set, o.defaultEpsg);
  const cpg = set.cpg ? encodingFromCpg(await fs.readFile(set.cpg, 'utf8')) : null;
  const dbf = await DbfReader.open(set.dbf, cpg);
  const shp = await ShpReader.open(set.shp).catch(async (e: unknown) => {
    await dbf.close();
    throw e;
  });
  try {
    const schema = detectSchema(dbf, set.label);
    const readAttributes = attributeReader(schema, dbf, o.bjdTable, dateFromFileName(path.basename(set.shp)));
    const reproject = createReprojector(crs);
    const batchSize = o.batchSize ?? 20_000;
    const t0 = performance.now();
    let batch: ParcelRecord[] = [];
    let numbers: number[] = [];
    let records = 0;
    let imported = 0;
    let latestDate: string | null = null;
    const reject = (record: number, reason: string) => rejected.push({ file: set.label, record, reason });
    const flush = async () => {
      throwIfAborted(o.signal);
      if (batch.length) await staging.append(batch, set.label, numbers);
      batch = [];
      numbers = [];
      const seconds = (performance.now() - t0) / 1000;
      const rate = records / Math.max(seconds, 1e-3);
      o.onProgress?.({ file: set.label, fileIndex, fileCount, records, total: dbf.recordCount, recordsPerSecond: rate, etaSeconds: rate > 0 ? (dbf.recordCount - records) / rate : null, phase: 'reading' });
    };
    for (;;) {
      const g = await shp.next();
      const a = await dbf.next();
      if (!g && !a) break;
      records++;
      if (!g || !a) {
        reject(records, g ? 'geometry without an attribute record (.dbf is shorter than .shp)' : 'attribute record without a geometry (.shp is shorter than .dbf)');
        continue;
      }
      if (a.deleted) continue;
      let attrs;
      try {
        attrs = readAttributes(a);
      } catch (e) {
        reject(a.number, (e as Error).message);
        continue;
      }
      if (!attrs.ok) {
        reject(a.number, attrs.reason);
        continue;
      }
      if (attrs.warning) warnings.add(attrs.warning);
      const problem = geometryProblem(g.polygons);
      if (problem) {
        reject(a.number, problem);
        continue;
      }
      const polygons = g.polygons!;
      const areaM2 = crs.tmerc ? planarArea(polygons) : lonLatArea(polygons);
      reproject(polygons);
      const v = attrs.value;
      if (v.sourceDate && (!latestDate || v.sourceDate > latestDate)) latestDate = v.sourceDate;
      const record = v as ParcelRecord;
      record.areaM2 = Math.round(areaM2 * 100) / 100;
      record.wkb = writeWkb(polygons);
      record.bbox = bboxOf(polygons);
      batch.push(record);
      numbers.push(a.number);
      imported++;
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    return {
      file: { file: set.label, schema, epsg: crs.epsg, encoding: dbf.encoding === 'euc-kr' ? 'cp949' : 'utf-8', records, imported, rejected: records - imported },
      source: { file: set.label, sha256: await sha256(/\.zip$/i.test(set.origin) ? set.origin : set.shp), sourceDate: latestDate, rows: imported },
    };
  } finally {
    await Promise.all([dbf.close(), shp.close()]);
  }
}

async function crsOf(set: ShapefileSet, defaultEpsg?: number): Promise<KoreanCrs> {
  if (set.prj) {
    try {
      return crsFromPrj(await fs.readFile(set.prj, 'utf8'));
    } catch (e) {
      throw new Error(`${set.label}: ${(e as Error).message}`, { cause: e });
    }
  }
  const crs = defaultEpsg ? crsByEpsg(defaultEpsg) : undefined;
  if (!crs) throw new Error(`${set.label}: no .prj file, so its coordinate system is unknown; give it (for example --crs 5174)`);
  return crs;
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new ImportCancelledError();
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Rejected records as CSV (UTF-8 with BOM, for Excel) in the store's reports folder. */
async function writeReport(storeDir: string, importId: string, rows: RejectedRecord[]): Promise<string> {
  const dir = path.join(storeDir, 'reports');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `import-${importId}.csv`);
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  await writeFileAtomic(file, '\uFEFFfile,record,reason\r\n' + rows.map((r) => `${q(r.file)},${r.record},${q(r.reason)}\r\n`).join(''));
  return file;
}

/** Under the lock: what a killed import left behind (staging folders, unreferenced partition files). */
async function collectGarbage(storeDir: string): Promise<void> {
  await fs.rm(path.join(storeDir, '.staging'), { recursive: true, force: true });
  const manifest = await readManifest(storeDir);
  const live = new Set(manifest?.partitions.map((p) => path.basename(p.file)) ?? []);
  const files = await fs.readdir(path.join(storeDir, 'parcels')).catch(() => [] as string[]);
  for (const f of files) if (f.endsWith('.parquet') && !live.has(f)) await fs.rm(path.join(storeDir, 'parcels', f), { force: true });
}
