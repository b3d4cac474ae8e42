/**
 * npm run bench [-- --scale small|million|medium|national] [--suite LIST] [--runs N] [--results-dir DIR]
 *                 [--layout lsmd|vworld]
 *
 * Builds (once, cached in bench/.cache/<scale>/) synthetic LSMD shapefiles spread over every
 * 시군구, imports them into a store, copies that store into the analysts' Spark (Hive) layout and
 * registers the Q1/Q2 address lists as models. Then runs the suites (default: all):
 *   import   a fresh import of the scale's shapefiles in its own process: parcels/s, peak memory;
 *            with --layout vworld (import only) the same parcels as V-World AL_D002 archives, one
 *            per 시도 in pieces, into a store of their own
 *   queries  Q1–Q5 on the Pilji store and on the Hive layout, same DuckDB, each in a fresh
 *            process: cold, then warm min/median/max, engine and host time, peak memory
 *   cli      `pilji help` and `pilji query` Q1–Q5 as whole processes (the bundle when `npm run build`
 *            has made a current one), beside `node -e 0`
 *   ogr      Q1/Q2 done by GDAL ogr2ogr (SQLite dialect) on the shapefiles, as QGIS users do
 *   ui       Q1, Q5 and `parcels | take 200000` submitted in the app in headless Chromium → drawn
 *   address  parse and resolve 100,000 addresses, and the 도로명주소 DB (generated files over as many
 *            parcels as the scale has, or --juso-parcels: pilji juso in its own process, the index
 *            loaded, a labelled set of road addresses resolved: speed, precision, recall)
 *   match    100,000 addresses against the store
 *   dsl      compile time of a 50-line query
 *   spatial  parcels intersecting the largest 시군구's KOSTAT outline (a registered model): bbox
 *            prefilter in DuckDB, exact refine in GEOS, in its own process, cold and warm
 *   load     --clients (5) clients running Q1–Q5 for --load-seconds (120) against `pilji serve`
 *            on 127.0.0.1: failures, answers that differ from a single client's, p95; fails the run
 *            when any request failed or differed
 * Prints Markdown tables and writes <results-dir>/<date>-<scale>.json (suites run the same day at
 * the same scale are merged into it). No thresholds: targets are read by people from the table.
 */
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CatalogTable } from '../shared/dsl/catalog';
import { openHostCore } from '../electron/host/hostCore';
import { paths } from '../electron/host/paths';
import { bjdTableFile, loadBjdTable } from '../electron/store/bjdTableLoader';
import { runAddressSuite } from './addressSuite';
import { runJusoSuite } from './jusoSuite';
import { ensureAddressLists, ensureHive, ensureStore, importStore, scaleData, scaleInput } from './benchData';
import { benchReport, saveResult, type BenchResult } from './benchReport';
import { runCliSuite } from './cliSuite';
import { runDslSuite } from './dslSuite';
import { runLoadSuite } from './loadSuite';
import { runMatchSuite } from './matchSuite';
import { runOgrSuite } from './ogrSuite';
import { benchQueries, runQuerySuite } from './querySuite';
import { isScale, SCALES } from './scales';
import { runSpatialSuite } from './spatialSuite';
import { runUiSuite } from './uiSuite';

const ALL = ['import', 'queries', 'cli', 'ogr', 'ui', 'address', 'match', 'dsl', 'spatial', 'load'];
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    suite: { type: 'string', default: 'all' },
    runs: { type: 'string', default: '5' },
    'results-dir': { type: 'string', default: path.resolve(import.meta.dirname, 'results') },
    'ogr-timeout': { type: 'string', default: '120' },
    clients: { type: 'string', default: '5' },
    'load-seconds': { type: 'string', default: '120' },
    layout: { type: 'string', default: 'lsmd' },
    // the 도로명 part of the address suite over this many parcels instead of the scale's (≈ 0.52 addresses per parcel: 11,500,000 for the national ≈ 6M)
    'juso-parcels': { type: 'string' },
  },
});
if (!isScale(values.scale)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
const suites = values.suite === 'all' ? ALL : values.suite.split(',');
const unknown = suites.filter((s) => !ALL.includes(s));
if (unknown.length) throw new Error(`unknown suite ${unknown.join(', ')}; choose from ${ALL.join(', ')}`);
if (values.layout !== 'lsmd' && values.layout !== 'vworld') throw new Error('--layout must be lsmd or vworld');
// the other suites query the scale's LSMD store; a V-World import is measured on its own
if (values.layout === 'vworld' && suites.join() !== 'import') throw new Error('--layout vworld goes with --suite import alone');
const layout = values.layout;
const runs = Number(values.runs);
const cacheDir = path.resolve(import.meta.dirname, '.cache');
const table = loadBjdTable(bjdTableFile(paths.assets()));
const data = scaleData(cacheDir, values.scale, SCALES[values.scale]);
const started = performance.now();
mkdirSync(values['results-dir'], { recursive: true });
// Each suite's figures are saved as soon as they exist, so a later failure loses none.
const step = (what: string) => {
  saveResult(result, values['results-dir']);
  console.error(`[bench ${data.scale} ${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);
};

const result: BenchResult = {
  date: new Date().toISOString(),
  scale: data.scale,
  parcels: data.parcels,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
};

step(`generating ${layout} shapefiles (cached)`);
const input = await scaleInput(table, cacheDir, data.parcels, layout);
if (suites.includes('import')) {
  step('importing');
  if (layout === 'vworld') result.importVWorld = await importStore(table, cacheDir, data, 'vworld');
  else result.import = await importStore(table, cacheDir, data);
}
if (layout === 'lsmd') await ensureStore(table, cacheDir, data);
const needsLists = suites.some((s) => ['queries', 'cli', 'ogr', 'ui', 'load'].includes(s));
const lists = needsLists ? await ensureAddressLists(data) : null;
const queries = lists ? await benchQueries(data, lists) : [];
if (suites.includes('queries')) {
  step('copying the store into the Hive layout (cached)');
  await ensureHive(data);
  step('Q1–Q5 on both layouts');
  result.queries = runQuerySuite(data, queries, runs);
}
if (suites.includes('cli')) {
  step('pilji query, whole processes');
  result.cli = runCliSuite(data, queries, runs);
}
if (suites.includes('ogr') && lists) {
  step('ogr2ogr');
  result.ogr = runOgrSuite(input.dir, data.dir, lists, Number(values['ogr-timeout'])) ?? undefined;
}
if (suites.includes('ui')) {
  step('in the app (headless Chromium)');
  const render = Math.min(200_000, data.parcels);
  const ui = await runUiSuite(
    data.storeDir,
    data.workspace,
    [
      ...queries.filter((q) => q.id === 'Q1' || q.id === 'Q5'),
      { id: 'R', title: `draw ${render.toLocaleString()} parcels`, dsl: `parcels | take ${render}` },
    ],
    Math.min(runs, 3),
  );
  result.ui = ui;
}
if (suites.includes('address')) {
  result.address = runAddressSuite(table, 100_000);
  const jusoParcels = Number(values['juso-parcels'] ?? data.parcels);
  step(`the 도로명주소 DB over ${jusoParcels.toLocaleString()} parcels`);
  result.juso = await runJusoSuite(table, jusoParcels, path.join(data.dir, 'juso'));
}
if (suites.includes('match')) {
  step('matching 100,000 addresses');
  result.match = await runMatchSuite(table, data.storeDir, path.join(data.dir, 'match-workspace'), 100_000);
}
if (suites.includes('dsl')) {
  const core = await openHostCore({ storeDir: data.storeDir, workspaceDir: path.join(data.dir, 'match-workspace') });
  const model: CatalogTable = {
    name: '신청목록',
    kind: 'model',
    columns: [
      { name: '시도', type: 'string' },
      { name: '소재지', type: 'string' },
      { name: '본번', type: 'integer' },
    ],
  };
  result.dsl = runDslSuite({ tables: [...core.catalog().tables, model] });
  await core.close();
}

if (suites.includes('spatial')) {
  step('one 시군구 outline against the store (bbox prefilter, GEOS refine)');
  result.spatial = runSpatialSuite(data, runs);
}

if (suites.includes('load')) {
  step(`${values.clients} clients for ${values['load-seconds']} s`);
  result.load = await runLoadSuite(data.storeDir, data.workspace, queries, Number(values.clients), Number(values['load-seconds']));
}

step('done');
const { file, merged } = saveResult(result, values['results-dir']);
console.log(benchReport(merged));
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
if (result.load && (result.load.failed || result.load.mismatched)) {
  console.error(
    `load test: ${result.load.failed} failed, ${result.load.mismatched} different answers:\n${result.load.failures.join('\n')}`,
  );
  process.exitCode = 1;
}
