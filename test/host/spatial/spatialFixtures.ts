import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findSggOutline, type Outline } from '../../../bench/synth/boundaries';
import type { Table } from 'apache-arrow';
import type { HostCore } from '../../../electron/host/hostCore';
import { readWkb } from '../../../shared/geo/wkb';
import { readGeoJsonTable } from '../../../electron/models/geoSource';
import { writeModelParquet } from '../../../electron/models/modelTable';

/** A KOSTAT 2018 시군구 outline (../shared/data/boundaries, KOGL type 1) as lon/lat MultiPolygon coordinates. */
export function sggOutline(sido: string, sgg: string): Outline {
  return findSggOutline(sido, sgg);
}

export function outlineWkt(o: Outline): string {
  return `MULTIPOLYGON(${o.map((p) => `(${p.map((r) => `(${r.map((c) => c.join(' ')).join(',')})`).join(',')})`).join(',')})`;
}

/** Registers GeoJSON features as a model, the way the app and `pilji query --model x.geojson` read them. */
export async function addGeoJsonModel(core: HostCore, dir: string, name: string, features: object[]): Promise<void> {
  const file = path.join(dir, `${name}.geojson`);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  const table = await readGeoJsonTable(file);
  const stored = path.join(dir, `${name}.parquet`);
  await writeModelParquet(core.engine, table, stored, table.geometries);
  await core.addModel(name, stored);
}

/** The sample parcels (PNU and shape) as GeoJSON in `file`, for GDAL to test on its own. */
export async function parcelsGeoJson(rows: (dsl: string) => Promise<Table>, file: string): Promise<string> {
  const t = await rows('parcels | select PNU');
  const features = [...Array(t.numRows).keys()].map((i) => ({
    type: 'Feature',
    properties: { PNU: t.getChild('PNU')!.get(i) as string },
    geometry: {
      type: 'MultiPolygon',
      coordinates: readWkb(t.getChild('geometry')!.get(i) as Uint8Array).polygons.map((p) =>
        p.map((r) => r.flatMap((_, k) => (k % 2 ? [] : [[r[k]!, r[k + 1]!]]))),
      ),
    },
  }));
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}
