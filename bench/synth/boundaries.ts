import { readFileSync } from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { MultiPolygon, Polygon as GeoPolygon } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { PROVINCE_RENAMES } from '../../shared/cadastral/bjdCodes';

/**
 * KOSTAT 2018 시군구 outlines (../shared/data/boundaries). Their codes are KOSTAT's, not 법정동
 * codes, so a 시군구 is found by its province and its name with spaces removed
 * ('수원시 장안구' → '수원시장안구'); renamed provinces are looked up by their 2018 name.
 */
export type Outline = number[][][][]; // MultiPolygon coordinates, lon/lat

interface Named {
  name: string;
  code: string;
}

export function sharedDataDir(): string {
  return process.env.PILJI_SHARED_DATA ?? path.resolve(import.meta.dirname, '../../../shared/data');
}

function load(file: string): { name: string; code: string; coords: Outline }[] {
  const topo = JSON.parse(readFileSync(path.join(sharedDataDir(), 'boundaries', file), 'utf8')) as Topology;
  const key = Object.keys(topo.objects)[0]!;
  const fc = feature(topo, topo.objects[key] as GeometryCollection<Named>);
  return fc.features.map((f) => {
    const g = f.geometry as GeoPolygon | MultiPolygon;
    return { name: f.properties.name, code: f.properties.code, coords: g.type === 'Polygon' ? [g.coordinates] : g.coordinates };
  });
}

let cache: { provinces: ReturnType<typeof load>; municipalities: ReturnType<typeof load> } | null = null;

/** The 시군구's outline; a 시도 without 시군구 (세종) is its own province outline. */
export function findSggOutline(sido: string, sgg: string | null): Outline {
  cache ??= { provinces: load('skorea-provinces-2018-topo.json'), municipalities: load('skorea-municipalities-2018-topo.json') };
  const oldSido = PROVINCE_RENAMES.find((r) => r.newName === sido && r.from.length === 2)?.oldName ?? sido;
  const province = cache.provinces.find((p) => p.name === oldSido);
  if (!province) throw new Error(`no KOSTAT province named ${oldSido}`);
  if (sgg === null) return province.coords;
  const want = sgg.replace(/\s+/g, '');
  const m = cache.municipalities.find((x) => x.code.startsWith(province.code) && x.name.replace(/\s+/g, '') === want);
  if (!m) throw new Error(`no KOSTAT 시군구 named ${sgg} in ${oldSido}`);
  return m.coords;
}

export function outlineBounds(o: Outline): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of o)
    for (const [x, y] of poly[0]!) {
      x0 = Math.min(x0, x!);
      y0 = Math.min(y0, y!);
      x1 = Math.max(x1, x!);
      y1 = Math.max(y1, y!);
    }
  return [x0, y0, x1, y1];
}

/**
 * A point-in-outline test: even-odd ray casting over the rings of the polygons whose bounding box
 * holds the point (a ring outside its box adds an even count of crossings, so skipping it changes
 * nothing). 옹진군's islands fill ~1% of their box: without the boxes most random points were
 * cast against every island, and its 157,895 national parcels took the better part of an hour.
 */
export function outlineTest(o: Outline): (x: number, y: number) => boolean {
  const polys = o.map((poly) => ({ poly, box: outlineBounds([poly]) }));
  return (x, y) => {
    let inside = false;
    for (const { poly, box } of polys) {
      if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) continue;
      for (const ring of poly) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i]!;
          const [xj, yj] = ring[j]!;
          if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
        }
      }
    }
    return inside;
  };
}
