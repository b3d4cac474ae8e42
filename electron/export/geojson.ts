import type { RecordBatch } from 'apache-arrow';
import { readWkb, ringArea, type Ring } from '../../shared/geo/wkb';
import { projectFromWgs84, type ProjectFlat } from '../store/crs/fromWgs84';

/**
 * GeoJSON (RFC 7946) written feature by feature, so a million features never sit in memory as one
 * document: lon/lat order, outer rings counter-clockwise and holes clockwise, every other column a
 * property. Text stays text (19-digit PNUs are strings); 64-bit integers beyond 2^53 become strings
 * rather than silently rounded numbers. In another CRS than WGS 84 (what local government systems
 * take) the coordinates are projected and a named `crs` member says which, in the 2008 GeoJSON
 * form GDAL and QGIS read.
 */
export class GeoJsonWriter {
  private first = true;
  private readonly project: ProjectFlat | null;

  constructor(
    private readonly geometryColumn: string | null,
    private readonly crs = 4326,
  ) {
    this.project = projectFromWgs84(crs);
  }

  header(): string {
    const named = this.crs === 4326 ? '' : `"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::${this.crs}"}},`;
    return `{"type":"FeatureCollection",${named}"features":[\n`;
  }

  features(batch: RecordBatch): string {
    const fields = batch.schema.fields;
    const props = fields
      .map((f, j) => ({ name: f.name, col: batch.getChildAt(j)! }))
      .filter((p) => p.name !== this.geometryColumn && p.name !== 'bbox');
    const geometry = this.geometryColumn ? batch.getChild(this.geometryColumn) : null;
    let out = '';
    for (let i = 0; i < batch.numRows; i++) {
      const properties: Record<string, unknown> = {};
      for (const p of props) properties[p.name] = jsonValue(p.col.get(i));
      const wkb = geometry?.get(i) as Uint8Array | null | undefined;
      out += `${this.first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', geometry: wkb ? geoJsonGeometry(wkb, this.project) : null, properties })}`;
      this.first = false;
    }
    return out;
  }

  footer(): string {
    return '\n]}\n';
  }
}

function jsonValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Uint8Array) return null; // other binary columns have no JSON form
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.parse(JSON.stringify(v, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));
  return v;
}

function geoJsonGeometry(wkb: Uint8Array, project: ProjectFlat | null): object {
  const g = readWkb(wkb);
  if (project) {
    for (const rings of g.polygons) rings.forEach(project);
    project(g.points);
  }
  if (!g.polygons.length) {
    const points = pairs(g.points);
    return points.length === 1 ? { type: 'Point', coordinates: points[0] } : { type: 'MultiPoint', coordinates: points };
  }
  const polygons = g.polygons.map((rings) => rings.map((r, k) => pairs(oriented(r, k === 0))));
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

/** RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. */
function oriented(ring: Ring, outer: boolean): Ring {
  const ccw = ringArea(ring) > 0;
  if (ccw === outer) return ring;
  const reversed: number[] = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) reversed.push(ring[i]!, ring[i + 1]!);
  return reversed;
}

function pairs(flat: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}
