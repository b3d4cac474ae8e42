import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressList } from './benchData';

export interface OgrMeasurement {
  id: 'Q1' | 'Q2';
  /** features ogr2ogr wrote, or null when it ran past the time limit */
  features: number | null;
  seconds: number | null;
  /** the time limit it ran under, seconds */
  limitS: number;
  gdal: string;
}

/**
 * What a QGIS user effectively does: GDAL's ogr2ogr joins the address list (as CSV, with the PNU
 * already worked out: an advantage Pilji does not get) to the downloaded shapefiles in SQLite-
 * dialect SQL and writes GeoJSON in lon/lat. Q1 reads the one 시군구 shapefile, Q2 all of them
 * through a VRT union layer.
 */
export function runOgrSuite(shapefileDir: string, workDir: string, lists: { q1: AddressList; q2: AddressList }, timeoutS: number): OgrMeasurement[] | null {
  const version = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return null;
  const gdal = version.stdout.trim();
  const shapefiles = readdirSync(shapefileDir).filter((f) => f.endsWith('.shp')).sort();
  const q1File = shapefiles.find((f) => f.includes(`_${lists.q1.sggCode}_`));
  if (!q1File) throw new Error(`no shapefile for 시군구 ${lists.q1.sggCode} in ${shapefileDir}`);
  const vrt = path.join(workDir, 'parcels.vrt');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(vrt, `<OGRVRTDataSource><OGRVRTUnionLayer name="parcels">${shapefiles.map((f) =>
    `<OGRVRTLayer name="${esc(path.basename(f, '.shp'))}"><SrcDataSource>${esc(path.join(shapefileDir, f))}</SrcDataSource></OGRVRTLayer>`).join('')}</OGRVRTUnionLayer></OGRVRTDataSource>\n`);
  const join = (layer: string, list: AddressList) =>
    `SELECT p.*, a.id, a."소재지" FROM "${layer}" p JOIN '${list.csv}'.${path.basename(list.csv, '.csv')} a ON p.PNU = a.PNU`;
  return [
    ogr2ogr('Q1', path.join(shapefileDir, q1File), join(path.basename(q1File, '.shp'), lists.q1), workDir, gdal, timeoutS),
    ogr2ogr('Q2', vrt, join('parcels', lists.q2), workDir, gdal, timeoutS),
  ];
}

function ogr2ogr(id: OgrMeasurement['id'], source: string, sql: string, workDir: string, gdal: string, timeoutS: number): OgrMeasurement {
  const out = path.join(workDir, `ogr-${id}.geojson`);
  rmSync(out, { force: true });
  const t0 = performance.now();
  const r = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', out, source, '-dialect', 'SQLite', '-sql', sql], { encoding: 'utf8', timeout: timeoutS * 1000, env: { ...process.env, SHAPE_ENCODING: 'CP949' } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.signal) return { id, features: null, seconds: null, limitS: timeoutS, gdal };
  if (r.status !== 0) throw new Error(`ogr2ogr ${id} failed: ${r.stderr}`);
  const info = spawnSync('ogrinfo', ['-so', '-al', out], { encoding: 'utf8' });
  const features = Number(/Feature Count: (\d+)/.exec(info.stdout)?.[1] ?? NaN);
  rmSync(out, { force: true });
  return { id, features, seconds, limitS: timeoutS, gdal };
}
