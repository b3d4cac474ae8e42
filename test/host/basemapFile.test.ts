import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/api/contract';
import { openTileSource } from '../../electron/host/tiles/openTileSource';
import { dedupMbtiles, gdalMbtiles, solidPng, sqlite, writePmtiles } from './fixtures/tileFiles';
import { clientOf, startTestServer } from './testServer';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'pilji-tiles-'));

describe('MBTiles written by GDAL (a tiles table, UNIQUE constraint)', async () => {
  const file = gdalMbtiles(tempDir());
  const source = await openTileSource(file);
  afterAll(() => source.close());

  it('reads what the metadata says, and every tile as sqlite3 reads it (rows flipped to XYZ)', async () => {
    expect(source.info).toMatchObject({ format: 'png', minzoom: 10, maxzoom: 12, vectorLayers: [] });
    expect(source.info.bounds![0]).toBeCloseTo(126.9, 5);
    const rows = sqlite(file, 'SELECT zoom_level, tile_column, tile_row, hex(tile_data) FROM tiles;')
      .trim()
      .split('\n')
      .map((l) => l.split('|'));
    expect(rows.length).toBe(29);
    for (const [z, column, row, hex] of rows) {
      const tile = await source.tile(Number(z), Number(column), 2 ** Number(z) - 1 - Number(row));
      expect(Buffer.from(tile!).toString('hex').toUpperCase(), `${z}/${column}/${row}`).toBe(hex);
    }
  });

  it('has nothing where no tile was written', async () => {
    expect(await source.tile(10, 0, 0)).toBeNull();
    expect(await source.tile(3, 6, 3)).toBeNull();
  });
});

describe('MBTiles in the deduplicating layout (a view over map and images; gzipped vector tiles)', async () => {
  const dir = tempDir();
  // incompressible bytes, most over a 4 KiB page even gzipped: their rows continue on overflow pages
  const noise = (i: number) => {
    const b = Buffer.alloc(3000 + i * 200);
    for (let k = 0, s = i + 1; k < b.length; k++) b[k] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
    return b;
  };
  const { file, tiles } = dedupMbtiles(dir, noise);
  const source = await openTileSource(file);
  afterAll(() => source.close());

  it('finds all 4,096 tiles through both indexes, uncompressed', async () => {
    expect(source.info).toMatchObject({ format: 'pbf', minzoom: 6, maxzoom: 6, bounds: null, vectorLayers: ['roads', 'water'] });
    for (const t of tiles) expect(Buffer.from((await source.tile(t.z, t.x, t.y))!).equals(t.data), `${t.z}/${t.x}/${t.y}`).toBe(true);
    expect(await source.tile(6, 64, 0)).toBeNull();
    expect(await source.tile(7, 0, 0)).toBeNull();
  });
});

describe('PMTiles', async () => {
  const file = path.join(tempDir(), 'seoul.pmtiles');
  const tiles = [0, 1, 2, 3].flatMap((k) => [{ z: 10, x: 872 + (k % 2), y: 396 + (k >> 1), data: solidPng(256, [k * 60, 100, 200]) }]);
  writePmtiles(file, [...tiles, { z: 9, x: 436, y: 198, data: solidPng(256, [1, 2, 3]) }]);
  const source = await openTileSource(file);
  afterAll(() => source.close());

  it('reads the header, the metadata and each tile', async () => {
    expect(source.info).toEqual({
      format: 'png',
      minzoom: 9,
      maxzoom: 10,
      bounds: [126.9, 37.4, 127.1, 37.6],
      attribution: '테스트 지도',
      vectorLayers: [],
    });
    for (const t of tiles) expect(Buffer.from((await source.tile(t.z, t.x, t.y))!).equals(t.data)).toBe(true);
    expect(await source.tile(10, 0, 0)).toBeNull();
    expect(await source.tile(11, 0, 0)).toBeNull();
  });
});

describe('files that are not basemaps are refused, naming the file and why', () => {
  it('a missing file, a text file, a SQLite file without tiles, a tiles table without an index', async () => {
    const dir = tempDir();
    await expect(openTileSource(path.join(dir, 'none.mbtiles'))).rejects.toThrow(/cannot read the basemap file .*none\.mbtiles: ENOENT/);
    writeFileSync(path.join(dir, 'text.pmtiles'), 'hello');
    await expect(openTileSource(path.join(dir, 'text.pmtiles'))).rejects.toThrow(/text\.pmtiles is neither a PMTiles nor an MBTiles file/);
    const other = path.join(dir, 'other.mbtiles');
    sqlite(other, 'CREATE TABLE parcels (pnu text);');
    await expect(openTileSource(other)).rejects.toThrow(/other\.mbtiles: not an MBTiles file/);
    const slow = path.join(dir, 'slow.mbtiles');
    sqlite(slow, 'CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);');
    await expect(openTileSource(slow)).rejects.toThrow(/no index on \(zoom_level, tile_column, tile_row\).*CREATE UNIQUE INDEX/);
  });
});

describe('the host serves the basemap file it is set to', async () => {
  const dir = tempDir();
  const file = gdalMbtiles(dir);
  const server = await startTestServer(path.join(dir, 'ws'));
  const client = clientOf(server);
  const get = (p: string) => fetch(server.url + p, { headers: { authorization: `Bearer ${server.token}` } });
  afterAll(() => server.close());

  it('refuses a file it cannot serve and keeps the setting as it was', async () => {
    await expect(client.setBasemap({ kind: 'file', path: path.join(dir, 'nope.mbtiles') })).rejects.toThrow(/ENOENT/);
    await expect(client.setBasemap({ kind: 'file', path: path.join(dir, 'red.png') })).rejects.toThrow(/\.pmtiles or \.mbtiles/);
    expect((await client.settings()).basemap).toEqual({ kind: 'offline' });
    expect((await get(API.basemapFile)).status).toBe(404);
  });

  it('describes the file and serves its tiles (empty where it has none), behind the token', async () => {
    expect((await client.setBasemap({ kind: 'file', path: file })).basemap).toEqual({ kind: 'file', path: file });
    expect(await client.basemapFile()).toMatchObject({ format: 'png', minzoom: 10, maxzoom: 12 });
    const hex = sqlite(file, 'SELECT hex(tile_data) FROM tiles WHERE zoom_level = 10 AND tile_column = 872 AND tile_row = 626;').trim();
    const res = await get(`${API.basemapTiles}/10/872/${1023 - 626}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await res.arrayBuffer())
        .toString('hex')
        .toUpperCase(),
    ).toBe(hex);
    expect((await get(`${API.basemapTiles}/10/0/0`)).status).toBe(204);
    expect((await get(`${API.basemapTiles}/10/x/0`)).status).toBe(404);
    expect((await fetch(`${server.url}${API.basemapTiles}/10/872/397`)).status).toBe(401);
    // served from the host itself: the page needs no other origin
    expect(res.headers.get('content-security-policy')).toMatch(/img-src 'self' data: blob:;/);
  });
});
