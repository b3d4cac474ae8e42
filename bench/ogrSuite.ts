import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressList } from './benchData';

export interface OgrMeasurement {
  id: 'Q1' | 'Q2';
  /** sqlite-join: the list joined in SQLite-dialect SQL; indexed-where: what a GDAL expert runs */
  method: 'sqlite-join' | 'indexed-where';
  /** ogr2ogr processes run (one per 시군구 file for indexed-where) */
  processes: number;
  /** features ogr2ogr wrote, or null when it ran past the time limit */
  features: number | null;
  seconds: number | null;
  /** the time limit it ran under, seconds */
  limitS: number;
  gdal: string;
}

/**
 * GDAL on the downloaded shapefiles, given the PNUs already worked out (an advantage Pilji does
 * not get), writing GeoJSON in lon/lat, two ways:
 * - the expert path: each 시군구 shapefile with an attribute index on PNU (`CREATE INDEX ON … USING
 *   PNU`, built once and timed apart) and `ogr2ogr -where "PNU IN (…)"` per file the list touches;
 * - the QGIS-style join: the list as CSV joined in SQLite-dialect SQL (Q1 on the one file, Q2
 *   through a VRT union of all of them).
 */
export function runOgrSuite(
  shapefileDir: string,
  workDir: string,
  lists: { q1: AddressList; q2: AddressList },
  timeoutS: number,
): OgrMeasurement[] | null {
  const version = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return null;
  const gdal = version.stdout.trim();
  const shapefiles = readdirSync(shapefileDir)
    .filter((f) => f.endsWith('.shp'))
    .sort();
  const q1File = shapefiles.find((f) => f.includes(`_${lists.q1.sggCode}_`));
  if (!q1File) throw new Error(`no shapefile for 시군구 ${lists.q1.sggCode} in ${shapefileDir}`);
  const vrt = path.join(workDir, 'parcels.vrt');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(
    vrt,
    `<OGRVRTDataSource><OGRVRTUnionLayer name="parcels">${shapefiles
      .map(
        (f) =>
          `<OGRVRTLayer name="${esc(path.basename(f, '.shp'))}"><SrcDataSource>${esc(path.join(shapefileDir, f))}</SrcDataSource></OGRVRTLayer>`,
      )
      .join('')}</OGRVRTUnionLayer></OGRVRTDataSource>\n`,
  );
  const join = (layer: string, list: AddressList) =>
    `SELECT p.*, a.id, a."소재지" FROM "${layer}" p JOIN '${list.csv}'.${path.basename(list.csv, '.csv')} a ON p.PNU = a.PNU`;
  const fileOf = (code: string) => shapefiles.find((f) => f.includes(`_${code}_`));
  indexPnu(shapefileDir, shapefiles);
  const indexed = (id: OgrMeasurement['id'], list: AddressList) => {
    const byFile = new Map<string, string[]>();
    for (const pnu of listPnus(list.csv)) {
      const file = fileOf(pnu.slice(0, 5));
      if (file) byFile.set(file, [...(byFile.get(file) ?? []), pnu]);
    }
    const runs = [...byFile].map(([file, pnus], i) =>
      ogr2ogr(
        id,
        path.join(shapefileDir, file),
        ['-where', `PNU IN (${pnus.map((p) => `'${p}'`).join(',')})`],
        path.join(workDir, `ogr-${id}-${i}.geojson`),
        timeoutS,
      ),
    );
    const seconds = runs.some((r) => r.seconds === null) ? null : runs.reduce((a, r) => a + r.seconds!, 0);
    return {
      id,
      method: 'indexed-where' as const,
      processes: runs.length,
      features: seconds === null ? null : runs.reduce((a, r) => a + r.features!, 0),
      seconds,
      limitS: timeoutS,
      gdal,
    };
  };
  const joined = (id: OgrMeasurement['id'], source: string, sql: string) => ({
    id,
    method: 'sqlite-join' as const,
    processes: 1,
    limitS: timeoutS,
    gdal,
    ...ogr2ogr(id, source, ['-dialect', 'SQLite', '-sql', sql], path.join(workDir, `ogr-${id}.geojson`), timeoutS),
  });
  return [
    indexed('Q1', lists.q1),
    indexed('Q2', lists.q2),
    joined('Q1', path.join(shapefileDir, q1File), join(path.basename(q1File, '.shp'), lists.q1)),
    joined('Q2', vrt, join('parcels', lists.q2)),
  ];
}

/** The attribute index an expert builds once per file (.ind/.idm beside the .shp); kept with the cached inputs. */
function indexPnu(dir: string, shapefiles: string[]): void {
  for (const f of shapefiles) {
    if (existsSync(path.join(dir, f.replace(/\.shp$/, '.ind')))) continue;
    const r = spawnSync('ogrinfo', [path.join(dir, f), '-sql', `CREATE INDEX ON "${path.basename(f, '.shp')}" USING PNU`], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`ogrinfo could not index ${f}: ${r.stderr}`);
  }
}

function listPnus(csv: string): string[] {
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const column = header!.split(',').indexOf('PNU');
  // the PNU is the last field and never quoted
  return rows.map((r) => r.slice(r.lastIndexOf(',') + 1)).filter((p) => column >= 0 && /^\d{19}$/.test(p));
}

/** One ogr2ogr process, whole: start-up, reading, reprojection, writing GeoJSON. */
function ogr2ogr(
  id: string,
  source: string,
  args: string[],
  out: string,
  timeoutS: number,
): { features: number | null; seconds: number | null } {
  rmSync(out, { force: true });
  const t0 = performance.now();
  const r = spawnSync('ogr2ogr', ['-f', 'GeoJSON', '-t_srs', 'EPSG:4326', out, source, ...args], {
    encoding: 'utf8',
    timeout: timeoutS * 1000,
    env: { ...process.env, SHAPE_ENCODING: 'CP949' },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.signal) return { features: null, seconds: null };
  if (r.status !== 0) throw new Error(`ogr2ogr ${id} failed: ${r.stderr}`);
  const info = spawnSync('ogrinfo', ['-so', '-al', out], { encoding: 'utf8' });
  const features = Number(/Feature Count: (\d+)/.exec(info.stdout)?.[1] ?? NaN);
  rmSync(out, { force: true });
  return { features, seconds };
}
