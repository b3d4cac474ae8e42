/**
 * npm run bench [-- --suite queries|import|layout|all] [--parcels N] [--runs N] [--store DIR]
 *   queries: DSL queries end to end in the host on a store (default: the bundled sample)
 *   import:  generate N parcels as LSMD shapefiles (cached in bench/.cache) and import them in a
 *            fresh process: parcels/s and peak memory
 *   layout:  the imported store against the same rows in the old Spark (Hive) layout
 *   address: parse and resolve 100,000 addresses to PNUs
 *   match:   100,000 addresses of parcels sampled from the store matched back (after import)
 *   dsl:     compile time of a 50-line query
 *   render:  the app in headless Chromium draws `parcels | take N` (N = --render-parcels, default 200,000)
 * Prints Markdown tables and writes bench/results/<date>-<scale>.json (suites run the same day at
 * the same scale are merged into it). No thresholds: targets are
 * read by people from the table and the JSON.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CatalogTable } from '../shared/dsl/catalog';
import { paths } from '../electron/host/paths';
import { bjdTableFile, loadBjdTable } from '../electron/store/bjdTableLoader';
import { runAddressSuite, type AddressMeasurement } from './addressSuite';
import { runDslSuite, type DslMeasurement } from './dslSuite';
import { runRenderSuite, type RenderMeasurement } from './renderSuite';
import { runImportSuite, type ImportMeasurement } from './importSuite';
import { runMatchSuite, type MatchMeasurement } from './matchSuite';
import { runLayoutSuite, type LayoutMeasurement } from './layoutSuite';
import { runQuerySuite, type QueryMeasurement } from './querySuite';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'queries' },
    parcels: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
    store: { type: 'string' },
    'render-parcels': { type: 'string', default: '200000' },
  },
});
const suites = values.suite === 'all' ? ['import', 'layout', 'queries', 'address', 'match', 'dsl'] : values.suite.split(',');
const runs = Number(values.runs);
const parcels = Number(values.parcels);
const cacheDir = path.resolve(import.meta.dirname, '.cache');
const work = path.join(os.tmpdir(), 'pilji-bench');
mkdirSync(work, { recursive: true });
const importedStore = path.join(cacheDir, `store-${parcels}`);
const usesImport = suites.includes('import') || suites.includes('layout') || suites.includes('match');
const storeDir = path.resolve(values.store ?? (usesImport ? importedStore : paths.sampleStore()));
const scale = usesImport ? `${parcels}` : values.store ? 'store' : 'sample';
const fmt = (n: number) => n.toFixed(1);

const result: {
  date: string; scale: string; cpus: number; import?: ImportMeasurement; layout?: LayoutMeasurement[]; queries?: QueryMeasurement[]; address?: AddressMeasurement; match?: MatchMeasurement; dsl?: DslMeasurement; render?: RenderMeasurement;
} = {
  date: new Date().toISOString(),
  scale,
  cpus: os.cpus().length,
};

if (suites.includes('import')) {
  const m = await runImportSuite(loadBjdTable(bjdTableFile(paths.assets())), cacheDir, parcels, importedStore);
  result.import = m;
  console.log(`\n## Import (${m.parcels.toLocaleString()} parcels in ${m.files} LSMD shapefiles, cp949, EPSG:5186)\n`);
  console.log('| imported | seconds (reading + writing) | parcels/s | peak RSS MB |\n|---:|---:|---:|---:|');
  console.log(`| ${m.imported.toLocaleString()} | ${fmt(m.seconds)} (${fmt(m.readSeconds)} + ${fmt(m.seconds - m.readSeconds)}) | ${Math.round(m.parcelsPerSecond).toLocaleString()} | ${m.peakRssMb} |`);
}
if (suites.includes('layout')) {
  result.layout = await runLayoutSuite(storeDir, work, runs);
  console.log(`\n## Layout: Pilji (one file per 시군구, sorted by PNU) vs Spark Hive folders, same DuckDB, median warm ms\n`);
  console.log('| query | Pilji | Hive | Hive / Pilji |\n|---|---:|---:|---:|');
  for (const l of result.layout) console.log(`| ${l.query} | ${fmt(l.pilji)} | ${fmt(l.hive)} | ${l.ratio.toFixed(1)}× |`);
}
if (suites.includes('queries')) {
  result.queries = await runQuerySuite(storeDir, work, runs);
  console.log(`\n## Queries end to end in the host (${storeDir}), ${runs} warm runs\n`);
  console.log('| query | Arrow bytes | min ms | median ms | max ms |\n|---|---:|---:|---:|---:|');
  for (const r of result.queries) console.log(`| ${r.name} | ${r.arrowBytes} | ${fmt(r.minMs)} | ${fmt(r.medianMs)} | ${fmt(r.maxMs)} |`);
}
if (suites.includes('address')) {
  const a = runAddressSuite(loadBjdTable(bjdTableFile(paths.assets())), 100_000);
  result.address = a;
  console.log(`\n## Addresses parsed and resolved to PNUs (no store lookup)\n`);
  console.log('| addresses | index build ms | resolve ms | per second |\n|---:|---:|---:|---:|');
  console.log(`| ${a.addresses.toLocaleString()} | ${fmt(a.indexMs)} | ${fmt(a.resolveMs)} | ${Math.round(a.perSecond).toLocaleString()} |`);
}
if (suites.includes('match')) {
  const m = await runMatchSuite(loadBjdTable(bjdTableFile(paths.assets())), storeDir, work, 100_000);
  result.match = m;
  console.log(`\n## Address matching against the store (${m.storeRows.toLocaleString()} parcels)\n`);
  console.log('| addresses | matched | match s | parcel_join rows | parcel_join first ms | parcel_join median ms |\n|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${m.addresses.toLocaleString()} | ${m.matched.toLocaleString()} | ${m.seconds.toFixed(2)} | ${m.join.rows.toLocaleString()} | ${fmt(m.join.firstMs)} | ${fmt(m.join.medianMs)} |`);
}
if (suites.includes('dsl')) {
  const { openHostCore } = await import('../electron/host/hostCore');
  const core = await openHostCore({ storeDir, workspaceDir: work });
  const model: CatalogTable = { name: '신청목록', kind: 'model', columns: [{ name: '시도', type: 'string' }, { name: '소재지', type: 'string' }, { name: '본번', type: 'integer' }] };
  const d = runDslSuite({ tables: [...core.catalog().tables, model] });
  await core.close();
  result.dsl = d;
  console.log('\n## DSL compile time (lexer → parser → checker → SQL), warm\n');
  console.log('| lines | median ms | max ms |\n|---:|---:|---:|');
  console.log(`| ${d.lines} | ${d.medianMs.toFixed(2)} | ${d.maxMs.toFixed(2)} |`);
}
if (suites.includes('render')) {
  const r = await runRenderSuite(storeDir, Number(values['render-parcels']));
  result.render = r;
  console.log(`\n## Map rendering in headless Chromium ${r.browser} (software GL), store ${storeDir}\n`);
  console.log('| parcels | response ms | received → first frame ms | longest task ms | tasks > 100 ms | JS heap MB |\n|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${r.parcels.toLocaleString()} | ${r.responseMs} | ${r.firstFrameMs} | ${r.longestTaskMs} | ${r.tasksOver100Ms} | ${r.jsHeapMb} |`);
}
const dir = path.resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${result.date.slice(0, 10)}-${scale}.json`);
// Suites run separately on the same day and scale add to one record.
const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
writeFileSync(file, JSON.stringify({ ...earlier, ...result }, null, 2) + '\n');
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
