import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer(tempDir('exports-ws'));
});
afterAll(async () => server.close());
const client = () => clientOf(server);
const get = (url: string) => fetch(server.url + url, { headers: { authorization: `Bearer ${server.token}` } });

describe('exports', () => {
  it('GeoParquet streams as an attachment named as asked; the link works once', async () => {
    const { url } = await client().startExport({
      dsl: "parcels | where SGG_NM == '중구' | select PNU",
      format: 'parquet',
      name: '중구 필지',
    });
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('중구 필지.parquet')}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const { parquetMetadataAsync } = await import('hyparquet');
    const meta = await parquetMetadataAsync(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(Number(meta.num_rows)).toBe(1000);
    expect(meta.key_value_metadata!.some((kv) => kv.key === 'geo')).toBe(true);
    expect((await get(url)).status).toBe(404);
  });

  it('a query error is reported when the export starts, not as a broken file', async () => {
    const { url } = await client().startExport({ dsl: 'parcels | where nope == 1', format: 'geojson' });
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'dsl', error: "1:17: unknown column 'nope'" });
    await expect(client().startExport({ dsl: 'parcels', format: 'shp' as never })).rejects.toMatchObject({ status: 400 });
  });

  it('points go to a point shapefile; a result mixing parcels and points to two files in the zip', async () => {
    const dir = tempDir('exports-points');
    const pts = path.join(dir, '민원 위치.geojson');
    writeFileSync(
      pts,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { 번호: 1, 내용: '도로 파손' }, geometry: { type: 'Point', coordinates: [126.9784, 37.5667] } },
          { type: 'Feature', properties: { 번호: 2, 내용: '가로등 고장' }, geometry: { type: 'Point', coordinates: [126.97, 37.57] } },
          { type: 'Feature', properties: { 번호: 3, 내용: '위치 없음' }, geometry: null },
        ],
      }),
    );
    const { uploadId } = await client().createUpload();
    await client().uploadFile(uploadId, '민원 위치.geojson', new Blob([await import('node:fs').then((fs) => fs.readFileSync(pts))]));
    await client().registerModel({ uploadId, name: '민원' });
    const download = async (dsl: string, name: string) => {
      const { url } = await client().startExport({ dsl, format: 'shapefile', name });
      const res = await get(url);
      expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
      const zip = path.join(dir, `${name}.zip`);
      writeFileSync(zip, new Uint8Array(await res.arrayBuffer()));
      return zip;
    };
    const ogr = (args: string[]) => execFileSync('ogrinfo', args, { encoding: 'utf8' });

    const points = await download('from 민원 | select 번호, 내용', '민원');
    expect(ogr(['-al', '-so', `/vsizip/${points}/민원.shp`])).toMatch(/Geometry: Point[\s\S]*Feature Count: 3/);
    expect(ogr(['-al', `/vsizip/${points}/민원.shp`])).toMatch(/내용 \(String\) = 도로 파손\s+POINT \(126\.9784 37\.5667\)/);

    const mixed = await download(
      "sql \"WITH p AS (SELECT geometry, '필지' AS 종류 FROM parcels WHERE SGG_NM = '중구' LIMIT 2) SELECT * FROM p UNION ALL SELECT geometry, 내용 FROM 민원\"",
      '섞임',
    );
    // the row without a location goes to the first file (the parcels), with an empty shape
    expect(ogr(['-al', '-so', `/vsizip/${mixed}/섞임.shp`])).toMatch(/Geometry: Polygon[\s\S]*Feature Count: 3/);
    expect(ogr(['-al', '-so', `/vsizip/${mixed}/섞임_점.shp`])).toMatch(/Geometry: Point[\s\S]*Feature Count: 2/);
  });

  it('reports its progress (rows written, bytes sent) and ends done', async () => {
    const { id, url } = await client().startExport({ dsl: "parcels | where SGG_NM == '중구'", format: 'geojson' });
    expect(await client().exportProgress(id)).toEqual({ phase: 'waiting', rows: 0, bytes: 0, error: null });
    const bytes = (await (await get(url)).arrayBuffer()).byteLength;
    expect(await client().exportProgress(id)).toEqual({ phase: 'done', rows: 1000, bytes, error: null });
    await expect(client().exportProgress('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('Cancel stops a running export in the host: the download breaks off, nothing more is written', async () => {
    // 4,000 × 4,000 rows as CSV: minutes of streaming unless stopped
    const { id, url } = await client().startExport({ dsl: 'sql "SELECT a.PNU, b.JIBUN FROM parcels a, parcels b"', format: 'csv' });
    const res = await get(url);
    const reader = res.body!.getReader();
    await reader.read();
    await client().cancelExport(id);
    const error = await (async () => {
      for (;;) {
        const { done } = await reader.read();
        if (done) return null;
      }
    })().catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const p = await client().exportProgress(id);
    expect(p.phase).toBe('cancelled');
    expect(p.rows).toBeLessThan(16_000_000);
    const later = (await client().exportProgress(id)).rows;
    await new Promise((r) => setTimeout(r, 300));
    expect((await client().exportProgress(id)).rows).toBe(later); // nothing runs on
  });
});
