import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { literalSql } from '../shared/dsl/sqlgen';
import { openEngine } from '../electron/engine/engine';
import { openHostCore } from '../electron/host/hostCore';
import { attachStore } from '../electron/store/storeCatalog';
import { writtenAddress, type AddressParts } from './addressText';
import { benchSggCodes } from './scales';
import { benchShapefiles, type BenchLayout } from './synth/generateStoreInput';

/** Where one scale's generated inputs, store, Hive copy and workspace are cached. */
export interface ScaleData {
  scale: string;
  parcels: number;
  dir: string;
  storeDir: string;
  hiveDir: string;
  workspace: string;
}

export interface ImportMeasurement {
  /** absent in results from before the V-World layout was measured: LSMD */
  layout?: BenchLayout;
  parcels: number;
  /** 시군구 shapefiles (LSMD) or 시도 archives (V-World) */
  files: number;
  imported: number;
  seconds: number;
  readSeconds: number;
  parcelsPerSecond: number;
  peakRssMb: number;
}

/** An address list written as analysts write them, registered as a model (and as CSV for GDAL). */
export interface AddressList {
  model: string;
  csv: string;
  rows: number;
  /** 시도 the list covers */
  sidoCount: number;
  where: string;
  /** the 시군구 code when the list lies in one */
  sggCode: string | null;
}

export function scaleData(cacheDir: string, scale: string, parcels: number): ScaleData {
  const dir = path.join(cacheDir, scale);
  return {
    scale,
    parcels,
    dir,
    storeDir: path.join(dir, 'store'),
    hiveDir: path.join(dir, 'hive'),
    workspace: path.join(dir, 'workspace'),
  };
}

/** The generated download for a scale: LSMD shapefiles, one per 시군구, or V-World archives, one per 시도. */
export async function scaleInput(
  table: BjdTable,
  cacheDir: string,
  parcels: number,
  layout: BenchLayout = 'lsmd',
): Promise<{ dir: string; valid: number; files: number }> {
  const codes = benchSggCodes(table);
  const files = layout === 'lsmd' ? codes.length : new Set(codes.map((c) => c.slice(0, 2))).size;
  return { ...(await benchShapefiles(table, cacheDir, codes, parcels, layout)), files };
}

/**
 * Imports the scale's shapefiles into a fresh store in a child process, so its peak memory is its
 * own. The LSMD import becomes the scale's store; a V-World import goes into a store of its own,
 * thrown away once measured (the other suites query the LSMD one).
 */
export async function importStore(
  table: BjdTable,
  cacheDir: string,
  data: ScaleData,
  layout: BenchLayout = 'lsmd',
): Promise<ImportMeasurement> {
  const input = await scaleInput(table, cacheDir, data.parcels, layout);
  const storeDir = layout === 'lsmd' ? data.storeDir : path.join(data.dir, `store-${layout}`);
  if (layout === 'lsmd') {
    forgetOtherInputs(data, path.basename(input.dir));
    // the Hive copy is of the store being replaced
    rmSync(hiveDone(data), { force: true });
  }
  rmSync(storeDir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'importRun.ts'), input.dir, storeDir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<ImportMeasurement, 'parcels' | 'files'>;
  if (m.imported !== input.valid) throw new Error(`imported ${m.imported}, expected ${input.valid}`);
  if (layout === 'lsmd') writeFileSync(inputMarker(data), path.basename(input.dir));
  else rmSync(storeDir, { recursive: true, force: true });
  return { layout, parcels: data.parcels, files: input.files, ...m };
}

/**
 * The scale's store, imported once from its shapefiles. Generated inputs are named by the code
 * table's 시군구 (a newer table makes new ones): a store, Hive copy and address lists made from
 * other inputs are thrown away and made again, so every suite measures the same parcels.
 */
export async function ensureStore(table: BjdTable, cacheDir: string, data: ScaleData): Promise<void> {
  forgetOtherInputs(data, path.basename((await scaleInput(table, cacheDir, data.parcels)).dir));
  if (!existsSync(path.join(data.storeDir, 'manifest.json'))) await importStore(table, cacheDir, data);
}

/** Throws away the store, Hive copy and address lists when they were made from other inputs. */
function forgetOtherInputs(data: ScaleData, input: string): void {
  const marker = inputMarker(data);
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === input) return;
  for (const stale of [data.storeDir, data.hiveDir, data.workspace, hiveDone(data), marker])
    rmSync(stale, { recursive: true, force: true });
}

/** Names the generated inputs the scale's store was imported from. */
const inputMarker = (data: ScaleData) => path.join(data.dir, 'input.txt');

const hiveDone = (data: ScaleData) => path.join(data.dir, 'hive.done');

/**
 * The same rows in the analysts' Spark layout: Hive folders SI_NM=/SGG_NM=/EMD_NM=/RI_NM=, WKB
 * geometry, written once per scale by DuckDB, folders then named as Spark names them.
 */
export async function ensureHive(data: ScaleData): Promise<void> {
  const done = hiveDone(data);
  if (existsSync(done)) return;
  rmSync(data.hiveDir, { recursive: true, force: true });
  const engine = await openEngine({ allowedDirectories: [data.storeDir, data.dir] });
  try {
    await attachStore(engine, data.storeDir);
    await engine.exec(`COPY (SELECT * EXCLUDE (geometry, SI_NM, SGG_NM, EMD_NM, RI_NM), ST_AsWKB(geometry) AS geometry, SI_NM,
        coalesce(SGG_NM, '__HIVE_DEFAULT_PARTITION__') AS SGG_NM, EMD_NM, coalesce(RI_NM, '__HIVE_DEFAULT_PARTITION__') AS RI_NM FROM parcels)
      TO ${literalSql(data.hiveDir)} (FORMAT parquet, PARTITION_BY (SI_NM, SGG_NM, EMD_NM, RI_NM))`);
  } finally {
    await engine.close();
  }
  sparkFolderNames(data.hiveDir);
  writeFileSync(done, new Date().toISOString());
}

/**
 * DuckDB percent-escapes partition values (`SI_NM=%EC%84%9C…`); Spark writes 한글 as it is
 * (`SI_NM=서울특별시`). Renames every folder under `dir` to Spark's form.
 */
export function sparkFolderNames(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const eq = entry.name.indexOf('=');
    const spark = eq > 0 ? `${entry.name.slice(0, eq + 1)}${decodeURIComponent(entry.name.slice(eq + 1))}` : entry.name;
    if (spark !== entry.name) renameSync(path.join(dir, entry.name), path.join(dir, spark));
    sparkFolderNames(path.join(dir, spark));
  }
}

/**
 * Q1's list (1,000 addresses in the largest 시군구) and Q2's (10,000 over the whole store, so
 * every 시도), sampled from the store's parcels and registered as models in the scale's workspace.
 */
export async function ensureAddressLists(data: ScaleData): Promise<{ q1: AddressList; q2: AddressList }> {
  const inputs = path.join(data.workspace, 'inputs');
  mkdirSync(inputs, { recursive: true });
  const core = await openHostCore({ storeDir: data.storeDir, workspaceDir: data.workspace });
  try {
    const [biggest] = await core.engine.rows<{ SGG_NM: string | null; SI_NM: string; code: string }>(
      'SELECT SI_NM, SGG_NM, left(PNU, 5) AS code FROM parcels GROUP BY ALL ORDER BY count(*) DESC, code LIMIT 1',
    );
    const lists = {
      q1: {
        model: 'q1_주소',
        rows: 1000,
        filter: `WHERE left(PNU, 5) = ${literalSql(biggest!.code)}`,
        where: `${biggest!.SI_NM} ${biggest!.SGG_NM ?? ''}`.trim(),
        sggCode: biggest!.code,
      },
      q2: { model: 'q2_주소', rows: 10_000, filter: '', where: 'the whole store', sggCode: null },
    };
    const out: Record<string, AddressList> = {};
    for (const [key, l] of Object.entries(lists)) {
      const csv = path.join(inputs, `${key}.csv`);
      const sample = await core.engine.rows<AddressParts & { PNU: string }>(
        `SELECT PNU, SI_NM, SGG_NM, EMD_NM, RI_NM, SAN, BONBUN, BUBUN FROM (SELECT * FROM parcels ${l.filter}) USING SAMPLE ${l.rows} ROWS (reservoir, 17)`,
      );
      const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
      writeFileSync(csv, 'id,소재지,PNU\n' + sample.map((p, i) => `${i + 1},${quote(writtenAddress(p, i))},${p.PNU}`).join('\n') + '\n');
      if (core.models.list().some((m) => m.name === l.model)) await core.models.remove(l.model);
      await core.models.register({ file: csv, fileName: `${key}.csv`, name: l.model });
      out[key] = {
        model: l.model,
        csv,
        rows: sample.length,
        sidoCount: new Set(sample.map((p) => p.SI_NM)).size,
        where: l.where,
        sggCode: l.sggCode,
      };
    }
    return out as { q1: AddressList; q2: AddressList };
  } finally {
    await core.close();
  }
}
