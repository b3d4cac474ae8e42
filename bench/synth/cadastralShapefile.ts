import { createWriteStream, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import proj4 from 'proj4';
import yazl from 'yazl';
import { PROVINCE_RENAMES, type BjdTable } from '../../shared/cadastral/bjdCodes';
import type { Polygon } from '../../shared/geo/wkb';
import { crsByEpsg, proj4Definition } from '../../electron/store/crs/koreanCrs';
import type { SynthParcel } from './parcelGenerator';
import { seededRandom } from './random';
import { ShapefileWriter, type DbfFieldSpec } from '../../electron/export/shapefileWriter';

/**
 * Writes synthetic 연속지적도 shapefiles in the three layouts analysts receive:
 *  - 'nsdi': the older NSDI export, columns A0..A6, usually EPSG:5174, cp949
 *  - 'vworld': today's V-World download, the NSDI columns and A7 시군구코드, EPSG:5186, cp949 with a
 *    .cpg that says UTF-8 (`lyingCpg`); one archive per 시도 in pieces (writeVWorldArchive)
 *  - 'lsmd': LSMD_CONT_LDREG, columns PNU/JIBUN/BCHK/SGG_OID/COL_ADM_SE, usually EPSG:5186
 * with a controlled share of the defects real files have, each reported with its record number.
 */
export type Schema = 'nsdi' | 'vworld' | 'lsmd';
export type DefectKind = 'null-geometry' | 'bad-pnu' | 'duplicate-pnu' | 'degenerate-geometry';

export interface CadastralShapefileOptions {
  dir: string;
  name: string;
  schema: Schema;
  epsg: number;
  encoding: 'cp949' | 'utf-8';
  /** write a .cpg (real NSDI files often have none) */
  cpg: boolean;
  /** the .cpg says UTF-8 whatever the encoding (V-World's cp949 files do) */
  lyingCpg?: boolean;
  sourceDate: string;
  /** share of records given a defect, 0..1 */
  defectRate?: number;
  /** share of parcels given a hole or a second part */
  decorateRate?: number;
  /** write pre-2023 codes and names for the renamed provinces (강원도 42, 전라북도 45) */
  legacyCodes?: boolean;
  seed?: number;
}

export interface WrittenShapefile {
  base: string;
  records: number;
  defects: { record: number; kind: DefectKind }[];
  /** PNUs that should reach the store (written with the current codes) */
  validPnus: string[];
}

export const NSDI_FIELDS: DbfFieldSpec[] = [
  { name: 'A0', type: 'N', length: 10 },
  { name: 'A1', type: 'C', length: 19 },
  { name: 'A2', type: 'C', length: 10 },
  { name: 'A3', type: 'C', length: 100 },
  { name: 'A4', type: 'C', length: 20 },
  { name: 'A5', type: 'C', length: 20 },
  { name: 'A6', type: 'C', length: 10 },
];
export const VWORLD_FIELDS: DbfFieldSpec[] = [...NSDI_FIELDS, { name: 'A7', type: 'C', length: 5 }];
export const LSMD_FIELDS: DbfFieldSpec[] = [
  { name: 'PNU', type: 'C', length: 19 },
  { name: 'JIBUN', type: 'C', length: 30 },
  { name: 'BCHK', type: 'C', length: 1 },
  { name: 'SGG_OID', type: 'N', length: 10 },
  { name: 'COL_ADM_SE', type: 'C', length: 5 },
];

export async function writeCadastralShapefile(
  table: BjdTable,
  parcels: Iterable<SynthParcel>,
  o: CadastralShapefileOptions,
): Promise<WrittenShapefile> {
  mkdirSync(o.dir, { recursive: true });
  const crs = crsByEpsg(o.epsg);
  if (!crs) throw new Error(`unknown EPSG:${o.epsg}`);
  const toCrs = crs.tmerc ? proj4('WGS84', proj4Definition(crs)) : null;
  const base = path.join(o.dir, o.name);
  const fields = { nsdi: NSDI_FIELDS, vworld: VWORLD_FIELDS, lsmd: LSMD_FIELDS }[o.schema];
  const writer = new ShapefileWriter({ base, fields, encoding: o.encoding, prj: await esriPrj(o.epsg), cpg: o.cpg });
  const random = seededRandom(o.seed ?? 1);
  const defects: WrittenShapefile['defects'] = [];
  const validPnus: string[] = [];
  let n = 0;
  let previousPnu = '';
  for (const p of parcels) {
    n++;
    let polygons: Polygon[] | null = decorate(p.polygons, random, o.decorateRate ?? 0);
    if (toCrs) polygons = polygons.map((poly) => poly.map((ring) => project(ring, toCrs)));
    let pnu = legacy(p.pnu, o.legacyCodes);
    let kind: DefectKind | null = null;
    if (random() < (o.defectRate ?? 0)) {
      kind = (['null-geometry', 'bad-pnu', 'duplicate-pnu', 'degenerate-geometry'] as const)[n % 4]!;
      if (kind === 'duplicate-pnu' && !previousPnu) kind = 'bad-pnu';
      defects.push({ record: n, kind });
      if (kind === 'null-geometry') polygons = null;
      if (kind === 'bad-pnu') pnu = pnu.slice(0, 12);
      if (kind === 'duplicate-pnu') pnu = previousPnu;
      // two points and the first again: closed (GDAL warns of unclosed rings), but no area
      if (kind === 'degenerate-geometry') polygons = [[[...polygons![0]![0]!.slice(0, 4), ...polygons![0]![0]!.slice(0, 2)]]];
    }
    if (!kind) validPnus.push(p.pnu);
    previousPnu = pnu;
    const values = o.schema === 'lsmd' ? lsmdValues(p, pnu, n) : nsdiValues(table, p, pnu, n, o);
    await writer.write(polygons, o.schema === 'vworld' ? [...values, pnu.slice(0, 5)] : values);
  }
  const { records } = await writer.close();
  if (o.lyingCpg) await writeFile(`${base}.cpg`, 'UTF-8');
  return { base, records, defects, validPnus };
}

function nsdiValues(table: BjdTable, p: SynthParcel, pnu: string, n: number, o: CadastralShapefileOptions): (string | number | null)[] {
  const code = pnu.slice(0, 10);
  const name = legacyName(table.get(p.bjdCode)?.name ?? '', o.legacyCodes);
  return [n, pnu, code, name, p.jibun, p.jibun + p.jimok, o.sourceDate];
}

function lsmdValues(p: SynthParcel, pnu: string, n: number): (string | number | null)[] {
  return [pnu, p.jibun + p.jimok, '1', 100000 + n, pnu.slice(0, 5)];
}

function legacy(pnu: string, on?: boolean): string {
  if (!on) return pnu;
  const r = PROVINCE_RENAMES.find((x) => x.from.length === 2 && pnu.startsWith(x.to));
  return r ? r.from + pnu.slice(2) : pnu;
}

function legacyName(name: string, on?: boolean): string {
  if (!on) return name;
  const r = PROVINCE_RENAMES.find((x) => x.from.length === 2 && name.startsWith(x.newName));
  return r ? r.oldName + name.slice(r.newName.length) : name;
}

/** A courtyard hole or a detached second part, to exercise both on import. */
function decorate(polygons: Polygon[], random: () => number, rate: number): Polygon[] {
  if (rate <= 0 || random() >= rate) return polygons.map((poly) => poly.map((r) => r.slice()));
  const outer = polygons[0]![0]!;
  let cx = 0,
    cy = 0;
  const n = outer.length / 2 - 1;
  for (let i = 0; i < n * 2; i += 2) {
    cx += outer[i]!;
    cy += outer[i + 1]!;
  }
  cx /= n;
  cy /= n;
  const scaled = (k: number, dx = 0) => outer.map((v, i) => (i % 2 === 0 ? cx + (v - cx) * k + dx : cy + (v - cy) * k));
  // the writer fixes ring orientation, so the hole can keep the outer ring's
  if (random() < 0.5) return [[outer.slice(), scaled(0.3)]];
  const width = Math.max(...outer.filter((_, i) => i % 2 === 0)) - Math.min(...outer.filter((_, i) => i % 2 === 0));
  return [[outer.slice()], [scaled(0.25, width * 0.9)]];
}

function project(ring: number[], conv: proj4.Converter): number[] {
  const out = new Array<number>(ring.length);
  for (let i = 0; i < ring.length; i += 2) {
    const [x, y] = conv.forward([ring[i]!, ring[i + 1]!]) as [number, number];
    out[i] = x;
    out[i + 1] = y;
  }
  return out;
}

/** The ESRI WKT GDAL writes for the code (fixtures in test/fixtures/crs/prj). */
async function esriPrj(epsg: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path.resolve(import.meta.dirname, '../../test/fixtures/crs/prj', `${epsg}.prj`), 'utf8');
}

/** Zips a shapefile set (as downloaded: files inside a folder in the zip). */
export async function zipShapefile(base: string, zipPath: string, folderInZip = ''): Promise<string> {
  const zip = new yazl.ZipFile();
  const { readdir } = await import('node:fs/promises');
  const dir = path.dirname(base);
  const stem = path.basename(base);
  for (const f of await readdir(dir)) {
    if (f.startsWith(stem + '.')) zip.addFile(path.join(dir, f), path.posix.join(folderInZip, f));
  }
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(zipPath)).on('close', resolve).on('error', reject));
  return zipPath;
}

/**
 * A V-World 연속지적도형정보 download: one archive per 시도, `AL_D002_<시도코드>_<YYYYMMDD>.zip`,
 * its parcels split into pieces of at most `pieceRecords` (1,000,000 in the real files), each a
 * .shp set (cp949 text, a .cpg saying UTF-8, EPSG:5186). Piece names are this generator's
 * (`…_1`, `…_2`); the importer does not rely on them.
 */
export async function writeVWorldArchive(
  table: BjdTable,
  parcels: Iterable<SynthParcel>,
  o: { dir: string; sido: string; date: string; pieceRecords: number; seed?: number; defectRate?: number; decorateRate?: number },
): Promise<{ zip: string; pieces: WrittenShapefile[] }> {
  const stem = `AL_D002_${o.sido}_${o.date.replace(/-/g, '')}`;
  const piecesDir = path.join(o.dir, `${stem}.pieces`);
  const pieces: WrittenShapefile[] = [];
  // pieces taken from the parcels as they come, so a caller can stream a whole 시도 through
  const from = parcels[Symbol.iterator]();
  let next = from.next();
  const piece = function* () {
    for (let n = 0; n < o.pieceRecords && !next.done; n++) {
      yield next.value;
      next = from.next();
    }
  };
  for (let k = 1; !next.done; k++) {
    pieces.push(
      await writeCadastralShapefile(table, piece(), {
        dir: piecesDir,
        name: `${stem}_${k}`,
        schema: 'vworld',
        epsg: 5186,
        encoding: 'cp949',
        cpg: true,
        lyingCpg: true,
        sourceDate: o.date,
        seed: (o.seed ?? 1) + k,
        defectRate: o.defectRate,
        decorateRate: o.decorateRate,
      }),
    );
  }
  const zip = new yazl.ZipFile();
  const { readdir } = await import('node:fs/promises');
  for (const f of (await readdir(piecesDir)).sort()) zip.addFile(path.join(piecesDir, f), f);
  zip.end();
  const file = path.join(o.dir, `${stem}.zip`);
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject));
  return { zip: file, pieces };
}
