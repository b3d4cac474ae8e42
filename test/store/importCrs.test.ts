import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../electron/engine/engine';
import { importShapefiles } from '../../electron/store/import/importer';
import { attachStore } from '../../electron/store/storeCatalog';
import { bjdFile, synthShapefile, tempDir } from './synthFixtures';

/**
 * .prj files the project's own writer never produces, written by GDAL: Korean 1985 longitude/
 * latitude (ESRI WKT `GCS_Korean_Datum_1985`, EPSG:4162) and WKT2 (`PROJCRS[…]`).
 */
const metres = (lon1: number, lat1: number, lon2: number, lat2: number) =>
  Math.hypot((lon1 - lon2) * 111_320 * Math.cos((lat1 * Math.PI) / 180), (lat1 - lat2) * 110_574);

describe('import: GDAL-written Korean 1985 lon/lat and WKT2 .prj files', async () => {
  const src = tempDir('crs-src');
  const jongno = await synthShapefile('11110', 60, {
    dir: path.join(src, 'a'),
    name: 'LSMD_CONT_LDREG_11110_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'utf-8',
    cpg: true,
  });
  const bessel = path.join(src, 'korean1985.shp');
  execFileSync('ogr2ogr', ['-s_srs', 'EPSG:5186', '-t_srs', 'EPSG:4162', '-lco', 'ENCODING=UTF-8', bessel, `${jongno.base}.shp`], {
    stdio: 'pipe',
  });
  // WKT2 as GDAL writes it, beside an otherwise unchanged 5186 shapefile
  const jung = await synthShapefile('11140', 60, {
    dir: path.join(src, 'b'),
    name: 'LSMD_CONT_LDREG_11140_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'utf-8',
    cpg: true,
    seed: 4,
  });
  writeFileSync(`${jung.base}.prj`, execFileSync('gdalsrsinfo', ['-o', 'wkt2', 'EPSG:5186'], { encoding: 'utf8' }));
  const store = tempDir('crs-store');
  const summary = await importShapefiles({ inputs: [bessel, `${jung.base}.shp`], storeDir: store, bjdFile });
  const engine = await openEngine({ allowedDirectories: [store] });
  await attachStore(engine, store);
  const stored = new Map(
    ((await engine.rows('SELECT PNU, bbox.xmin AS x, bbox.ymin AS y FROM parcels')) as { PNU: string; x: number; y: number }[]).map((r) => [
      r.PNU,
      r,
    ]),
  );
  await engine.close();

  it('reads the .prj files GDAL wrote', () => {
    expect(readFileSync(bessel.replace(/shp$/, 'prj'), 'utf8')).toMatch(/^GEOGCS\["GCS_Korean_Datum_1985"/);
    expect(readFileSync(`${jung.base}.prj`, 'utf8')).toMatch(/^\s*PROJCRS\["Korea 2000 \/ Central Belt 2010"/);
    expect(summary.files.map((f) => [f.file, f.epsg, f.imported])).toEqual([
      ['korean1985', 4162, jongno.validPnus.length],
      ['LSMD_CONT_LDREG_11140_202406', 5186, jung.validPnus.length],
    ]);
  });

  it('Korean 1985 lon/lat: the datum shift applied, within 0.5 m of cs2cs (PROJ) for every parcel', () => {
    // every vertex GDAL wrote, through cs2cs (EPSG axis order: latitude first)
    const features = (
      JSON.parse(
        execFileSync('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'COORDINATE_PRECISION=12', '/vsistdout/', bessel], {
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        }),
      ) as {
        features: { properties: { PNU: string }; geometry: { coordinates: number[][][] | number[][][][]; type: string } }[];
      }
    ).features;
    const rings = features.map((f) => ({
      pnu: f.properties.PNU,
      points: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as number[][][]] : (f.geometry.coordinates as number[][][][])).flat(
        2,
      ),
    }));
    const input = rings.flatMap((r) => r.points.map(([lon, lat]) => `${lat} ${lon}`)).join('\n') + '\n';
    const out = execFileSync('cs2cs', ['-d', '10', 'EPSG:4162', 'EPSG:4326'], { input, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/).map(Number));
    let at = 0;
    let worst = 0;
    let checked = 0;
    for (const r of rings) {
      const shifted = out.slice(at, (at += r.points.length));
      const s = stored.get(r.pnu);
      if (!s) continue; // a defect record the generator made on purpose
      const lon = Math.min(...shifted.map((p) => p[1]!));
      const lat = Math.min(...shifted.map((p) => p[0]!));
      worst = Math.max(worst, metres(s.x, s.y, lon, lat));
      checked++;
    }
    expect(checked).toBe(jongno.validPnus.length);
    expect(worst).toBeLessThan(0.5);
    // and the shift is real: GDAL's Bessel lon/lat differ from WGS 84 by about 300 m here
    const [lon, lat] = rings[0]!.points[0]!;
    expect(metres(lon!, lat!, out[0]![1]!, out[0]![0]!)).toBeGreaterThan(250);
  });

  it('WKT2: the parcels land where the generator put them', () => {
    let worst = 0;
    for (const p of jung.parcels.filter((x) => stored.has(x.pnu))) {
      const ring = p.polygons[0]![0]!;
      const s = stored.get(p.pnu)!;
      worst = Math.max(
        worst,
        metres(s.x, s.y, Math.min(...ring.filter((_, i) => i % 2 === 0)), Math.min(...ring.filter((_, i) => i % 2 === 1))),
      );
    }
    expect(worst).toBeLessThan(0.05);
  });
});
