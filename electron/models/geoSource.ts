import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writePointWkb, writeWkb, type Polygon } from '../../shared/geo/wkb';
import { crsByEpsg } from '../store/crs/koreanCrs';
import { crsFromPrj } from '../store/crs/prjParser';
import { createReprojector, type Reproject } from '../store/crs/reprojector';
import { ParcelGeometryBuilder } from '../store/import/parcelGeometry';
import { findShapefileSets } from '../store/import/shapefileInputs';
import { DbfReader } from '../store/shapefile/dbfReader';
import { POINT_TYPES, ShpReader } from '../store/shapefile/shpReader';
import { encodingFromCpg } from '../store/shapefile/textEncoding';
import { MODEL_ZIP_LIMITS, ZipBudget } from '../zip/zipArchive';

export class GeoSourceError extends Error {}

/** The analyst's own polygons or points: attribute rows as text, and one WKB geometry (EPSG:4326) or null per row. */
export interface GeoTable {
  header: string[];
  rows: string[][];
  geometries: (Uint8Array | null)[];
  /** rows kept without geometry, and why (null shapes, broken rings) */
  warnings: string[];
}

/** A polygon or point shapefile (a .shp with its siblings, or a .zip holding one), reprojected from its .prj. */
export async function readShapefileTable(file: string, scratchDir: string): Promise<GeoTable> {
  const sets = await findShapefileSets([file], scratchDir, new ZipBudget(MODEL_ZIP_LIMITS));
  if (sets.length !== 1) throw new GeoSourceError(`a model is one shapefile; found ${sets.length}`);
  const set = sets[0]!;
  if (!set.prj) throw new GeoSourceError(`${set.label}: no .prj file, so its coordinates cannot be placed`);
  const crs = crsFromPrj(await fs.readFile(set.prj, 'utf8'));
  const cpg = set.cpg ? encodingFromCpg(await fs.readFile(set.cpg, 'utf8')) : null;
  const dbf = await DbfReader.open(set.dbf, cpg);
  const shp = await ShpReader.open(set.shp, 100, true).catch(async (e: unknown) => {
    await dbf.close();
    throw new GeoSourceError((e as Error).message.replace(`${set.shp}: `, ''));
  });
  const reproject = createReprojector(crs);
  const builder = new ParcelGeometryBuilder(reproject, !crs.tmerc);
  const out: GeoTable = { header: dbf.fields.map((f) => f.name), rows: [], geometries: [], warnings: [] };
  try {
    for (;;) {
      const [g, a] = await Promise.all([shp.next(), dbf.next()]);
      if (!g || !a) break;
      out.rows.push(dbf.fields.map((_, i) => a.text(i) ?? ''));
      const built = POINT_TYPES.has(g.content.readInt32LE(0)) ? pointRecord(g.content, reproject) : builder.build(g.content);
      out.geometries.push(built.ok ? built.wkb.slice() : null);
      if (!built.ok) out.warnings.push(`record ${a.number}: ${built.reason}`);
    }
  } finally {
    await Promise.all([dbf.close(), shp.close()]);
  }
  return out;
}

/** A Point or MultiPoint record (Z/M values after the XY pairs are ignored). */
function pointRecord(content: Buffer, reproject: Reproject): { ok: true; wkb: Uint8Array } | { ok: false; reason: string } {
  const type = content.readInt32LE(0);
  const multi = type === 8 || type === 18 || type === 28;
  const n = multi ? content.readInt32LE(36) : 1;
  const at = multi ? 40 : 4;
  if (n <= 0 || at + n * 16 > content.length) return { ok: false, reason: 'the point record is truncated or empty' };
  const xy = new Float64Array(n * 2);
  for (let i = 0; i < 2 * n; i++) xy[i] = content.readDoubleLE(at + 8 * i);
  if (xy.some((v) => !Number.isFinite(v))) return { ok: false, reason: 'coordinates are not finite numbers' };
  reproject(xy, n);
  return { ok: true, wkb: writePointWkb([...xy]) };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: Json } | null;
  properties: Record<string, Json> | null;
}

/**
 * GeoJSON polygons and points (RFC 7946 lon/lat, or an old-style `crs` naming a Korean EPSG code). Property
 * values become text as written in the file; nested values as JSON.
 */
export async function readGeoJsonTable(file: string): Promise<GeoTable> {
  let doc: Record<string, Json>;
  try {
    doc = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, Json>;
  } catch (e) {
    throw new GeoSourceError(`${path.basename(file)}: not JSON (${(e as Error).message})`);
  }
  const features: Feature[] =
    doc.type === 'FeatureCollection' && Array.isArray(doc.features)
      ? (doc.features as unknown as Feature[])
      : doc.type === 'Feature'
        ? [doc as unknown as Feature]
        : [];
  if (!features.length) throw new GeoSourceError(`${path.basename(file)}: no features (expected a GeoJSON FeatureCollection)`);
  const reproject = crsReprojector(doc.crs);
  const header: string[] = [];
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) if (!header.includes(k)) header.push(k);
  const out: GeoTable = { header, rows: [], geometries: [], warnings: [] };
  features.forEach((f, i) => {
    out.rows.push(header.map((k) => text(f.properties?.[k] ?? null)));
    const g = f.geometry;
    if (!g) {
      out.geometries.push(null);
      out.warnings.push(`feature ${i + 1}: no geometry`);
      return;
    }
    if (g.type === 'Point' || g.type === 'MultiPoint') {
      const pts = (g.type === 'Point' ? [g.coordinates] : g.coordinates) as number[][];
      out.geometries.push(writePointWkb(flatRing(pts, reproject)));
      return;
    }
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
      throw new GeoSourceError(`feature ${i + 1} is a ${g.type}: models hold polygons or points`);
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
    out.geometries.push(writeWkb(polygons.map((p): Polygon => p.map((ring) => flatRing(ring, reproject)))));
  });
  return out;
}

function flatRing(ring: number[][], reproject: Reproject | null): number[] {
  const flat = new Float64Array(ring.length * 2);
  ring.forEach(([x, y], i) => {
    flat[2 * i] = x!;
    flat[2 * i + 1] = y!;
  });
  if (reproject) reproject(flat, ring.length);
  if (flat.some((v) => !Number.isFinite(v))) throw new GeoSourceError('a coordinate is not a finite number');
  return [...flat];
}

function crsReprojector(crs: Json | undefined): Reproject | null {
  const name =
    typeof crs === 'object' && crs !== null && !Array.isArray(crs)
      ? ((crs.properties as Record<string, Json> | undefined)?.name as string | undefined)
      : undefined;
  const epsg = name ? Number(/EPSG:{1,2}(\d+)$/i.exec(name)?.[1]) : 4326;
  if (!epsg || epsg === 4326 || /CRS84$/i.test(name ?? '')) return null;
  const korean = crsByEpsg(epsg);
  if (!korean) throw new GeoSourceError(`the GeoJSON's crs '${name}' is not one Pilji knows; give it in lon/lat (EPSG:4326)`);
  return createReprojector(korean);
}

function text(v: Json): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}
