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
    const { url } = await client().startExport({ dsl: "parcels | where SGG_NM == '중구' | select PNU", format: 'parquet', name: '중구 필지' });
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
});
