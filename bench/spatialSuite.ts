import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ScaleData } from './benchData';
import type { SpatialRunResult } from './spatialRun';

export interface SpatialMeasurement {
  sgg: string;
  boxRows: number;
  rows: number;
  coldMs: number;
  medianMs: number;
  /** compile + bbox prefilter + GEOS refine, median */
  prepareMedianMs: number;
}

/** The target, at medium scale, warm: shown beside the figure, never enforced. */
export const SPATIAL_TARGET = '≤ 300';

/** Parcels intersecting one 시군구 outline, in its own process (bench/spatialRun.ts). */
export function runSpatialSuite(data: Pick<ScaleData, 'storeDir' | 'workspace'>, runs: number): SpatialMeasurement {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'spatialRun.ts'),
      JSON.stringify({ storeDir: data.storeDir, workspace: data.workspace, runs }),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`spatial run failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as SpatialRunResult;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    sgg: m.sgg,
    boxRows: m.boxRows,
    rows: m.rows,
    coldMs: m.coldMs,
    medianMs: median(m.hostMs),
    prepareMedianMs: median(m.prepareMs),
  };
}
