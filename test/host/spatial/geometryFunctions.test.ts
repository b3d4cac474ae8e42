import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../../shared/dsl/compile';
import { formatDiagnostic } from '../../../shared/dsl/diagnostics';
import { explainPlan } from '../../../shared/dsl/plan';
import { openHostCore, type HostCore } from '../../../electron/host/hostCore';
import { paths } from '../../../electron/host/paths';
import { readWkb } from '../../../shared/geo/wkb';
import { projectFromWgs84 } from '../../../electron/store/crs/fromWgs84';
import { tempDir } from '../../store/synthFixtures';
import { parcelsGeoJson } from './spatialFixtures';

/**
 * area, centroid and buffer on the real engine over the sample store (all in the Central belt,
 * EPSG:5186), against GDAL: SpatiaLite's ST_Area, ST_Centroid and ST_Buffer over native GEOS, in
 * EPSG:5186 through PROJ, an implementation that shares nothing with ours.
 */
let core: HostCore;
let geojson: string;
const workspace = tempDir('geometry-functions');
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  geojson = await parcelsGeoJson(rows, path.join(workspace, 'parcels.geojson'));
});
afterAll(async () => core.close());

async function rows(dsl: string) {
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  return tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()));
}

/** PNU → the numbers GDAL computes, by the SpatiaLite expressions given as d0, d1, … */
function gdal(...exprs: string[]): Map<string, number[]> {
  const select = exprs.map((e, i) => `${e} AS d${i}`).join(', ');
  const out = execFileSync('ogrinfo', ['-ro', '-q', '-dialect', 'SQLite', '-sql', `SELECT PNU, ${select} FROM parcels`, geojson], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const result = new Map<string, number[]>();
  for (const f of out.split('OGRFeature').slice(1)) {
    const pnu = /PNU \(String\) = (\d+)/.exec(f)![1]!;
    result.set(
      pnu,
      exprs.map((_, i) => Number(new RegExp(`d${i} \\(Real\\) = ([\\d.e+-]+)`).exec(f)![1])),
    );
  }
  return result;
}

const PLANE = 'ST_Transform(SetSRID(geometry, 4326), 5186)';

function byPnu(t: Awaited<ReturnType<typeof rows>>, ...names: string[]): Map<string, unknown[]> {
  return new Map([...Array(t.numRows).keys()].map((i) => [t.getChild('PNU')!.get(i) as string, names.map((n) => t.getChild(n)!.get(i))]));
}

describe('area(geometry)', () => {
  it('is the area GDAL measures in EPSG:5186, to 10 ppm, for all 4,000 parcels', async () => {
    const ours = byPnu(await rows('parcels | derive 면적 = area(geometry) | select PNU, 면적, AREA_M2'), '면적', 'AREA_M2');
    const theirs = gdal(`ST_Area(${PLANE})`);
    expect(ours.size).toBe(4000);
    expect(theirs.size).toBe(4000);
    for (const [pnu, [a, stored]] of ours) {
      const [g] = theirs.get(pnu)!;
      // proj4js and PROJ compute the transverse Mercator by different series: a few ppm apart
      expect(Math.abs((a as number) - g!) / g!).toBeLessThan(1e-5);
      // the sample's AREA_M2 came from a rougher local projection, rounded to 0.1 m²: near, not equal
      expect(Math.abs((a as number) - (stored as number)) / (stored as number)).toBeLessThan(0.02);
    }
  });
});

describe('centroid(geometry)', () => {
  it("is GDAL's EPSG:5186 centroid within a millimetre", async () => {
    const t = await rows('parcels | derive 중심 = centroid(geometry) | select PNU, 중심');
    // GDAL's centroid stays on the plane (its per-row transform back to lon/lat takes minutes); ours is brought there
    const theirs = gdal(`ST_X(ST_Centroid(${PLANE}))`, `ST_Y(ST_Centroid(${PLANE}))`);
    const toPlane = projectFromWgs84(5186)!;
    const ours = byPnu(t, '중심');
    expect(ours.size).toBe(4000);
    for (const [pnu, [wkb]] of ours) {
      const xy = readWkb(wkb as Uint8Array).points;
      toPlane(xy);
      const [gx, gy] = theirs.get(pnu)!;
      expect(Math.hypot(xy[0]! - gx!, xy[1]! - gy!)).toBeLessThan(1e-3);
    }
  });
});

describe('buffer(geometry, m)', () => {
  it("covers the area of GDAL's buffer in EPSG:5186 to 0.1%, and area() of it reads back that area", async () => {
    const t = await rows(
      'parcels | take 300 | derive 버퍼 = buffer(geometry, 20), 버퍼면적 = area(buffer(geometry, 20)) | select PNU, 버퍼면적',
    );
    const ours = byPnu(t, '버퍼면적');
    const theirs = gdal(`ST_Area(ST_Buffer(${PLANE}, 20))`, `ST_Area(${PLANE})`);
    expect(ours.size).toBe(300);
    for (const [pnu, [a]] of ours) {
      const [g, plain] = theirs.get(pnu)!;
      expect(Math.abs((a as number) - g!) / g!).toBeLessThan(1e-3);
      expect(a as number).toBeGreaterThan(plain! + 20 * 20 * 3);
    }
  });
});

describe('plan and SQL', () => {
  const snapshot = (dsl: string) => {
    const r = compile(dsl, core.catalog());
    if (!r.plan || !r.sql) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    expect(explainPlan(r.plan)).toMatchSnapshot('plan');
    expect(r.sql).toMatchSnapshot('sql');
  };
  const errors = (dsl: string) => compile(dsl, core.catalog()).diagnostics.map(formatDiagnostic);

  it('area, centroid and buffer are typed columns; the shapes go to the host functions as WKB', async () => {
    const dsl =
      'parcels | derive 면적 = area(geometry), 중심 = centroid(geometry), 둘레 = buffer(geometry, 10) | where 면적 > 1000 | select PNU, 면적, 중심';
    snapshot(dsl);
    const t = await rows(dsl);
    expect(t.numRows).toBeGreaterThan(100);
    expect((t.getChild('면적')!.toArray() as Float64Array).every((a) => a > 1000)).toBe(true);
  });

  it('a buffer in place of the shape drops the stale bbox, so a later spatial step refuses instead of missing rows', async () => {
    const dsl = "parcels | where JIMOK == '대' | derive geometry = buffer(geometry, 30) | take 5";
    snapshot(dsl);
    const t = await rows(dsl);
    expect(t.schema.fields.map((f) => f.name)).not.toContain('bbox');
    expect(t.numRows).toBe(5);
    expect(errors('parcels | derive geometry = centroid(geometry) | within near(126.98, 37.57, 100)')).toEqual([
      "1:50: `within` needs the shapes' bbox, which an earlier step dropped when it replaced geometry — derive the new shape under another name, e.g. derive 버퍼 = buffer(geometry, 50)",
    ]);
    expect(errors('parcels | select PNU, bbox, buffer(geometry, 5) as geometry')).toEqual([
      '1:23: `bbox` covers the shape this step replaces: it would be stale — leave bbox out (spatial steps need the original shape and its box)',
    ]);
  });

  it("near('<PNU>', m), a parcel's neighbourhood: one host-refined step; a malformed PNU or distance refused at its place", async () => {
    const dsl = "parcels | within near('1111010100200060000', 50) | select PNU";
    snapshot(dsl);
    expect((await rows(dsl)).numRows).toBeGreaterThan(1);
    expect(errors("parcels | within near('11110', 0)")).toEqual([
      "1:23: near('<PNU>', meters) takes a 19-digit PNU",
      "1:32: near('<PNU>', meters) takes a distance above 0",
    ]);
  });

  it('types: a shape where one is wanted, a number for the distance', () => {
    expect(errors('parcels | derive a = area(PNU), b = buffer(geometry, JIMOK)')).toEqual([
      '1:27: area() takes a shape: PNU is text — e.g. area(geometry)',
      '1:54: buffer() takes a number here: JIMOK is text',
    ]);
    expect(errors('parcels | where centroid(geometry) == geometry')).toEqual([
      '1:17: this is a geometry: it cannot be compared — filter by location with `within`',
    ]);
  });

  it('a distance a row gives that is out of range fails in the engine, located at its step', async () => {
    const outcome = await core.queries.run('parcels\n| derive b = buffer(geometry, AREA_M2 * 1000)');
    if (outcome.ok) throw new Error('ran');
    expect(outcome.error.diagnostics!.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^2:3: step 1 failed in the engine: .*buffer\(\): the distance is at most 100000 m/),
    ]);
  });
});
