import type { StyleSpecification } from 'maplibre-gl';
import { API, type TileFileInfo } from '../../../shared/api/contract';
import { xyzTemplate, type BasemapSetting } from '../../../shared/map/basemapSetting';
import { client, hostConnection } from '../hostConnection';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { PROVINCE_RENAMES } from '../../../shared/cadastral/bjdCodes';
import { ringArea } from '../../../shared/geo/wkb';
import { escapeHtml } from '../../../shared/map/escapeHtml';

/**
 * The offline basemap (the default): KOSTAT 2018 시도/시군구 outlines (shipped in assets/basemap, served by the
 * host) with Hangul labels drawn from local fonts — no tiles, glyphs or fonts from any server.
 */
export const LOCAL_FONT_FAMILY = "'Malgun Gothic', 'Apple SD Gothic Neo', 'NanumGothic', 'Noto Sans CJK KR', 'Noto Sans KR', sans-serif";

async function loadTopo(url: string): Promise<GeoJSON.FeatureCollection> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`basemap ${url}: HTTP ${res.status}`);
  const topo = (await res.json()) as Topology;
  const key = Object.keys(topo.objects)[0]!;
  return feature(topo, topo.objects[key]!) as GeoJSON.FeatureCollection;
}

/**
 * One label point per feature (the centroid of its largest ring), so islands do not repeat the
 * name; 2018 province names get their current ones.
 */
function labelPoints(fc: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection {
  const renamed = new Map(PROVINCE_RENAMES.filter((r) => r.from.length === 2).map((r) => [r.oldName, r.newName]));
  const features = fc.features.flatMap((f): GeoJSON.Feature[] => {
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let best: number[] | null = null;
    let bestArea = 0;
    for (const poly of polygons) {
      const flat = poly[0]!.flat();
      const area = Math.abs(ringArea(flat));
      if (area > bestArea) {
        bestArea = area;
        best = flat;
      }
    }
    if (!best) return [];
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < best.length; i += 2) {
      cx += best[i]!;
      cy += best[i + 1]!;
    }
    const n = best.length / 2;
    const name = String(f.properties?.name ?? '');
    return [
      { type: 'Feature', properties: { name: renamed.get(name) ?? name }, geometry: { type: 'Point', coordinates: [cx / n, cy / n] } },
    ];
  });
  return { type: 'FeatureCollection', features };
}

let offline: Promise<StyleSpecification> | null = null;

/** Built once per page: the outlines are fetched and their label points computed one time. */
export function offlineBasemapStyle(): Promise<StyleSpecification> {
  offline ??= buildOfflineStyle();
  return offline;
}

async function buildOfflineStyle(): Promise<StyleSpecification> {
  const [sido, sgg] = await Promise.all([
    loadTopo('/basemap/skorea-provinces-2018-topo.json'),
    loadTopo('/basemap/skorea-municipalities-2018-topo.json'),
  ]);
  const label = (minzoom: number, maxzoom: number, size: number, paint: object = {}) => ({
    layout: { 'text-field': ['get', 'name'], 'text-size': size, 'text-font': ['sans-serif'] },
    paint: { 'text-color': '#4a5562', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4, ...paint },
    minzoom,
    maxzoom,
  });
  return {
    version: 8,
    sources: {
      sido: { type: 'geojson', data: sido, attribution: '행정구역 경계: 통계청 SGIS (2018), 공공누리 제1유형' },
      sgg: { type: 'geojson', data: sgg },
      'sido-labels': { type: 'geojson', data: labelPoints(sido) },
      'sgg-labels': { type: 'geojson', data: labelPoints(sgg) },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } },
      { id: 'sido-fill', type: 'fill', source: 'sido', paint: { 'fill-color': '#f7f6f2' } },
      { id: 'sgg-line', type: 'line', source: 'sgg', minzoom: 6, paint: { 'line-color': '#c3cad2', 'line-width': 0.7 } },
      { id: 'sido-line', type: 'line', source: 'sido', paint: { 'line-color': '#8b97a4', 'line-width': 1.2 } },
      // Drawn from the start, all but transparent below 8.5: MapLibre draws each Hangul glyph on
      // the main thread the first time a label needs it (~90 ms for a region's names) and
      // compiles this layer's shader the first time it draws it (~0.5 s under software GL),
      // both of which would otherwise happen when the map first zooms to a result. (At
      // opacity 0 MapLibre skips the layer.)
      {
        id: 'sgg-label',
        type: 'symbol',
        source: 'sgg-labels',
        ...label(0, 24, 12, { 'text-opacity': ['step', ['zoom'], 0.004, 8.5, 1] }),
      } as StyleSpecification['layers'][number],
      { id: 'sido-label', type: 'symbol', source: 'sido-labels', ...label(0, 8.5, 13) } as StyleSpecification['layers'][number],
    ],
  };
}

/**
 * The style for the analyst's basemap setting: the offline outlines, their raster tiles, their
 * style URL, or the tiles of their PMTiles/MBTiles file as the host serves them.
 */
export async function basemapStyle(b: BasemapSetting): Promise<StyleSpecification | string> {
  if (b.kind === 'style') return b.url;
  if (b.kind === 'offline') return offlineBasemapStyle();
  if (b.kind === 'file') return tileFileStyle(await client.basemapFile());
  return {
    version: 8,
    sources: {
      tiles: {
        type: 'raster',
        tiles: [xyzTemplate(b.url)],
        tileSize: 256,
        ...(b.attribution ? { attribution: escapeHtml(b.attribution) } : {}),
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } },
      { id: 'tiles', type: 'raster', source: 'tiles' },
    ],
  };
}

/** A tile file's style: rasters as they are; vector tiles (which carry no style) in plain greys. */
function tileFileStyle(info: TileFileInfo): StyleSpecification {
  const tiles = [`${hostConnection().baseUrl || location.origin}${API.basemapTiles}/{z}/{x}/{y}`];
  const extent = {
    minzoom: info.minzoom,
    maxzoom: info.maxzoom,
    ...(info.bounds ? { bounds: info.bounds } : {}),
    ...(info.attribution ? { attribution: escapeHtml(info.attribution) } : {}),
  };
  const background = { id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } } as const;
  if (info.format !== 'pbf') {
    return {
      version: 8,
      sources: { tiles: { type: 'raster', tiles, tileSize: 256, ...extent } },
      layers: [background, { id: 'tiles', type: 'raster', source: 'tiles' }],
    };
  }
  return {
    version: 8,
    sources: { tiles: { type: 'vector', tiles, ...extent } },
    layers: [
      { ...background, paint: { 'background-color': '#f4f3ef' } },
      ...info.vectorLayers.flatMap((layer): StyleSpecification['layers'] => [
        {
          id: `${layer}-fill`,
          type: 'fill',
          source: 'tiles',
          'source-layer': layer,
          filter: ['==', '$type', 'Polygon'],
          paint: { 'fill-color': '#e6e3dc', 'fill-outline-color': '#c7c2b7' },
        },
        {
          id: `${layer}-line`,
          type: 'line',
          source: 'tiles',
          'source-layer': layer,
          filter: ['==', '$type', 'LineString'],
          paint: { 'line-color': '#a3abb5', 'line-width': 0.8 },
        },
        {
          id: `${layer}-point`,
          type: 'circle',
          source: 'tiles',
          'source-layer': layer,
          filter: ['==', '$type', 'Point'],
          paint: { 'circle-color': '#8a939d', 'circle-radius': 2 },
        },
      ]),
    ],
  };
}
