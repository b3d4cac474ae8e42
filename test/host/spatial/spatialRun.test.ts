import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../../../electron/host/hostCore';
import { paths } from '../../../electron/host/paths';
import { readWkb } from '../../../shared/geo/wkb';
import { tempDir } from '../../store/synthFixtures';
import { outlineBounds } from '../../../bench/synth/boundaries';
import { addGeoJsonModel, outlineWkt, sggOutline } from './spatialFixtures';

let core: HostCore;
let models: string;
const junggu = sggOutline('서울특별시', '중구');

beforeAll(async () => {
  const workspace = tempDir('spatial');
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  models = path.join(workspace, 'shapes');
  mkdirSync(models, { recursive: true });
  await addGeoJsonModel(core, models, '중구경계', [{ type: 'Feature', properties: { 구: '중구' }, geometry: { type: 'MultiPolygon', coordinates: junggu } }]);
});
afterAll(async () => core.close());

async function rows(dsl: string) {
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  return tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()));
}

/** The sample parcels as GeoJSON, for GDAL to test on its own. */
async function parcelsGeoJson(): Promise<string> {
  const t = await rows('parcels | select PNU');
  const features = [...Array(t.numRows).keys()].map((i) => ({
    type: 'Feature', properties: { PNU: t.getChild('PNU')!.get(i) as string },
    geometry: { type: 'MultiPolygon', coordinates: readWkb(t.getChild('geometry')!.get(i) as Uint8Array).polygons.map((p) => p.map((r) => r.flatMap((_, k) => (k % 2 ? [] : [[r[k]!, r[k + 1]!]])))) },
  }));
  const file = path.join(models, 'parcels.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

/** GDAL (SpatiaLite's SQL over native GEOS) as the independent answer. */
function ogrPnus(file: string, where: string): string[] {
  const out = execFileSync('ogrinfo', ['-ro', '-q', '-dialect', 'SQLite', '-sql', `SELECT PNU FROM parcels WHERE ${where}`, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...out.matchAll(/PNU \(String\) = (\d+)/g)].map((m) => m[1]!).sort();
}

describe('spatial predicates against a real KOSTAT 시군구 outline', () => {
  it('intersects <model>: the same parcels GDAL finds, fewer than its box holds', async () => {
    const ours = (await rows('parcels | intersects 중구경계 | select PNU')).getChild('PNU')!.toArray().map(String).sort();
    const gdal = ogrPnus(await parcelsGeoJson(), `ST_Intersects(geometry, ST_GeomFromText('${outlineWkt(junggu)}'))`);
    expect(ours).toEqual(gdal);
    // the refine decides: the outline's box alone holds parcels of 종로구 that the outline does not
    const [x0, y0, x1, y1] = outlineBounds(junggu);
    const boxed = (await rows(`parcels | within bbox(${x0}, ${y0}, ${x1}, ${y1}) | select PNU`)).numRows;
    expect(ours.length).toBeGreaterThan(500);
    expect(boxed).toBeGreaterThan(ours.length);
  });
});
