import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import type * as maplibregl from 'maplibre-gl';
import type { GeometryBuffers } from './geometryBuffers';
import { shownTab, slice } from '../state/store';

/**
 * What the end-to-end tests and the in-app benchmark read off the map's element, as data
 * attributes: what deck.gl really drew in its last frame, and where the map is. Kept apart from
 * the map pane so that drawing code and its observers do not mix; the pane calls these from
 * deck.gl's after-render hook and MapLibre's moveend.
 */
export function recordFrame(el: HTMLElement, o: MapboxOverlay): void {
  const r = shownTab().result;
  const g = r?.geometry ?? null;
  el.dataset.drawnPolygons = String(drawnRows(o, g));
  // the benchmark's "result received → first frame with polygons"
  if (r && g?.polygonRows && el.dataset.drawnPolygons === String(g.polygonRows) && el.dataset.frameFor !== String(r.receivedAt)) {
    el.dataset.frameFor = String(r.receivedAt);
    el.dataset.firstFrameMs = String(Math.round(performance.now() - r.receivedAt));
  }
  el.dataset.drawnPoints = String(drawnPoints(o, g));
  // rows the fill colours handed to deck.gl leave visible (the legend filter makes the others transparent)
  el.dataset.visibleRows = String(visibleRows(o, g));
  // parcels marked with a dot because they are too small to see at this zoom
  el.dataset.drawnMarkers = String(g ? instances(o, 'result-markers') : 0);
  // pinned layers in drawing order (bottom first), each with the parcels it has on the GPU
  el.dataset.pinned = [...slice('layers').pinned]
    .reverse()
    .filter((l) => l.visible)
    .map((l) => `${l.id}:${instances(o, `${l.id}-fill`) === l.geometry.positions.length / 2 ? l.geometry.polygonRows : 0}`)
    .join(',');
}

/** Nothing of a result drawn (none, or hidden): said at once, before deck.gl's next frame. */
export function recordNoResult(el: HTMLElement): void {
  Object.assign(el.dataset, { drawnPolygons: '0', drawnPoints: '0', drawnMarkers: '0' });
}

/**
 * The basemap in use, and whether MapLibre has drawn it whole (its first idle after the style):
 * until then its tiles, Hangul glyphs and shaders are still being made, on the main thread too,
 * and a query timed then pays for them.
 */
export function recordBasemap(el: HTMLElement, kind: string, drawn: boolean): void {
  el.dataset.basemap = kind;
  el.dataset.basemapDrawn = String(drawn);
}

/** The view once a move ends: centre longitude, latitude and zoom, full precision (a test projects lon/lat to pixels with them). */
export function recordView(el: HTMLElement, m: maplibregl.Map): void {
  const c = m.getCenter();
  el.dataset.view = `${c.lng},${c.lat},${m.getZoom()}`;
}

/**
 * Rows drawn, read back from the layer deck.gl rendered: a binary SolidPolygonLayer counts one
 * instance per vertex, so all of ours are on the GPU when the counts agree.
 */
function drawnRows(o: MapboxOverlay, g: GeometryBuffers | null): number {
  if (!g?.partRow.length) return 0;
  const vertices = instances(o, 'result-fill');
  return vertices === g.positions.length / 2 ? g.polygonRows : 0;
}

const visibleCounted = new WeakMap<Uint8Array, number>();

/** Rows of the live result with a visible fill in the colours deck.gl was given: counted once per colouring. */
function visibleRows(o: MapboxOverlay, g: GeometryBuffers | null): number {
  const layer = g?.partRow.length ? drawnLayer(o, 'result-fill') : undefined;
  if (!g || !layer?.props.visible) return 0;
  const colors = (layer.props.data as { attributes?: { getFillColor?: { value: Uint8Array } } }).attributes?.getFillColor?.value;
  if (!colors) return g.polygonRows;
  let n = visibleCounted.get(colors);
  if (n === undefined) {
    const rows = new Set<number>();
    for (let p = 0; p < g.partRow.length; p++) if (colors[4 * g.partStarts[p]! + 3]) rows.add(g.partRow[p]!);
    visibleCounted.set(colors, (n = rows.size));
  }
  return n;
}

/** Points drawn: a ScatterplotLayer counts one instance per point. */
function drawnPoints(o: MapboxOverlay, g: GeometryBuffers | null): number {
  return g?.pointRow.length && instances(o, 'result-points') === g.pointRow.length ? g.pointRow.length : 0;
}

/** Instances a layer has on the GPU, drawn: a layer made hidden (see gpuStep) counts none. */
function instances(o: MapboxOverlay, layerId: string): number {
  const layer = drawnLayer(o, layerId);
  return layer?.props.visible ? layer.getNumInstances() : 0;
}

function drawnLayer(o: MapboxOverlay, layerId: string): Layer | undefined {
  const deck = (o as unknown as { _deck?: { layerManager?: { getLayers(o: { layerIds: string[] }): Layer[] } } })._deck;
  return deck?.layerManager?.getLayers({ layerIds: [layerId] })[0];
}
