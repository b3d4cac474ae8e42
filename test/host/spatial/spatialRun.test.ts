import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../../../electron/host/hostCore';
import { paths } from '../../../electron/host/paths';
import { readWkb } from '../../../shared/geo/wkb';
import { readDelimitedText } from '../../../electron/models/delimitedText';
import { writeModelParquet } from '../../../electron/models/modelTable';
import { tempDir } from '../../store/synthFixtures';
import { outlineBounds } from '../../../bench/synth/boundaries';
import { addGeoJsonModel, outlineWkt, parcelsGeoJson, sggOutline } from './spatialFixtures';

let core: HostCore;
let models: string;
const junggu = sggOutline('서울특별시', '중구');
const jongno = sggOutline('서울특별시', '종로구');
const POINTS = [
  [126.9769, 37.5759],
  [126.99, 37.6],
  [127.01, 37.565],
  [128.5, 36.0],
] as const;
let geojson: string;

beforeAll(async () => {
  const workspace = tempDir('spatial');
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  models = path.join(workspace, 'shapes');
  mkdirSync(models, { recursive: true });
  await addGeoJsonModel(core, models, '중구경계', [
    { type: 'Feature', properties: { 구: '중구' }, geometry: { type: 'MultiPolygon', coordinates: junggu } },
  ]);
  await addGeoJsonModel(core, models, '두구', [
    { type: 'Feature', properties: { 구: '중구', PNU: 'x' }, geometry: { type: 'MultiPolygon', coordinates: junggu } },
    { type: 'Feature', properties: { 구: '종로구', PNU: 'y' }, geometry: { type: 'MultiPolygon', coordinates: jongno } },
  ]);
  await addGeoJsonModel(
    core,
    models,
    '지점',
    POINTS.map(([lon, lat], i) => ({ type: 'Feature', properties: { 번호: i + 1 }, geometry: { type: 'Point', coordinates: [lon, lat] } })),
  );
  geojson = await parcelsGeoJson(rows, path.join(models, 'parcels.geojson'));
});
afterAll(async () => core.close());

async function rows(dsl: string) {
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  return tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()));
}

/** GDAL (SpatiaLite's SQL over native GEOS) as the independent answer. */
function ogrPnus(file: string, where: string, select = 'PNU'): string[] {
  const out = execFileSync('ogrinfo', ['-ro', '-q', '-dialect', 'SQLite', '-sql', `SELECT ${select} FROM parcels WHERE ${where}`, file], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return [...out.matchAll(/PNU \(String\) = (\d+)/g)].map((m) => m[1]!).sort();
}

const pnus = async (dsl: string) => (await rows(dsl)).getChild('PNU')!.toArray().map(String).sort();
const pointWkt = ([lon, lat]: readonly [number, number]) => `POINT(${lon} ${lat})`;
const wktOf = (wkb: Uint8Array) =>
  `MULTIPOLYGON(${readWkb(wkb)
    .polygons.map((p) => `(${p.map((r) => `(${r.flatMap((_, k) => (k % 2 ? [] : [`${r[k]} ${r[k + 1]}`])).join(',')})`).join(',')})`)
    .join(',')})`;

describe('spatial predicates against a real KOSTAT 시군구 outline', () => {
  it('intersects <model>: the same parcels GDAL finds, fewer than its box holds', async () => {
    const ours = (await rows('parcels | intersects 중구경계 | select PNU')).getChild('PNU')!.toArray().map(String).sort();
    const gdal = ogrPnus(geojson, `ST_Intersects(geometry, ST_GeomFromText('${outlineWkt(junggu)}'))`);
    expect(ours).toEqual(gdal);
    // the refine decides: the outline's box alone holds parcels of 종로구 that the outline does not
    const [x0, y0, x1, y1] = outlineBounds(junggu);
    const boxed = (await rows(`parcels | within bbox(${x0}, ${y0}, ${x1}, ${y1}) | select PNU`)).numRows;
    expect(ours.length).toBeGreaterThan(500);
    expect(boxed).toBeGreaterThan(ours.length);
  });

  it('within <model>: parcels lying inside the outline, as GDAL ST_Covers says', async () => {
    const ours = await pnus('parcels | within 중구경계 | select PNU');
    expect(ours).toEqual(ogrPnus(geojson, `ST_Covers(ST_GeomFromText('${outlineWkt(junggu)}'), geometry)`));
    const crossing = await pnus('parcels | intersects 중구경계 | select PNU');
    expect(ours.length).toBeGreaterThan(100);
    expect(ours.length).toBeLessThan(crossing.length);
  });

  it('contains <model>: the parcels the points fall in', async () => {
    const ours = await pnus('parcels | contains 지점 | select PNU');
    expect(ours).toEqual(ogrPnus(geojson, POINTS.map((p) => `ST_Covers(geometry, ST_GeomFromText('${pointWkt(p)}'))`).join(' OR ')));
    expect(ours.length).toBeGreaterThan(0);
  });

  it("adjacent '<PNU>': the parcels whose outline meets it, itself left out", async () => {
    const first = await rows("parcels | where SGG_NM == '종로구' | sort PNU | take 1 | select PNU");
    const pnu = first.getChild('PNU')!.get(0) as string;
    const ours = await pnus(`parcels | adjacent '${pnu}' | select PNU`);
    expect(ours).toEqual(
      ogrPnus(
        geojson,
        `ST_Intersects(geometry, ST_GeomFromText('${wktOf(first.getChild('geometry')!.get(0) as Uint8Array)}')) AND PNU <> '${pnu}'`,
      ),
    );
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).not.toContain(pnu);
  });

  it("spatial_join: one row per parcel and outline it meets, with the outline's columns (a clashing name prefixed)", async () => {
    const t = await rows('parcels | spatial_join 두구 | select PNU, 구, 두구_PNU');
    const pairs = [...Array(t.numRows).keys()]
      .map((i) => `${t.getChild('PNU')!.get(i)} ${t.getChild('구')!.get(i)} ${t.getChild('두구_PNU')!.get(i)}`)
      .sort();
    const expected = [
      ...ogrPnus(geojson, `ST_Intersects(geometry, ST_GeomFromText('${outlineWkt(junggu)}'))`).map((p) => `${p} 중구 x`),
      ...ogrPnus(geojson, `ST_Intersects(geometry, ST_GeomFromText('${outlineWkt(jongno)}'))`).map((p) => `${p} 종로구 y`),
    ].sort();
    expect(pairs).toEqual(expected);
  });

  it('near(lon, lat, m) measures from the outline: agrees with GDAL in EPSG:5186 metres except within 0.5 m of the radius', async () => {
    const [lon, lat] = POINTS[0];
    const ours = new Set(await pnus(`parcels | within near(${lon}, ${lat}, 300) | select PNU`));
    const out = execFileSync(
      'ogrinfo',
      [
        '-ro',
        '-q',
        '-dialect',
        'SQLite',
        '-sql',
        `SELECT PNU, ST_Distance(ST_Transform(SetSRID(geometry, 4326), 5186), ST_Transform(MakePoint(${lon}, ${lat}, 4326), 5186)) AS d FROM parcels`,
        geojson,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const dist = new Map([...out.matchAll(/PNU \(String\) = (\d+)\s+d \(Real\) = ([\d.e+-]+)/g)].map((m) => [m[1]!, Number(m[2])]));
    expect(dist.size).toBe(4000);
    const inside = [...dist].filter(([, d]) => d < 299.5).map(([p]) => p);
    const outside = [...dist].filter(([, d]) => d > 300.5).map(([p]) => p);
    expect(inside.length).toBeGreaterThan(10);
    expect(inside.filter((p) => !ours.has(p))).toEqual([]);
    expect(outside.filter((p) => ours.has(p))).toEqual([]);
    // the parcel the point stands in is at distance 0, however far its centre
    expect([...dist].filter(([, d]) => d === 0).every(([p]) => ours.has(p))).toBe(true);
  });
});

describe("near(<model>, m): a buffer around the model's shapes", () => {
  it('agrees with GDAL distances in EPSG:5186 metres except within 0.5 m of the distance', async () => {
    const ours = new Set(await pnus('parcels | within near(중구경계, 150) | select PNU'));
    const out = execFileSync(
      'ogrinfo',
      [
        '-ro',
        '-q',
        '-dialect',
        'SQLite',
        '-sql',
        `SELECT PNU, ST_Distance(ST_Transform(SetSRID(geometry, 4326), 5186), ST_Transform(ST_GeomFromText('${outlineWkt(junggu)}', 4326), 5186)) AS d FROM parcels`,
        geojson,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const dist = new Map([...out.matchAll(/PNU \(String\) = (\d+)\s+d \(Real\) = ([\d.e+-]+)/g)].map((m) => [m[1]!, Number(m[2])]));
    expect(dist.size).toBe(4000);
    const near = [...dist].filter(([, d]) => d > 0 && d < 149.5).map(([p]) => p);
    const inside = [...dist].filter(([, d]) => d < 149.5).map(([p]) => p);
    const outside = [...dist].filter(([, d]) => d > 150.5).map(([p]) => p);
    expect(near.length).toBeGreaterThan(10);
    expect(inside.filter((p) => !ours.has(p))).toEqual([]);
    expect(outside.filter((p) => ours.has(p))).toEqual([]);
  });
});

describe("near('<PNU>', m): the parcels around one parcel", () => {
  it('agrees with GDAL distances from that outline in EPSG:5186 metres except within 0.5 m of the distance', async () => {
    const first = await rows("parcels | where SGG_NM == '중구' | sort PNU | take 1 | select PNU");
    const pnu = first.getChild('PNU')!.get(0) as string;
    const ours = new Set(await pnus(`parcels | within near('${pnu}', 80) | select PNU`));
    const wkt = wktOf(first.getChild('geometry')!.get(0) as Uint8Array);
    const out = execFileSync(
      'ogrinfo',
      [
        '-ro',
        '-q',
        '-dialect',
        'SQLite',
        '-sql',
        `SELECT PNU, ST_Distance(ST_Transform(SetSRID(geometry, 4326), 5186), ST_Transform(ST_GeomFromText('${wkt}', 4326), 5186)) AS d FROM parcels`,
        geojson,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    const dist = new Map([...out.matchAll(/PNU \(String\) = (\d+)\s+d \(Real\) = ([\d.e+-]+)/g)].map((m) => [m[1]!, Number(m[2])]));
    expect(dist.size).toBe(4000);
    const inside = [...dist].filter(([, d]) => d < 79.5).map(([p]) => p);
    const outside = [...dist].filter(([, d]) => d > 80.5).map(([p]) => p);
    expect(inside.length).toBeGreaterThan(5);
    expect(inside).toContain(pnu);
    expect(inside.filter((p) => !ours.has(p))).toEqual([]);
    expect(outside.filter((p) => ours.has(p))).toEqual([]);
  });
});

describe('after parcel_join', () => {
  it('the matched parcels of an address list that meet the outline: those of the list that GDAL finds in it', async () => {
    const list = path.join(models, '목록.parquet');
    await writeModelParquet(core.engine, await readDelimitedText(path.join(paths.assets(), 'sample', 'addresses.csv')), list);
    await core.addModel('목록', list);
    const joined = new Set(await pnus('from 목록 | parcel_join address=소재지 | select PNU'));
    const ours = await pnus('from 목록 | parcel_join address=소재지 | intersects 중구경계 | select PNU, 번호');
    const gdal = ogrPnus(geojson, `ST_Intersects(geometry, ST_GeomFromText('${outlineWkt(junggu)}'))`).filter((p) => joined.has(p));
    expect(ours.length).toBeGreaterThan(0);
    expect([...new Set(ours)]).toEqual(gdal);
  });
});

describe('spatial refusals found in the host, located', () => {
  const refusal = async (dsl: string) => {
    const outcome = await core.queries.run(dsl);
    if (outcome.ok) throw new Error('expected a refusal');
    return outcome.error.diagnostics?.map((d) => `${d.line}:${d.col}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}`);
  };

  it('within a model of points, a PNU the store lacks', async () => {
    expect(await refusal('parcels | within 지점')).toEqual([
      "1:18: `within` needs areas: '지점' holds points — the parcels the points fall in: contains 지점",
    ]);
    expect(await refusal("parcels | adjacent '1111099999100010000'")).toEqual([
      "1:20: no parcel 1111099999100010000 in the store — check the PNU: parcels | where PNU == '…'",
    ]);
  });
});

describe('docs/dsl.md', () => {
  it('the spatial examples said to run on the sample store do, and return rows', async () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/dsl.md'), 'utf8');
    const block = /These run on the bundled sample store as they are:\n\n```\n([^`]+)```/.exec(doc)![1]!;
    const queries = block
      .trim()
      .split('\n')
      .map((l) => l.replace(/#.*$/, '').trim());
    expect(queries).toHaveLength(2);
    for (const q of queries) expect((await rows(q)).numRows).toBeGreaterThan(0);
  });
});
