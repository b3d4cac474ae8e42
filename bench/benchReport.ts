import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressMeasurement } from './addressSuite';
import type { CliMeasurement } from './cliSuite';
import type { ImportMeasurement } from './benchData';
import type { DslMeasurement } from './dslSuite';
import { SPATIAL_TARGET, type SpatialMeasurement } from './spatialSuite';
import type { LoadMeasurement } from './loadSuite';
import type { JusoMeasurement } from './jusoSuite';
import type { MatchMeasurement } from './matchSuite';
import type { OgrMeasurement } from './ogrSuite';
import type { QueryMeasurement, Timing } from './querySuite';
import type { UiMeasurement } from './uiSuite';

export interface BenchResult {
  date: string;
  scale: string;
  parcels: number;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  import?: ImportMeasurement;
  importVWorld?: ImportMeasurement;
  queries?: QueryMeasurement[];
  cli?: CliMeasurement;
  ogr?: OgrMeasurement[];
  ui?: { browser: string; results: UiMeasurement[] };
  address?: AddressMeasurement;
  match?: MatchMeasurement;
  juso?: JusoMeasurement;
  dsl?: DslMeasurement;
  spatial?: SpatialMeasurement;
  load?: LoadMeasurement;
}

/** The benchmark issue's targets at medium scale, warm; shown beside the figures, never enforced. */
const TARGETS: Record<string, string> = {
  Q1: 'engine ≤ 50, app ≤ 300',
  Q2: '≤ 300',
  Q3: '≤ 200',
  Q4: '≤ 1,000',
  Q5: 'app ≤ 1,000',
  R: 'first frame ≤ 1,000 after the response, no task > 100',
};

const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));

/**
 * Merges a run's figures into <dir>/<date>-<scale>.json (suites run separately on the same day
 * and scale add to one record) and returns the merged record.
 */
export function saveResult(r: BenchResult, dir: string): { file: string; merged: BenchResult } {
  const file = path.join(dir, `${r.date.slice(0, 10)}-${r.scale}.json`);
  const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchResult>) : {};
  const merged = { ...earlier, ...r };
  writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
  return { file, merged };
}

/** The Markdown tables of a run. */
export function benchReport(r: BenchResult): string {
  const out: string[] = [
    `# Pilji benchmark — ${r.scale} scale (${r.parcels.toLocaleString('en-US')} parcels), ${r.date.slice(0, 10)}, ${r.cpus} × ${r.cpuModel}, ${r.memoryGb} GiB`,
  ];
  const imports = [
    r.import && { m: r.import, what: `${r.import.files} LSMD shapefiles, cp949, EPSG:5186` },
    r.importVWorld && {
      m: r.importVWorld,
      what: `${r.importVWorld.files} V-World AL_D002 archives, one per 시도 in pieces, cp949 under a .cpg saying UTF-8, EPSG:5186`,
    },
  ];
  for (const { m, what } of imports.filter((x) => !!x)) {
    out.push(
      `\n## Import (${what})\n`,
      '| parcels imported | seconds (reading + writing) | parcels/s | peak RSS MB |',
      '|---:|---:|---:|---:|',
      `| ${m.imported.toLocaleString('en-US')} | ${m.seconds.toFixed(1)} (${m.readSeconds.toFixed(1)} + ${(m.seconds - m.readSeconds).toFixed(1)}) | ${Math.round(m.parcelsPerSecond).toLocaleString('en-US')} | ${m.peakRssMb} |`,
    );
  }
  if (r.queries) {
    out.push(
      '\n## Queries: Pilji store vs the Spark (Hive) layout pruned as Spark prunes it (a join reads only the SI_NM=/SGG_NM= folders its addresses name), same DuckDB, milliseconds\n',
      'engine = DuckDB runs the prepared statement into Arrow batches; host = DSL → matching → DuckDB → Arrow IPC bytes (what the app receives). Warm medians, min–max in brackets; cold = the first query of a fresh process.\n',
      '| query | rows | Pilji engine | Pilji host | Pilji cold | Hive host | Hive cold | Hive ÷ Pilji | peak RSS MB | target (medium) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const q of r.queries) {
      out.push(
        `| ${q.id} ${q.title} | ${q.pilji.rows.toLocaleString('en-US')} | ${q.pilji.engine ? ms(q.pilji.engine.medianMs) : ''} | ${ms(q.pilji.host.medianMs)} (${ms(q.pilji.host.minMs)}–${ms(q.pilji.host.maxMs)}) | ${ms(q.pilji.coldMs)} | ${ms(q.hive.host.medianMs)} | ${ms(q.hive.coldMs)} | ${q.hiveRatio.toFixed(1)}× | ${q.pilji.peakRssMb} / ${q.hive.peakRssMb} | ${TARGETS[q.id] ?? ''} |`,
      );
    }
  }
  if (r.cli) {
    const c = r.cli;
    const t = (x: Timing) => `${ms(x.medianMs)} (${ms(x.minMs)}–${ms(x.maxMs)})`;
    out.push(
      `\n## The CLI as a shell runs it: whole processes, wall-clock milliseconds, warm medians (min–max); run from ${c.runs === 'bundle' ? 'its Node bundle' : 'the TypeScript sources (no current bundle: npm run build)'}\n`,
      '| command | rows | whole process | target |',
      '|---|---:|---:|---|',
      `| node -e 0 | | ${t(c.node)} | |`,
      `| pilji help | | ${t(c.start)} | start-up ≤ 300 |`,
      ...c.queries.map(
        (q) =>
          `| pilji query ${q.id} (CSV to stdout) | ${q.rows.toLocaleString('en-US')} | ${t(q.whole)} | ${q.id === 'Q1' ? '≤ 600' : ''} |`,
      ),
    );
  }
  if (r.ogr) {
    out.push(
      `\n## GDAL on the shapefiles, PNUs given → GeoJSON in lon/lat, whole processes (${r.ogr[0]?.gdal ?? ''})\n`,
      'indexed-where: the expert path, an attribute index on PNU per file (built once, not timed) and `ogr2ogr -where "PNU IN (…)"` per 시군구 file the list touches; sqlite-join: the list joined in SQLite-dialect SQL (Q2 through a VRT of all files).\n',
      '| query | method | ogr2ogr runs | features | seconds | Pilji host ms | GDAL ÷ Pilji host |',
      '|---|---|---:|---:|---:|---:|---:|',
    );
    for (const o of r.ogr) {
      const p = r.queries?.find((q) => q.id === o.id)?.pilji.host.medianMs;
      const seconds = o.seconds ?? o.limitS;
      const more = o.seconds === null ? '> ' : '';
      out.push(
        `| ${o.id} | ${o.method} | ${o.processes} | ${o.features?.toLocaleString('en-US') ?? 'did not finish'} | ${more}${seconds.toFixed(2)} | ${p ? ms(p) : ''} | ${p ? `${more}${((seconds * 1000) / p).toFixed(1)}×` : ''} |`,
      );
    }
  }
  if (r.ui) {
    out.push(
      `\n## In the app: DSL submitted in headless Chromium ${r.ui.browser} (software GL) → every polygon drawn, milliseconds\n`,
      '| query | polygons | cold total | warm total | response | first frame after response | longest task (Run → first frame) | tasks > 100 ms | JS heap MB | target |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const u of r.ui.results) {
      out.push(
        `| ${u.id} | ${u.polygons.toLocaleString('en-US')} | ${ms(u.cold.totalMs)} | ${ms(u.warm.totalMs)} | ${ms(u.warm.responseMs)} | ${ms(u.warm.firstFrameMs)} | ${u.warm.longestTaskMs || '< 50'} | ${u.warm.tasksOver100Ms} | ${u.jsHeapMb} | ${TARGETS[u.id] ?? ''} |`,
      );
    }
  }
  if (r.address) {
    const a = r.address;
    out.push(
      '\n## Addresses parsed and resolved to PNUs (no store lookup)\n',
      '| addresses | index build ms | resolve ms | per second |',
      '|---:|---:|---:|---:|',
      `| ${a.addresses.toLocaleString('en-US')} | ${ms(a.indexMs)} | ${ms(a.resolveMs)} | ${Math.round(a.perSecond).toLocaleString('en-US')} |`,
    );
  }
  if (r.juso) {
    const j = r.juso;
    const n = (v: number | undefined, digits = 0) =>
      v === undefined ? '–' : digits ? v.toFixed(digits) : Math.round(v).toLocaleString('en-US');
    out.push(
      '\n## 도로명주소 DB: pilji juso on generated 한글 전체분 files, then the labelled road addresses resolved (index in memory)\n',
      '| addresses | related parcels | MB (cp949) | import s | addresses/s | peak RSS MB | index load s | index MB | labelled | resolved per second | wrong | unresolved | precision | recall |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${n(j.addresses)} | ${n(j.related)} | ${n(j.megabytes)} | ${n(j.importSeconds, 1)} | ${n(j.addressesPerSecond)} | ${j.peakRssMb === null ? '–' : n(j.peakRssMb)} | ${n(j.loadSeconds, 1)} | ${n(j.indexMb)} | ${n(j.labelled)} | ${n(j.resolvePerSecond)} | ${j.wrong} | ${j.unresolved} | ${j.precision === undefined ? '–' : `${(100 * j.precision).toFixed(2)} %`} | ${j.recall === undefined ? '–' : `${(100 * j.recall).toFixed(2)} %`} |`,
    );
  }
  if (r.match) {
    const m = r.match;
    out.push(
      `\n## Address matching against the store (${m.storeRows.toLocaleString('en-US')} parcels)\n`,
      '| addresses | matched | match s | parcel_join rows | parcel_join first ms | parcel_join median ms |',
      '|---:|---:|---:|---:|---:|---:|',
      `| ${m.addresses.toLocaleString('en-US')} | ${m.matched.toLocaleString('en-US')} | ${m.seconds.toFixed(2)} | ${m.join.rows.toLocaleString('en-US')} | ${ms(m.join.firstMs)} | ${ms(m.join.medianMs)} |`,
    );
  }
  if (r.dsl) {
    out.push(
      '\n## DSL compile time (lexer → parser → checker → SQL), warm\n',
      '| lines | median ms | max ms |',
      '|---:|---:|---:|',
      `| ${r.dsl.lines} | ${r.dsl.medianMs.toFixed(2)} | ${r.dsl.maxMs.toFixed(2)} |`,
    );
  }
  if (r.spatial) {
    const s = r.spatial;
    out.push(
      `\n## Spatial: parcels intersecting the ${s.sgg} outline (bbox prefilter in DuckDB, exact refine in GEOS)\n`,
      '| parcels in its box | intersecting | cold ms | warm median ms | compile + refine median ms | target ms (medium, warm) |',
      '|---:|---:|---:|---:|---:|---|',
      `| ${s.boxRows.toLocaleString('en-US')} | ${s.rows.toLocaleString('en-US')} | ${ms(s.coldMs)} | ${ms(s.medianMs)} | ${ms(s.prepareMedianMs)} | ${SPATIAL_TARGET} |`,
    );
  }
  if (r.load) {
    const l = r.load;
    const row = (name: string, rows: string, s: { n: number; p50Ms: number; p95Ms: number; maxMs: number }) =>
      `| ${name} | ${rows} | ${s.n.toLocaleString('en-US')} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${ms(s.maxMs)} |`;
    out.push(
      `\n## Load: ${l.clients} clients × ${l.seconds} s on 127.0.0.1 — ${l.requests.toLocaleString('en-US')} requests, ${l.failed} failed, ${l.mismatched} answers different from one client's\n`,
      '| query | rows | requests | p50 ms | p95 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|',
      ...l.perQuery.map((q) => row(q.id, q.rows.toLocaleString('en-US'), q)),
      row('all', '', l.all),
      row('health check', '', l.health),
      `\nHost event loop delay over the run: p99 ${l.hostEventLoop.p99Ms} ms, max ${l.hostEventLoop.maxMs} ms; host memory at the end ${l.hostRssMiB} MiB.`,
    );
  }
  return out.join('\n');
}
