import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { DuckDBInstance } from '@duckdb/node-api';
import { readWkb } from '../../shared/geo/wkb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportCrs, ExportFormat } from '../../shared/api/contract';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

let server: RunningServer;
const dir = tempDir('export-crs');
beforeAll(async () => {
  server = await startTestServer(tempDir('export-crs-ws'));
});
afterAll(async () => server.close());

const QUERY = "parcels | where SGG_NM == '중구' | select PNU, JIBUN, SAN, SOURCE_DATE | take 3";

async function download(format: ExportFormat, crs: ExportCrs | undefined, name: string): Promise<string> {
  const { url } = await clientOf(server).startExport({ dsl: QUERY, format, name, crs });
  const res = await fetch(server.url + url, { headers: { authorization: `Bearer ${server.token}` } });
  expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
  const file = path.join(dir, `${name}.${format === 'shapefile' ? 'zip' : format}`);
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  return format === 'shapefile' ? `/vsizip/${file}/${name}.shp` : file;
}

/** Every vertex of a file, as GDAL reads it (no reprojection: the file's own coordinates). */
function vertices(source: string): [number, number][] {
  const json = JSON.parse(execFileSync('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source], { encoding: 'utf8' })) as {
    features: { geometry: { coordinates: unknown } }[];
  };
  return json.features.flatMap((f) => (f.geometry.coordinates as number[][][]).flat() as unknown as [number, number][]);
}

/** PROJ's answer for a WGS 84 lon/lat in an EPSG CRS, as x (easting), y (northing). */
function cs2cs(lon: number, lat: number, epsg: number): [number, number] {
  const out = execFileSync('cs2cs', ['-d', '4', 'EPSG:4326', `EPSG:${epsg}`], { input: `${lat} ${lon}\n`, encoding: 'utf8' });
  const [north, east] = out.trim().split(/\s+/).map(Number) as [number, number];
  return [east, north];
}

/** One file out of a zip, read with yauzl (the export writes with yazl). */
function zipEntry(zipFile: string, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (e2, stream) => {
          if (e2) return reject(e2);
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => {
              zip.close();
              resolve(Buffer.concat(chunks));
            });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${zipFile}`)));
      zip.readEntry();
    }),
  );
}

/** The EPSG code GDAL identifies a layer's coordinate system as. */
function identified(source: string): string {
  const prj = source.startsWith('/vsizip/') ? source.replace(/\.shp$/, '.prj') : source;
  return execFileSync('gdalsrsinfo', ['-e', prj], { encoding: 'utf8' }).match(/EPSG:\d+/)?.[0] ?? 'none';
}

describe('exports in the coordinate systems local government systems take', () => {
  it.each([5186, 5179, 5174] as const)('EPSG:%i — GDAL reads the CRS back, and a vertex sits within 0.5 m of cs2cs', async (epsg) => {
    const wgs = vertices(await download('geojson', undefined, `wgs-${epsg}`));
    const [lon, lat] = wgs[0]!;
    expect(lon).toBeGreaterThan(124);
    const [ex, ey] = cs2cs(lon, lat, epsg);
    for (const format of ['shapefile', 'geojson'] as const) {
      const source = await download(format, epsg, `필지-${epsg}-${format}`);
      expect(identified(source), format).toBe(`EPSG:${epsg}`);
      const nearest = Math.min(...vertices(source).map(([x, y]) => Math.hypot(x - ex, y - ey)));
      expect(nearest, `${format} EPSG:${epsg}`).toBeLessThan(0.5);
    }
  });

  it('GeoParquet in EPSG:5174: PROJJSON that PROJ identifies, coordinates within 0.5 m of cs2cs', async () => {
    const [lon, lat] = vertices(await download('geojson', undefined, 'wgs-parquet'))[0]!;
    const [ex, ey] = cs2cs(lon, lat, 5174);
    const file = await download('parquet', 5174, '필지-5174');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const kv = (
      await db.runAndReadAll(`SELECT decode(value) AS v FROM parquet_kv_metadata('${file}') WHERE decode(key) = 'geo'`)
    ).getRowObjects();
    const geo = JSON.parse(String(kv[0]!.v)) as { primary_column: string; columns: Record<string, { crs: object; encoding: string }> };
    expect(geo.columns[geo.primary_column]!.encoding).toBe('WKB');
    const identify = execFileSync('projinfo', ['--identify', JSON.stringify(geo.columns[geo.primary_column]!.crs), '-o', 'PROJ'], {
      encoding: 'utf8',
    });
    expect(identify).toMatch(/EPSG:5174: 100 %/);
    const rows = (await db.runAndReadAll(`SELECT "${geo.primary_column}" AS g, PNU FROM '${file}'`)).getRowObjects();
    expect(rows).toHaveLength(3);
    const xy = rows.flatMap((r) => readWkb((r.g as { bytes: Uint8Array }).bytes).polygons.flat(2));
    const pairs = xy.flatMap((_, i) => (i % 2 ? [] : [[xy[i]!, xy[i + 1]!] as const]));
    expect(Math.min(...pairs.map(([x, y]) => Math.hypot(x - ex, y - ey)))).toBeLessThan(0.5);
    db.closeSync();
  });

  it('WGS 84 stays the default, with its own .prj; an unknown code is refused', async () => {
    expect(identified(await download('shapefile', undefined, 'wgs84'))).toBe('EPSG:4326');
    await expect(clientOf(server).startExport({ dsl: QUERY, format: 'shapefile', crs: 3857 as ExportCrs })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('SAN is a DBF logical field and dates are DBF date fields', async () => {
    const source = await download('shapefile', 5186, '형식');
    const info = execFileSync('ogrinfo', ['-al', source], { encoding: 'utf8' });
    expect(info).toMatch(/^SOURCE_DAT: Date \(10\.0\)$/m);
    expect(info).toMatch(/SOURCE_DAT \(Date\) = \d{4}\/\d\d\/\d\d/);
    expect(info).toMatch(/SAN \(\w+\) = F/);
    // GDAL 3.6 shows a logical field as text: the field descriptors themselves say L and D
    const dbf = await zipEntry(source.slice('/vsizip/'.length, source.lastIndexOf('/')), '형식.dbf');
    const types: Record<string, string> = {};
    for (let at = 32; dbf[at] !== 0x0d; at += 32)
      types[
        dbf
          .subarray(at, at + 11)
          .toString('latin1')
          .replace(/\0+$/, '')
      ] = String.fromCharCode(dbf[at + 11]!);
    expect(types).toMatchObject({ SAN: 'L', SOURCE_DAT: 'D', PNU: 'C' });
  });
});
