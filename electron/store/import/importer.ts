import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobProgress } from '../../../shared/api/contract';
import { csvField } from '../../export/csv';
import { openEngine } from '../../engine/engine';
import { crsByEpsg, type KoreanCrs } from '../crs/koreanCrs';
import { crsFromPrj } from '../crs/prjParser';
import { inParallel } from '../inParallel';
import { readManifest, writeFileAtomic, type Manifest, type ManifestSource } from '../manifest';
import { readDbfHeader } from '../shapefile/dbfReader';
import { encodingFromCpg } from '../shapefile/textEncoding';
import { isHiveLayout } from '../storeCatalog';
import { StoreStaging } from '../storeWriter';
import { dateFromFileName, detectSchema, type CadastralSchema } from './cadastralSchema';
import { ImportError } from './importError';
import { ImportCancelledError, ImportWorkerPool } from './importWorkerPool';
import { duplicatePnuReason, type RangeJob, type RangeResult, type RejectedRecord } from './rangeReader';
import { findShapefileSets, type ShapefileSet } from './shapefileInputs';
import { lockStore } from './storeLock';

export type { RejectedRecord } from './rangeReader';
export { ImportCancelledError } from './importWorkerPool';

export interface ImportOptions {
  inputs: string[];
  storeDir: string;
  /** the 법정동 code table file (bjdTableFile) */
  bjdFile: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** EPSG code for files without a .prj */
  defaultEpsg?: number;
  batchSize?: number;
  /** DuckDB memory for sorting partitions (spills beyond it) */
  memoryLimit?: string;
  /** reader threads; default: the machine's cores */
  threads?: number;
}

/** Progress of the file being read, or of the final write ('writing'). */
export type ImportProgress = JobProgress;

export interface ImportedFile {
  file: string;
  schema: CadastralSchema;
  epsg: number;
  encoding: string;
  records: number;
  imported: number;
  rejected: number;
  /** imported parcels whose 지목 부호 is none of the 28 (kept with 지목 empty, listed in the report) */
  invalidJimok: number;
  /** imported parcels with a ring their writer left unclosed (closed here) */
  unclosedRings: number;
}

export interface ImportSummary {
  importId: string;
  files: ImportedFile[];
  imported: number;
  rejected: number;
  invalidJimok: number;
  unclosedRings: number;
  warnings: string[];
  reportPath: string | null;
  seconds: number;
  /** of which reading the shapefiles (the rest: writing the store) */
  readSeconds: number;
  parcelsPerSecond: number;
  manifest: Manifest;
}

/** Files smaller than this are read by one thread: a worker costs more than it saves. */
const MIN_RECORDS_PER_THREAD = 20_000;

/**
 * Imports 연속지적도 shapefiles into the store. Each file is split into record ranges (by its
 * .shx index) read by worker threads in parallel, streaming in constant memory; rows are staged
 * per 시군구, and the store changes only at the final manifest swap: a failure, a cancel or a
 * killed process leaves the previous store intact.
 */
export async function importShapefiles(o: ImportOptions): Promise<ImportSummary> {
  try {
    return await runImport(o);
  } catch (e) {
    throw storageError(e, o.storeDir) ?? e;
  }
}

/** A full disk or an unwritable store folder, said in the words the analyst needs. */
function storageError(e: unknown, storeDir: string): Error | null {
  const message = e instanceof Error ? e.message : String(e);
  if (/\b(ENOSPC|EDQUOT)\b/.test(message)) {
    return new ImportError(
      `the disk holding the store ${storeDir} is full (${message}); free some space and import again — the store is unchanged`,
      'store_disk_full',
      { cause: e },
    );
  }
  if (/\b(EROFS|EACCES|EPERM)\b/.test(message)) {
    return new ImportError(
      `cannot write into the store folder ${storeDir} (${message}); import into a folder you can write to — the store is unchanged`,
      'store_not_writable',
      { cause: e },
    );
  }
  return null;
}

async function runImport(o: ImportOptions): Promise<ImportSummary> {
  if (isHiveLayout(o.storeDir)) {
    throw new ImportError(
      `${o.storeDir} is a Spark (Hive) layout, attached read-only; import into a new store folder instead`,
      'store_read_only',
    );
  }
  const started = performance.now();
  const importId = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 6)}`;
  const unlock = await lockStore(o.storeDir);
  const stagingDir = path.join(o.storeDir, '.staging', importId);
  // Started first: each thread loads its modules and the code table while this one plans.
  const pool = new ImportWorkerPool(Math.max(1, o.threads ?? os.availableParallelism()), o.bjdFile);
  try {
    await collectGarbage(o.storeDir);
    await fs.mkdir(path.join(stagingDir, 'tmp'), { recursive: true });
    const sets = await findShapefileSets(o.inputs, path.join(stagingDir, 'inputs'));
    // a few files at once: each is a handful of small reads (248 시군구 files one by one took a second)
    const plans = await inParallel([...sets.entries()], 8, ([i, set]) => planSet(set, i, o));
    // One thread per statement: the store writes two partitions at once (storeWriter.ts).
    const engine = await openEngine({
      allowedDirectories: [o.storeDir],
      memoryLimit: o.memoryLimit ?? '1GB',
      tempDirectory: path.join(stagingDir, 'tmp'),
      threads: 1,
    });
    try {
      const staging = await StoreStaging.open(engine, o.storeDir, importId);
      try {
        // Checksums read the inputs again; do it while the workers parse (the main thread is idle then).
        const checksums = plans.map((p) => sha256(/\.zip$/i.test(p.set.origin) ? p.set.origin : p.set.shp));
        const results = await readAll(pool, plans, staging.rowsDir, o);
        const readSeconds = (performance.now() - started) / 1000;
        const rejected: RejectedRecord[] = [];
        const kept: RejectedRecord[] = []; // imported, with a note (an invalid 지목 부호)
        const warnings = new Set<string>();
        const files: ImportedFile[] = [];
        const sources: ManifestSource[] = [];
        for (const [i, plan] of plans.entries()) {
          const parts = results.filter((r) => r.fileIndex === i).map((r) => r.result);
          parts.forEach((r) => staging.add(r.staged));
          const records = parts.reduce((n, r) => n + r.records, 0);
          const imported = parts.reduce((n, r) => n + r.imported, 0);
          parts.forEach((r) => rejected.push(...r.rejected));
          parts.forEach((r) => kept.push(...r.invalidJimok));
          if (plan.warning) warnings.add(plan.warning);
          parts.forEach((r) => r.warnings.forEach((w) => warnings.add(w)));
          const unclosedRings = parts.reduce((n, r) => n + r.unclosedRings, 0);
          if (unclosedRings)
            warnings.add(
              `${plan.set.label}: ${unclosedRings} parcels had a ring whose last point did not repeat its first (not closed); closed on import`,
            );
          const dates = parts
            .map((r) => r.latestDate)
            .filter((d): d is string => d !== null)
            .sort();
          files.push({
            file: plan.set.label,
            schema: plan.schema,
            epsg: plan.crs.epsg,
            encoding: plan.encoding === 'euc-kr' ? 'cp949' : 'utf-8',
            records,
            imported,
            rejected: records - imported,
            invalidJimok: parts.reduce((n, r) => n + r.invalidJimok.length, 0),
            unclosedRings,
          });
          sources.push({ file: plan.set.label, sha256: await checksums[i]!, sourceDate: dates.at(-1) ?? null, rows: imported });
        }
        if (files.every((f) => f.imported === 0)) {
          throw new ImportError(
            `no parcel could be imported from ${sets.map((s) => s.label).join(', ')}: ${rejected.length} records rejected (first: ${rejected[0]?.reason ?? 'none'})`,
            'no_parcels',
          );
        }
        throwIfAborted(o.signal);
        o.onProgress?.({
          file: '',
          fileIndex: sets.length,
          fileCount: sets.length,
          records: 0,
          total: 0,
          recordsPerSecond: 0,
          etaSeconds: null,
          phase: 'writing',
        });
        const { manifest, duplicates } = await staging.commit(sources);
        for (const d of duplicates) {
          rejected.push({ file: d.source, record: d.record, reason: duplicatePnuReason(d.pnu) });
          const file = files.find((x) => x.file === d.source)!;
          file.imported--;
          file.rejected++;
          const note = kept.findIndex((k) => k.file === d.source && k.record === d.record);
          if (note >= 0) {
            kept.splice(note, 1); // not kept after all: its rejection says so
            file.invalidJimok--;
          }
        }
        const imported = files.reduce((n, f) => n + f.imported, 0);
        const reportPath = rejected.length || kept.length ? await writeReport(o.storeDir, importId, rejected, kept) : null;
        const seconds = (performance.now() - started) / 1000;
        return {
          importId,
          files,
          imported,
          rejected: rejected.length,
          invalidJimok: kept.length,
          unclosedRings: files.reduce((n, f) => n + f.unclosedRings, 0),
          warnings: [...warnings],
          reportPath,
          seconds,
          readSeconds,
          parcelsPerSecond: imported / seconds,
          manifest,
        };
      } catch (e) {
        await staging.discard();
        throw e;
      }
    } finally {
      await engine.close();
    }
  } finally {
    await pool.close();
    await fs.rm(stagingDir, { recursive: true, force: true });
    await fs.rmdir(path.join(o.storeDir, '.staging')).catch(() => undefined);
    await unlock();
  }
}

interface SetPlan {
  set: ShapefileSet;
  fileIndex: number;
  schema: CadastralSchema;
  crs: KoreanCrs;
  encoding: 'utf-8' | 'euc-kr';
  records: number;
  /** said in the summary's warnings: a .cpg the bytes contradicted */
  warning: string | null;
}

/** Reads what a file is (layout, CRS, encoding, size) before its records are read in parallel. */
async function planSet(set: ShapefileSet, fileIndex: number, o: ImportOptions): Promise<SetPlan> {
  const crs = await crsOf(set, o.defaultEpsg);
  const cpg = set.cpg ? encodingFromCpg(await fs.readFile(set.cpg, 'utf8')) : null;
  const dbf = readDbfHeader(set.dbf, cpg);
  const name = (e: 'utf-8' | 'euc-kr') => (e === 'utf-8' ? 'UTF-8' : 'cp949');
  const warning = dbf.contradicted
    ? `${set.label}: its .cpg says ${name(dbf.contradicted)} but the text is ${name(dbf.encoding)}; read as ${name(dbf.encoding)}`
    : null;
  return { set, fileIndex, schema: detectSchema(dbf, set.label), crs, encoding: dbf.encoding, records: dbf.recordCount, warning };
}

/** Runs every file's record ranges on a pool of worker threads, reporting per-file progress. */
async function readAll(
  pool: ImportWorkerPool,
  plans: SetPlan[],
  rowsDir: string,
  o: ImportOptions,
): Promise<{ fileIndex: number; result: RangeResult }[]> {
  const threads = pool.size;
  const jobs: RangeJob[] = plans.flatMap((p) => {
    const n = p.set.shx ? Math.min(threads, Math.max(1, Math.floor(p.records / MIN_RECORDS_PER_THREAD))) : 1;
    return Array.from({ length: n }, (_, k) => ({
      set: p.set,
      fileIndex: p.fileIndex,
      schema: p.schema,
      epsg: p.crs.epsg,
      encoding: p.encoding,
      fileDate: dateFromFileName(path.basename(p.set.shp)),
      from: Math.floor((p.records * k) / n),
      to: Math.floor((p.records * (k + 1)) / n),
      batchSize: o.batchSize ?? 10_000,
    }));
  });
  const done = new Map<number, number>(); // per job index: records read
  const t0 = performance.now();
  const report = (job: RangeJob) => {
    const plan = plans[job.fileIndex]!;
    const records = jobs.reduce((n, j, i) => n + (j.fileIndex === job.fileIndex ? (done.get(i) ?? 0) : 0), 0);
    const all = [...done.values()].reduce((a, b) => a + b, 0);
    const rate = all / Math.max((performance.now() - t0) / 1000, 1e-3);
    const remaining = plans.reduce((n, p) => n + p.records, 0) - all;
    o.onProgress?.({
      file: plan.set.label,
      fileIndex: plan.fileIndex,
      fileCount: plans.length,
      records,
      total: plan.records,
      recordsPerSecond: rate,
      etaSeconds: rate > 0 ? remaining / rate : null,
      phase: 'reading',
    });
  };
  const results = await pool.run(
    jobs,
    rowsDir,
    (i, records) => {
      done.set(i, records);
      report(jobs[i]!);
    },
    o.signal,
  );
  return results.map((result, i) => ({ fileIndex: jobs[i]!.fileIndex, result }));
}

async function crsOf(set: ShapefileSet, defaultEpsg?: number): Promise<KoreanCrs> {
  if (set.prj) {
    try {
      return crsFromPrj(await fs.readFile(set.prj, 'utf8'));
    } catch (e) {
      throw new ImportError(`${set.label}: ${(e as Error).message}`, 'prj_unsupported', { cause: e });
    }
  }
  const crs = defaultEpsg ? crsByEpsg(defaultEpsg) : undefined;
  if (!crs)
    throw new ImportError(`${set.label}: no .prj file, so its coordinate system is unknown; give it (for example --crs 5174)`, 'no_prj');
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

/**
 * Records that were rejected, and parcels kept with a problem (`outcome` says which), as CSV
 * (UTF-8 with BOM, for Excel) in the store's reports folder, in file and record order.
 */
async function writeReport(storeDir: string, importId: string, rejected: RejectedRecord[], kept: RejectedRecord[]): Promise<string> {
  const dir = path.join(storeDir, 'reports');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `import-${importId}.csv`);
  const rows = [...rejected.map((r) => ({ ...r, outcome: 'rejected' })), ...kept.map((r) => ({ ...r, outcome: 'kept' }))].sort((a, b) =>
    a.file === b.file ? a.record - b.record : a.file < b.file ? -1 : 1,
  );
  await writeFileAtomic(
    file,
    '\uFEFFfile,record,outcome,reason\r\n' +
      rows.map((r) => `${csvField(r.file)},${r.record},${r.outcome},${csvField(r.reason)}\r\n`).join(''),
  );
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
