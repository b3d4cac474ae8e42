import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { openHostCore } from '../electron/host/hostCore';
import type { AddressList, ScaleData } from './benchData';
import type { QueryRunResult } from './queryRun';

export interface BenchQuery {
  id: string;
  title: string;
  dsl: string;
}

export interface Timing {
  minMs: number;
  medianMs: number;
  maxMs: number;
}

export interface LayoutRun {
  rows: number;
  arrowBytes: number;
  coldMs: number;
  prepareMs: number | null;
  /** absent for the Hive layout, which is timed as the app sees it only */
  engine: Timing | null;
  host: Timing;
  peakRssMb: number;
}

export interface QueryMeasurement extends BenchQuery {
  pilji: LayoutRun;
  hive: LayoutRun;
  /** Hive warm host median / Pilji's */
  hiveRatio: number;
}

/** Q5's centre: 서울특별시청. */
const CITY_HALL: [number, number] = [126.9784, 37.5667];

/** Q1–Q5 of the benchmark issue, over this scale's address lists and store. */
export async function benchQueries(data: ScaleData, lists: { q1: AddressList; q2: AddressList }): Promise<BenchQuery[]> {
  const core = await openHostCore({ storeDir: data.storeDir, workspaceDir: data.workspace });
  try {
    const [top] = await core.engine.rows<{ SI_NM: string }>('SELECT SI_NM FROM parcels GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const box = await calibrateBox(core, Math.min(50_000, Math.round(data.parcels / 20)));
    return [
      {
        id: 'Q1',
        title: `${lists.q1.rows.toLocaleString()} addresses in ${lists.q1.where} → parcels`,
        dsl: `from ${lists.q1.model} | parcel_join address=소재지`,
      },
      {
        id: 'Q2',
        title: `${lists.q2.rows.toLocaleString()} addresses over ${lists.q2.sidoCount} 시도 → parcels`,
        dsl: `from ${lists.q2.model} | parcel_join address=소재지`,
      },
      {
        id: 'Q3',
        title: `${top!.SI_NM}: 대 parcels, count and area by 시군구`,
        dsl: `parcels | where SI_NM == '${top!.SI_NM}' and JIMOK == '대' | stats count(), sum(AREA_M2) by SGG_NM`,
      },
      { id: 'Q4', title: 'whole store: count by 지목', dsl: 'parcels | stats count() by JIMOK' },
      {
        id: 'Q5',
        title: `box around 서울시청 (~${box.rows.toLocaleString()} parcels)`,
        dsl: `parcels | within bbox(${box.bbox.map((v) => v.toFixed(5)).join(', ')})`,
      },
    ];
  } finally {
    await core.close();
  }
}

/** The square around 서울시청 holding about `target` parcels (binary search on its half-size). */
async function calibrateBox(core: Awaited<ReturnType<typeof openHostCore>>, target: number): Promise<{ bbox: number[]; rows: number }> {
  const [x, y] = CITY_HALL;
  let lo = 0.001;
  let hi = 1;
  let best = { bbox: [x - hi, y - hi, x + hi, y + hi], rows: 0 };
  for (let i = 0; i < 16; i++) {
    const h = (lo + hi) / 2;
    const bbox = [x - h, y - h * 0.8, x + h, y + h * 0.8];
    const [r] = await core.engine.rows<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM parcels WHERE bbox.xmax >= ${bbox[0]} AND bbox.xmin <= ${bbox[2]} AND bbox.ymax >= ${bbox[1]} AND bbox.ymin <= ${bbox[3]}`,
    );
    best = { bbox, rows: r!.n };
    if (Math.abs(r!.n - target) < target * 0.02) break;
    if (r!.n < target) lo = h;
    else hi = h;
  }
  return best;
}

/** Each query on both layouts, each in its own fresh process; the row counts must agree. */
export function runQuerySuite(data: ScaleData, queries: BenchQuery[], runs: number): QueryMeasurement[] {
  return queries.map((q) => {
    const pilji = runInChild(data.storeDir, data.workspace, q.dsl, runs, true);
    const hive = runInChild(data.hiveDir, data.workspace, q.dsl, runs, false);
    if (pilji.rows !== hive.rows) throw new Error(`${q.id}: the layouts disagree (${pilji.rows} vs ${hive.rows} rows)`);
    return { ...q, pilji, hive, hiveRatio: hive.host.medianMs / pilji.host.medianMs };
  });
}

function runInChild(storeDir: string, workspace: string, dsl: string, runs: number, engineRuns: boolean): LayoutRun {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'queryRun.ts'), JSON.stringify({ storeDir, workspace, dsl, runs, engineRuns })],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`query run failed (${dsl}): ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as QueryRunResult;
  return {
    rows: m.rows,
    arrowBytes: m.arrowBytes,
    coldMs: m.coldMs,
    prepareMs: m.prepareMs.length ? timing(m.prepareMs).medianMs : null,
    engine: m.engineMs.length ? timing(m.engineMs) : null,
    host: timing(m.hostMs),
    peakRssMb: m.peakRssMb,
  };
}

/** Min, median and max of a set of timings. */
export function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  return { minMs: s[0]!, medianMs: s[Math.floor(s.length / 2)]!, maxMs: s[s.length - 1]! };
}
