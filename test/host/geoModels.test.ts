import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWkb } from '../../shared/geo/wkb';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { reprojectPoint } from '../../electron/store/crs/reprojector';
import { crsByEpsg } from '../../electron/store/crs/koreanCrs';
import { tempDir } from '../store/synthFixtures';

const dir = tempDir('geo-models');
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer(tempDir('geo-ws'));
});
afterAll(async () => server.close());
const client = () => clientOf(server);
async function upload(files: string[]) {
  const { uploadId } = await client().createUpload();
  for (const f of files) await client().uploadFile(uploadId, path.basename(f), new Blob([new Uint8Array(readFileSync(f))]));
  return uploadId;
}

// Two 사업지구 squares in EPSG:5186 (metres, old-style GeoJSON crs) near 광화문, and one without geometry.
const square = (x: number, y: number, s: number) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];
const geojson = {
  type: 'FeatureCollection',
  crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::5186' } },
  features: [
    {
      type: 'Feature',
      properties: { 지구명: '세종로 1지구', 코드: '0011', 면적: 2500 },
      geometry: { type: 'Polygon', coordinates: square(197900, 552000, 50) },
    },
    {
      type: 'Feature',
      properties: { 지구명: '세종로 2지구', 코드: '0012', 면적: 10000, geometry: 'x' },
      geometry: { type: 'MultiPolygon', coordinates: [square(198000, 552100, 100)] },
    },
    { type: 'Feature', properties: { 지구명: '미정', 코드: '0013', 면적: null }, geometry: null },
  ],
};

describe("the analyst's own polygons as models", () => {
  it('GeoJSON in a Korean CRS: reprojected to lon/lat, attributes as written, a bbox so `within` works', async () => {
    const file = path.join(dir, '사업지구.geojson');
    writeFileSync(file, JSON.stringify(geojson));
    const info = await client().registerModel({ uploadId: await upload([file]) });
    expect(info).toMatchObject({ name: '사업지구', rows: 3, source: { format: 'geojson' } });
    expect(info.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      '지구명:string',
      '코드:string',
      '면적:integer',
      'geometry_attr:string',
      'geometry:geometry',
      'bbox:struct',
    ]);
    expect(info.warnings).toEqual(['column renamed: geometry → geometry_attr', 'feature 3: no geometry']);

    const [lon, lat] = reprojectPoint(crsByEpsg(5186)!, 197900, 552000);
    const { arrow } = await client().query({
      dsl: `from 사업지구 | within bbox(${lon - 0.0001}, ${lat - 0.0001}, ${lon + 0.0001}, ${lat + 0.0001}) | select 지구명, 코드`,
    });
    const t = tableFromIPC(arrow);
    expect(t.getChild('지구명')!.toArray()).toEqual(['세종로 1지구']);
    expect(t.getChild('코드')!.get(0)).toBe('0011');
    const ring = readWkb(t.getChild('geometry')!.get(0) as Uint8Array).polygons[0]![0]!;
    expect(ring[0]).toBeCloseTo(lon, 7);
    expect(ring[1]).toBeCloseTo(lat, 7);
  });

  it('a polygon shapefile written by GDAL (cp949 DBF, .prj, several files in one upload)', async () => {
    const src = path.join(dir, 'src.geojson');
    writeFileSync(
      src,
      JSON.stringify({
        ...geojson,
        features: geojson.features.slice(0, 2).map((f) => ({ ...f, properties: { 지구명: f.properties.지구명, 코드: f.properties.코드 } })),
      }),
    );
    const shp = path.join(tempDir('geo-shp'), '지구경계.shp');
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP949', shp, src]);
    const files = readdirSync(path.dirname(shp)).map((f) => path.join(path.dirname(shp), f));
    expect(files.map((f) => path.extname(f)).sort()).toEqual(['.cpg', '.dbf', '.prj', '.shp', '.shx']);
    const info = await client().registerModel({ uploadId: await upload(files) });
    expect(info).toMatchObject({ name: '지구경계', rows: 2, source: { format: 'shapefile' }, warnings: [] });
    const { arrow } = await client().query({ dsl: "from 지구경계 | where 코드 == '0012'" });
    const t = tableFromIPC(arrow);
    expect(t.getChild('지구명')!.get(0)).toBe('세종로 2지구');
    const [lon, lat] = reprojectPoint(crsByEpsg(5186)!, 198000, 552100);
    // the corner (198000, 552100) is one of the ring's vertices, within a centimetre
    const ring = readWkb(t.getChild('geometry')!.get(0) as Uint8Array).polygons[0]![0]!;
    const nearest = Math.min(...ring.flatMap((_, i) => (i % 2 ? [] : [Math.hypot(ring[i]! - lon, ring[i + 1]! - lat)])));
    expect(nearest).toBeLessThan(1e-7);
  });

  it('points (GeoJSON and a GDAL point shapefile) register too; lines are refused with the reason', async () => {
    const file = path.join(dir, '민원지점.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { 번호: 'A1' }, geometry: { type: 'Point', coordinates: [126.9769, 37.5759] } },
          {
            type: 'Feature',
            properties: { 번호: 'A2' },
            geometry: {
              type: 'MultiPoint',
              coordinates: [
                [126.98, 37.57],
                [126.99, 37.58],
              ],
            },
          },
        ],
      }),
    );
    const info = await client().registerModel({ uploadId: await upload([file]) });
    expect(info.columns.map((c) => c.type)).toEqual(['string', 'geometry', 'struct']);
    const { arrow } = await client().query({ dsl: 'from 민원지점 | within bbox(126.985, 37.575, 127, 37.59)' });
    const t = tableFromIPC(arrow);
    expect(t.getChild('번호')!.toArray()).toEqual(['A2']);
    expect(readWkb(t.getChild('geometry')!.get(0) as Uint8Array)).toEqual({ polygons: [], points: [126.98, 37.57, 126.99, 37.58] });

    const shp = path.join(tempDir('geo-pts'), '지점.shp');
    const one = path.join(dir, '한지점.geojson');
    writeFileSync(
      one,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { 번호: 'A1' }, geometry: { type: 'Point', coordinates: [126.9769, 37.5759] } }],
      }),
    );
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', '-lco', 'ENCODING=CP949', '-t_srs', 'EPSG:5186', shp, one]);
    const files = readdirSync(path.dirname(shp)).map((f) => path.join(path.dirname(shp), f));
    const fromShp = await client().registerModel({ uploadId: await upload(files) });
    const back = tableFromIPC((await client().query({ dsl: `from ${fromShp.name}` })).arrow);
    const [x, y] = readWkb(back.getChild('geometry')!.get(0) as Uint8Array).points;
    expect(Math.hypot(x! - 126.9769, y! - 37.5759)).toBeLessThan(1e-7); // 5186 and back, within a centimetre

    const line = path.join(dir, '도로.geojson');
    writeFileSync(
      line,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [127, 37.5],
                [127.1, 37.6],
              ],
            },
          },
        ],
      }),
    );
    await expect(client().registerModel({ uploadId: await upload([line]) })).rejects.toMatchObject({
      status: 400,
      message: '도로.geojson: feature 1 is a LineString: models hold polygons or points',
    });
  });
});
