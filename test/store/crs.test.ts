import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsByEpsg, proj4Definition } from '../../electron/store/crs/koreanCrs';
import { crsFromPrj } from '../../electron/store/crs/prjParser';
import { createReprojector, reprojectPoint } from '../../electron/store/crs/reprojector';

const dir = path.resolve(import.meta.dirname, '../fixtures/crs');
const reference = JSON.parse(readFileSync(path.join(dir, 'reference-points.json'), 'utf8')) as {
  epsg: number;
  x: number;
  y: number;
  lon: number;
  lat: number;
}[];

/** Metres between two lon/lat points (local equirectangular; exact enough at this scale). */
const metres = (lon1: number, lat1: number, lon2: number, lat2: number) =>
  Math.hypot((lon1 - lon2) * 111_320 * Math.cos((lat1 * Math.PI) / 180), (lat1 - lat2) * 110_574);

describe('reprojection agrees with PROJ (cs2cs, EPSG transformations)', () => {
  it.each(reference.map((p) => [p.epsg, p.x, p.y, p]))('EPSG:%i (%d, %d) within 0.5 m', (epsg, _x, _y, p) => {
    const [lon, lat] = reprojectPoint(crsByEpsg(epsg as number)!, p.x, p.y);
    expect(metres(lon, lat, p.lon, p.lat)).toBeLessThan(0.5);
  });

  it('the Bessel datum shift matters: without it parcels move about 300 m', () => {
    const p = reference.find((r) => r.epsg === 5174)!;
    const noShift = proj4Definition(crsByEpsg(5174)!).replace(/\+towgs84=\S+/, '');
    const crs = { ...crsByEpsg(5174)! };
    const [lonWith, latWith] = reprojectPoint(crs, p.x, p.y);
    // proj4 with the bare ellipsoid and no shift: what a .prj without TOWGS84 gives naively
    return import('proj4').then(({ default: proj4 }) => {
      const [lon, lat] = proj4(noShift, 'WGS84', [p.x, p.y]) as [number, number];
      expect(metres(lon, lat, lonWith, latWith)).toBeGreaterThan(250);
      expect(metres(lon, lat, lonWith, latWith)).toBeLessThan(400);
    });
  });

  it('the local affine map stays within 5 mm of exact for parcels up to 300 m, and large ones are exact', () => {
    for (const epsg of [5174, 5186]) {
      const crs = crsByEpsg(epsg)!;
      const reproject = createReprojector(crs);
      for (const [cx, cy] of [
        [198000, 451000],
        [80000, 250000],
        [330000, 600000],
      ] as const) {
        for (const [half, tolerance] of [
          [149, 0.005],
          [2500, 1e-6],
        ] as const) {
          const ring = [cx - half, cy - half, cx + half, cy - half, cx + half, cy + half, cx - half, cy + half, cx - half, cy - half];
          const out = Float64Array.from(ring);
          reproject(out, ring.length / 2);
          for (let i = 0; i < ring.length; i += 2) {
            const [lon, lat] = reprojectPoint(crs, ring[i]!, ring[i + 1]!);
            expect(metres(out[i]!, out[i + 1]!, lon, lat)).toBeLessThan(tolerance);
          }
        }
      }
    }
  });

  it("Korea 2000 takes its projection's inverse directly (the same datum as WGS 84): identical to the full transform", async () => {
    const { default: proj4 } = await import('proj4');
    for (const p of reference.filter((r) => crsByEpsg(r.epsg)!.ellipsoid === 'GRS80')) {
      const crs = crsByEpsg(p.epsg)!;
      const [lon, lat] = proj4(proj4Definition(crs), 'WGS84', [p.x, p.y]) as [number, number];
      const out = Float64Array.of(p.x, p.y);
      createReprojector(crs)(out, 1);
      expect(metres(out[0]!, out[1]!, lon, lat)).toBeLessThan(1e-6);
    }
  });
});

describe('.prj → CRS', () => {
  const files = readdirSync(path.join(dir, 'prj'));
  it.each(files)('GDAL ESRI WKT %s', (file) => {
    expect(crsFromPrj(readFileSync(path.join(dir, 'prj', file), 'utf8')).epsg).toBe(Number(file.replace('.prj', '')));
  });

  it.each(readdirSync(path.join(dir, 'prj-wkt2')))('GDAL WKT2 %s', (file) => {
    expect(crsFromPrj(readFileSync(path.join(dir, 'prj-wkt2', file), 'utf8')).epsg).toBe(Number(file.replace('.prj', '')));
  });

  it('refuses what it cannot place exactly, saying what it found', () => {
    const esri4162 = readFileSync(path.join(dir, 'prj', '4162.prj'), 'utf8');
    // Tokyo datum: the same Bessel ellipsoid, another shift
    expect(() => crsFromPrj(esri4162.replace('D_Korean_Datum_1985', 'D_Tokyo'))).toThrow(
      "unsupported datum 'D_Tokyo' in the geographic .prj 'GCS_Korean_Datum_1985' (on the Bessel ellipsoid Pilji knows Korean 1985, EPSG:4162)",
    );
    expect(() =>
      crsFromPrj(
        readFileSync(path.join(dir, 'prj', '5186.prj'), 'utf8').replace('UNIT["Meter",1.0]', 'UNIT["Foot_US",0.3048006096012192]'),
      ),
    ).toThrow(/unsupported unit \(factor 0.3048006096012192\)/);
    const wkt2 = readFileSync(path.join(dir, 'prj-wkt2', '5186.prj'), 'utf8');
    expect(() => crsFromPrj(wkt2.replace('METHOD["Transverse Mercator"', 'METHOD["Lambert Conic Conformal (2SP)"'))).toThrow(
      "unsupported projection 'Lambert Conic Conformal (2SP)' in .prj 'Korea 2000 / Central Belt 2010'",
    );
    expect(() => crsFromPrj(`BOUNDCRS[SOURCECRS[${wkt2}]]`)).toThrow(/unsupported coordinate system kind BOUNDCRS\[…\]/);
  });

  it('tells what it found when nothing matches', () => {
    const wkt = readFileSync(path.join(dir, 'prj', '5174.prj'), 'utf8').replace('200000.0', '123456.0');
    expect(() => crsFromPrj(wkt)).toThrow(/no known Korean CRS matches .* false easting 123456/);
    expect(() => crsFromPrj('hello')).toThrow(/not a WKT/);
  });
});
