import { tableFromIPC } from 'apache-arrow';
import { API, type Diagnostics } from '../shared/api/contract';
import type { BenchQuery } from './querySuite';
import { startServeProcess } from './serveProcess';

export interface LatencyStats {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface LoadMeasurement {
  clients: number;
  seconds: number;
  requests: number;
  /** non-200 answers and requests that got no answer */
  failed: number;
  /** answers that differ from the single-client run of the same query */
  mismatched: number;
  failures: string[];
  all: LatencyStats;
  perQuery: (LatencyStats & { id: string; rows: number })[];
  /** GET /api/health every 200 ms during the run: how long the host's event loop kept it waiting */
  health: LatencyStats;
  /** the host's own event-loop delay over the run (monitorEventLoopDelay), and its memory at the end */
  hostEventLoop: { p99Ms: number; maxMs: number };
  hostRssMiB: number;
}

/** Bounded in count as well as in time. */
const MAX_REQUESTS = 20_000;

/**
 * `clients` concurrent clients, each running the benchmark queries in turn for `seconds`, against
 * `pilji serve` on 127.0.0.1 (nothing else is contacted). Every answer is compared with a
 * single-client run of the same query (row count and an order-independent digest of the rows).
 * Bounded: the run stops at its time limit or MAX_REQUESTS, and each request has a time limit too.
 */
export async function runLoadSuite(
  storeDir: string,
  workspace: string,
  queries: BenchQuery[],
  clients: number,
  seconds: number,
): Promise<LoadMeasurement> {
  const { child: server, openUrl } = await startServeProcess(['--host', '127.0.0.1', '--store', storeDir, '--workspace', workspace]);
  try {
    const url = new URL(openUrl);
    const token = url.searchParams.get('token')!;
    const base = url.origin;
    const run = async (dsl: string) => {
      const res = await fetch(base + API.query, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dsl }),
        signal: AbortSignal.timeout(120_000),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${res.status} ${new TextDecoder().decode(bytes).slice(0, 200)}`);
      return digest(bytes);
    };

    const expected = new Map<string, string>();
    for (const q of queries) expected.set(q.id, await run(q.dsl));

    const latencies = new Map<string, number[]>(queries.map((q) => [q.id, []]));
    const failures: string[] = [];
    let failed = 0;
    let mismatched = 0;
    const until = performance.now() + seconds * 1000;
    let started = 0;
    const client = async (c: number) => {
      for (let i = c; performance.now() < until && started++ < MAX_REQUESTS; i++) {
        const q = queries[i % queries.length]!;
        const t = performance.now();
        try {
          const got = await run(q.dsl);
          latencies.get(q.id)!.push(performance.now() - t);
          if (got !== expected.get(q.id)) {
            mismatched++;
            failures.push(`${q.id}: ${got} ≠ ${expected.get(q.id)}`);
          }
        } catch (e) {
          failed++;
          failures.push(`${q.id}: ${(e as Error).message}`);
        }
      }
    };
    const health: number[] = [];
    const probe = async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(base + API.health, { headers: { authorization: `Bearer ${token}` } }).catch((e: Error) => e);
        if (!(res instanceof Error) && res.status === 200) health.push(performance.now() - t);
        else {
          failed++;
          failures.push(
            `health: ${res instanceof Error ? `${res.message} (${String((res.cause as Error | undefined)?.message ?? '')})` : res.status}`,
          );
        }
        if (!(res instanceof Error)) await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await Promise.all([...Array.from({ length: clients }, (_, c) => client(c)), probe()]);
    const all = [...latencies.values()].flat();
    const diag = (await (await fetch(base + API.diagnostics, { headers: { authorization: `Bearer ${token}` } })).json()) as Diagnostics;
    return {
      clients,
      seconds,
      requests: all.length + failed,
      failed,
      mismatched,
      failures: failures.slice(0, 20),
      all: stats(all),
      perQuery: queries.map((q) => ({ id: q.id, rows: Number(expected.get(q.id)!.split(':')[0]), ...stats(latencies.get(q.id)!) })),
      health: stats(health),
      hostEventLoop: { p99Ms: Number(diag.settings.eventLoopDelayP99Ms), maxMs: Number(diag.settings.eventLoopDelayMaxMs) },
      hostRssMiB: Number(diag.settings.rssMiB),
    };
  } finally {
    server.kill();
  }
}

/**
 * Row count and a sum of per-row hashes: the same rows in any order give the same digest.
 * Doubles count to 9 significant digits: a parallel sum adds in a different order each run.
 */
function digest(bytes: Uint8Array): string {
  const table = tableFromIPC(bytes);
  // Parcel rows by their PNU and three more columns (hashing every column of 50,000 rows took this
  // process more CPU than the host it measures); small results (stats) by every column.
  const names = table.schema.fields.map((f) => f.name).filter((n) => n !== 'geometry' && n !== 'bbox');
  const columns = names.includes('PNU') ? ['PNU', ...names.filter((n) => n !== 'PNU').slice(0, 3)] : names;
  let sum = 0;
  for (let i = 0; i < table.numRows; i++) {
    let h = 0x811c9dc5;
    for (const name of columns) {
      const v: unknown = table.getChild(name)!.get(i);
      const text = typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(9) : String(v);
      for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    }
    sum = (sum + (h >>> 0)) % 2 ** 48;
  }
  return `${table.numRows}:${sum}`;
}

function stats(values: number[]): LatencyStats {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : 0);
  return { n: s.length, p50Ms: Math.round(at(0.5)), p95Ms: Math.round(at(0.95)), maxMs: Math.round(s.at(-1) ?? 0) };
}
