import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { readWkb } from '../../shared/geo/wkb';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { esriPrj, projectFromWgs84 } from '../store/crs/fromWgs84';
import { fileInside } from './fileNames';
import { ShapefileWriter, type DbfFieldSpec, type ShapeKind } from './shapefileWriter';

const NAME_BYTES = 10;
const MAX_TEXT = 254;
/** The second file's name when a result mixes kinds of shape: 면 (area), 점 (point). */
const SUFFIX: Record<ShapeKind, string> = { polygon: '_면', point: '_점', multipoint: '_다중점' };

export interface ShapefileZipOptions {
  signal?: AbortSignal;
  onRecords?: (n: number) => void;
  /** EPSG code of the coordinates written; default 4326 */
  crs?: number;
}

export interface ShapefileExport {
  records: number;
  /** field names cut to 10 bytes, and anything else the format could not keep */
  warnings: string[];
}

/**
 * A query result (staged as Parquet in the workspace) → a zipped shapefile (polygons or points) as Korean GIS
 * tools expect it: cp949 DBF with a .cpg, coordinates in the chosen CRS with its ESRI .prj.
 * Text fields are as wide as their longest value; booleans (산 여부) are logical and dates date
 * fields, so a receiving system sorts and filters them as such. DBF field names hold 10 bytes
 * (5 Hangul syllables), so longer ones are cut, made unique, and listed in the zip's 필드이름.txt.
 */
export async function writeShapefileZip(
  engine: Engine,
  staged: string,
  zipFile: string,
  baseName: string,
  tmpDir: string,
  o: ShapefileZipOptions = {},
): Promise<ShapefileExport> {
  const crs = o.crs ?? 4326;
  const project = projectFromWgs84(crs);
  const prj = esriPrj(crs);
  const source = `read_parquet(${literalSql(staged)})`;
  const described = await engine.rows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`);
  const geometry = described.find((c) => c.column_type.startsWith('GEOMETRY') || c.column_name === 'geometry');
  const attributes = described.filter((c) => c !== geometry && c.column_name !== 'bbox');
  const widths = await textWidths(
    engine,
    source,
    attributes.filter((c) => fieldType(c.column_type) === 'C').map((c) => c.column_name),
  );
  const warnings: string[] = [];
  const taken = new Set<string>();
  const fields: DbfFieldSpec[] = attributes.map((c) => {
    const name = dbfName(c.column_name, taken);
    if (name !== c.column_name) warnings.push(`${c.column_name} → ${name}`);
    const type = fieldType(c.column_type);
    if (type === 'L') return { name, type, length: 1 };
    if (type === 'D') return { name, type, length: 8 };
    if (type === 'N') return /INT/.test(c.column_type) ? { name, type, length: 18 } : { name, type, length: 24, decimals: 8 };
    const width = widths.get(c.column_name) ?? 1;
    if (width > MAX_TEXT) warnings.push(`${c.column_name}: values longer than ${MAX_TEXT} bytes are cut`);
    return { name, type, length: Math.max(1, Math.min(width, MAX_TEXT)) };
  });

  const dir = path.join(tmpDir, `shp-${randomUUID()}`);
  await fs.mkdir(dir, { recursive: true });
  try {
    // A shapefile holds one kind of shape: the first kind met names the file, another kind (a
    // result mixing parcels and points) goes to a second file beside it, with a warning.
    const renamed = [...warnings];
    const writers = new Map<ShapeKind, ShapefileWriter>();
    const writerFor = (kind: ShapeKind) => {
      let w = writers.get(kind);
      if (!w) {
        const name = writers.size === 0 ? baseName : `${baseName}${SUFFIX[kind]}`;
        if (writers.size) warnings.push(`the result mixes kinds of geometry: its ${kind} features are in ${name}.shp`);
        w = new ShapefileWriter({
          base: fileInside(dir, `${name}.shp`).slice(0, -4),
          fields,
          encoding: 'cp949',
          prj,
          cpg: true,
          shape: kind,
        });
        writers.set(kind, w);
      }
      return w;
    };
    let pendingNulls: (string | number | null)[][] = [];
    const result = await engine.stream(
      `SELECT ${[geometry ? `${quoteIdent(geometry.column_name)} AS __g` : 'NULL AS __g', ...attributes.map((c) => quoteIdent(c.column_name))].join(', ')} FROM ${source}`,
      { signal: o.signal },
    );
    let done = 0;
    for await (const batch of result.batches) {
      o.onRecords?.((done += batch.numRows));
      const columns = batch.schema.fields.map((_, j) => batch.getChildAt(j)!);
      for (let i = 0; i < batch.numRows; i++) {
        const wkb = columns[0]!.get(i) as Uint8Array | null;
        const g = wkb ? readWkb(wkb) : null;
        if (g && project) {
          for (const rings of g.polygons) rings.forEach(project);
          project(g.points);
        }
        const values = fields.map((f, k) => dbfValue(columns[k + 1]!.get(i), f));
        const kind: ShapeKind | null = !g
          ? null
          : g.polygons.length
            ? 'polygon'
            : g.points.length === 2
              ? 'point'
              : g.points.length
                ? 'multipoint'
                : null;
        if (!kind) {
          // no geometry: into the first file, once there is one
          if (writers.size) await writers.values().next().value!.write(null, values);
          else pendingNulls.push(values);
          continue;
        }
        const w = writerFor(kind);
        for (const v of pendingNulls) await w.write(null, v);
        pendingNulls = [];
        await w.write(kind === 'polygon' ? g!.polygons : g!.points, values);
      }
    }
    if (!writers.size) for (const v of pendingNulls) await writerFor('polygon').write(null, v);
    if (!writers.size) writerFor('polygon');
    let records = 0;
    for (const w of writers.values()) records += (await w.close()).records;
    if (renamed.length)
      await fs.writeFile(
        fileInside(dir, `${baseName}_필드이름.txt`),
        iconv.encode(`DBF 필드 이름은 10바이트까지입니다. 바뀐 이름:\r\n${renamed.join('\r\n')}\r\n`, 'cp949'),
      );
    await zipFolder(dir, zipFile);
    return { records, warnings };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function fieldType(sqlType: string): DbfFieldSpec['type'] {
  if (sqlType === 'BOOLEAN') return 'L';
  if (sqlType === 'DATE') return 'D';
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|DOUBLE|FLOAT|DECIMAL)/.test(sqlType) ? 'N' : 'C';
}

async function textWidths(engine: Engine, source: string, names: string[]): Promise<Map<string, number>> {
  if (!names.length) return new Map();
  // UTF-8 length bounds the cp949 length (Hangul: 3 bytes against 2)
  const [r] = await engine.rows<Record<string, number | bigint | null>>(
    `SELECT ${names.map((n, i) => `max(strlen(CAST(${quoteIdent(n)} AS VARCHAR))) AS w${i}`).join(', ')} FROM ${source}`,
  );
  return new Map(names.map((n, i) => [n, Number(r![`w${i}`] ?? 1)]));
}

/** The name cut to 10 cp949 bytes without splitting a character, unique among the fields (case-insensitive). */
function dbfName(name: string, taken: Set<string>): string {
  const fit = (s: string, bytes: number) => {
    let out = '';
    for (const ch of s) {
      if (iconv.encode(out + ch, 'cp949').length > bytes) break;
      out += ch;
    }
    return out;
  };
  let candidate = fit(name, NAME_BYTES);
  for (let n = 1; taken.has(candidate.toUpperCase()); n++) candidate = fit(name, NAME_BYTES - String(n).length) + n;
  taken.add(candidate.toUpperCase());
  return candidate;
}

function dbfValue(v: unknown, f: DbfFieldSpec): string | number | null {
  if (v === null || v === undefined) return null;
  if (f.type === 'N') return typeof v === 'bigint' ? v.toString() : Number(v);
  if (f.type === 'L') return v ? 'T' : 'F';
  // the engine streams a DATE as its text, 'YYYY-MM-DD'
  if (f.type === 'D') return String(v).replaceAll('-', '');
  const s = String(v);
  // cut to the field's bytes without splitting a character
  let out = s;
  while (iconv.encode(out, 'cp949').length > f.length) out = out.slice(0, -1);
  return out;
}

async function zipFolder(dir: string, zipFile: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of (await fs.readdir(dir)).sort()) zip.addFile(path.join(dir, name), name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream
      .pipe(createWriteStream(zipFile))
      .on('close', () => resolve())
      .on('error', reject);
  });
}
