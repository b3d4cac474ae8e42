/**
 * One benchmark query in a fresh process: the first run is cold (new DuckDB, no Parquet metadata
 * cached; the OS file cache is not dropped), then `runs` warm ones, timed two ways:
 *   engine: the prepared statement run by DuckDB into Arrow record batches
 *   host:   compile → parcel_join matching → DuckDB → Arrow IPC bytes, as the HTTP route serves them
 * Engine runs are optional (the Hive layout is timed as the app sees it only). Prints the
 * measurement as JSON; peak RSS is this process's.
 */
import { tableFromIPC } from 'apache-arrow';
import { openHostCore } from '../electron/host/hostCore';

export interface QueryRunResult {
  rows: number;
  arrowBytes: number;
  openMs: number;
  coldMs: number;
  /** compile + parcel_join matching, per engine run */
  prepareMs: number[];
  engineMs: number[];
  hostMs: number[];
  peakRssMb: number;
}

const { storeDir, workspace, dsl, runs, engineRuns } = JSON.parse(process.argv[2]!) as {
  storeDir: string;
  workspace: string;
  dsl: string;
  runs: number;
  engineRuns: boolean;
};
const t0 = performance.now();
const core = await openHostCore({ storeDir, workspaceDir: workspace });
const openMs = performance.now() - t0;

/** The route's path: Arrow IPC bytes, read back to count the rows. */
async function host(): Promise<{ ms: number; bytes: number; rows: number }> {
  const t = performance.now();
  const res = await core.queries.run(dsl);
  if (!res.ok) throw new Error(res.error.error);
  const chunks: Uint8Array[] = [];
  for await (const chunk of res.body) chunks.push(chunk);
  const ms = performance.now() - t;
  return { ms, bytes: chunks.reduce((n, c) => n + c.length, 0), rows: tableFromIPC(chunks).numRows };
}

const cold = await host();
const engineMs: number[] = [];
const hostMs: number[] = [];
const prepareMs: number[] = [];
let rows = 0;
for (let i = 0; i < runs; i++) {
  hostMs.push((await host()).ms);
  if (!engineRuns) continue;
  const t = performance.now();
  const prepared = await core.queries.prepare(dsl, new AbortController().signal);
  if (!prepared.ok) throw new Error(prepared.error.error);
  const t1 = performance.now();
  const result = await core.engine.stream(prepared.sql);
  rows = 0;
  for await (const batch of result.batches) rows += batch.numRows;
  engineMs.push(performance.now() - t1);
  prepareMs.push(t1 - t);
  await prepared.release();
}
await core.close();
const out: QueryRunResult = {
  rows: engineRuns ? rows : cold.rows,
  arrowBytes: cold.bytes,
  openMs,
  coldMs: cold.ms,
  prepareMs,
  engineMs,
  hostMs,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(JSON.stringify(out) + '\n');
