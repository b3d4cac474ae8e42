/**
 * npm run bench [-- --runs N]
 * Times DSL queries end to end in the host (compile → DuckDB → Arrow IPC bytes) on a store,
 * prints a Markdown table and writes bench/results/<date>-<scale>.json.
 * Today it runs on the bundled sample store; the benchmark issue adds generated stores at
 * small/medium/national scale and the side-by-side layouts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openHostCore } from '../electron/host/hostCore';
import { paths } from '../electron/host/paths';

const QUERIES: [string, string][] = [
  ['one 시군구, take 500', "parcels | where SGG_NM == '종로구' | take 500"],
  ['attribute filter + aggregate', "parcels | where SI_NM == '서울특별시' and JIMOK == '대' | stats count(), sum(AREA_M2) by SGG_NM"],
  ['whole-store aggregate', 'parcels | stats count() by JIMOK'],
  ['bbox around a centre', 'parcels | within near(126.978, 37.5665, 1500)'],
];

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, store: { type: 'string' } } });
  const runs = Number(values.runs);
  const storeDir = path.resolve(values.store ?? paths.sampleStore());
  const workspace = path.join(os.tmpdir(), 'pilji-bench');
  mkdirSync(workspace, { recursive: true });
  const core = await openHostCore({ storeDir, workspaceDir: workspace });
  const rows: { name: string; dsl: string; arrowBytes: number; minMs: number; medianMs: number; maxMs: number }[] = [];
  try {
    for (const [name, dsl] of QUERIES) {
      const times: number[] = [];
      let arrowBytes = 0;
      for (let i = 0; i < runs + 1; i++) {
        const t0 = performance.now();
        const out = await core.queries.run(dsl);
        if (!out.ok) throw new Error(`${name}: ${out.error.error}`);
        let bytes = 0;
        for await (const chunk of out.body) bytes += chunk.length;
        const ms = performance.now() - t0;
        if (i > 0) times.push(ms); // first run warms the caches
        arrowBytes = bytes;
      }
      times.sort((a, b) => a - b);
      rows.push({ name, dsl, arrowBytes, minMs: times[0]!, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]! });
    }
  } finally {
    await core.close();
  }
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const fmt = (n: number) => n.toFixed(1);
  console.log(`\nstore: ${storeDir}  runs: ${runs} warm  peak RSS: ${peakRssMb} MB  (${os.cpus().length} cores)\n`);
  console.log('| query | Arrow bytes | min ms | median ms | max ms |\n|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.arrowBytes} | ${fmt(r.minMs)} | ${fmt(r.medianMs)} | ${fmt(r.maxMs)} |`);
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}-sample.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), scale: 'sample', storeDir, runs, peakRssMb, cpus: os.cpus().length, queries: rows }, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

await main();
