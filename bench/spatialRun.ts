/**
 * The spatial refine in a fresh process: the store's largest 시군구 outline (KOSTAT 2018) is
 * registered as a model, then `parcels | intersects <outline> | select PNU` runs cold and `runs`
 * times warm. Timed: host (compile → bbox prefilter → GEOS refine → DuckDB → Arrow IPC) and its
 * prepare part (compile + refine). Prints the measurement as JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openHostCore } from '../electron/host/hostCore';
import { readGeoJsonTable } from '../electron/models/geoSource';
import { storeGeoModel } from '../electron/models/geoModel';
import { findSggOutline } from './synth/boundaries';

export interface SpatialRunResult {
  sgg: string;
  /** parcels in the outline's box, and those the refine kept */
  boxRows: number;
  rows: number;
  coldMs: number;
  hostMs: number[];
  prepareMs: number[];
}

const { storeDir, workspace, runs } = JSON.parse(process.argv[2]!) as { storeDir: string; workspace: string; runs: number };
const core = await openHostCore({ storeDir, workspaceDir: workspace });
const [top] = await core.engine.rows<{ SI_NM: string; SGG_NM: string }>(
  'SELECT SI_NM, SGG_NM FROM parcels GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1',
);
const dir = path.join(workspace, 'spatial-bench');
mkdirSync(dir, { recursive: true });
const file = path.join(dir, '경계.geojson');
writeFileSync(
  file,
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { 이름: top!.SGG_NM },
        geometry: { type: 'MultiPolygon', coordinates: findSggOutline(top!.SI_NM, top!.SGG_NM) },
      },
    ],
  }),
);
await storeGeoModel(core.engine, await readGeoJsonTable(file), path.join(dir, '경계.parquet'));
await core.addModel('경계', path.join(dir, '경계.parquet'));
const dsl = 'parcels | intersects 경계 | select PNU';

/** The route's path: compile, refine, run, Arrow IPC bytes. */
async function host(): Promise<number> {
  const t = performance.now();
  const res = await core.queries.run(dsl);
  if (!res.ok) throw new Error(res.error.error);
  for await (const chunk of res.body) void chunk;
  return performance.now() - t;
}

const coldMs = await host();
const [box] = await core.engine.rows<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM parcels p, (SELECT bbox AS b FROM "경계") s
  WHERE p.bbox.xmax >= s.b.xmin AND p.bbox.xmin <= s.b.xmax AND p.bbox.ymax >= s.b.ymin AND p.bbox.ymin <= s.b.ymax`);
const hostMs: number[] = [];
const prepareMs: number[] = [];
let rows = 0;
for (let i = 0; i < runs; i++) {
  hostMs.push(await host());
  const t = performance.now();
  const prepared = await core.queries.prepare(dsl, new AbortController().signal);
  if (!prepared.ok) throw new Error(prepared.error.error);
  prepareMs.push(performance.now() - t);
  const result = await core.engine.stream(prepared.sql);
  rows = 0;
  for await (const batch of result.batches) rows += batch.numRows;
  await prepared.release();
}
await core.close();
const out: SpatialRunResult = { sgg: `${top!.SI_NM} ${top!.SGG_NM}`, boxRows: box!.n, rows, coldMs, hostMs, prepareMs };
process.stdout.write(JSON.stringify(out) + '\n');
