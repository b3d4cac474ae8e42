import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { basemapStyle, LOCAL_FONT_FAMILY } from '../map/basemap';
import { BasemapSettings } from '../map/BasemapSettings';
import { basemapOrigin } from '../../../shared/map/basemapSetting';
import { rowDrawn } from '../map/colorScale';
import { LayersPanel } from '../map/LayersPanel';
import { mapLocale, relabelMap } from '../map/mapLocale';
import { Legend } from '../map/Legend';
import { filteredLines, markersShown, outlinesShown, parcelLayers, partColors, vertexColors, type ParcelStyle } from '../map/parcelLayers';
import { pinnedStyle } from '../map/pinnedStyle';
import { useShownScale } from '../map/shownScale';
import { rowBounds } from '../map/rowBounds';
import { onViewRequest } from '../map/viewRequests';
import { MapTools } from '../map/MapTools';
import { mapClicksTaken } from '../map/useMeasure';
import { buildGeometryBuffers, type GeometryBuffers } from '../map/geometryBuffers';
import { GpuUploads } from '../map/gpuUploads';
import { writeWkb } from '../../../shared/geo/wkb';
import type { Layer } from '@deck.gl/core';
import type { Device } from '@luma.gl/core';
import { useAfterFrame } from '../useAfterFrame';
import { recordBasemap, recordFrame, recordNoResult, recordView } from '../map/mapProbe';
import { useStore, useTab, useT, shownTab, slice, log } from '../state/store';
import { select } from '../state/resultTabs';

// MapLibre 6 loads its worker from a file next to its bundle; point it at ours.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

/**
 * MapLibre draws the offline basemap; deck.gl draws the result polygons from binary buffers.
 * What the tests and the benchmark read off the map is written by mapProbe.
 */
export function MapPane() {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const result = useTab((s) => s.result);
  const selectedRow = useTab((s) => s.selectedRow);
  // `scale` draws (only the legend item filtered to, when one is), `legendScale` explains
  const { scale: legendScale, drawn: scale, filter } = useShownScale();
  const drawnScale = useRef(scale);
  drawnScale.current = scale;
  // per-vertex colours only when a column colours the map; otherwise one constant fill
  const colors = useMemo(() => (result?.geometry && scale ? vertexColors(result.geometry, scale) : null), [result, scale]);
  const markerColors = useMemo(() => (result?.geometry && scale ? partColors(result.geometry, scale) : null), [result, scale]);
  const lines = useMemo(
    () => (result?.geometry && scale && filter ? filteredLines(result.geometry, scale) : null),
    [result, scale, filter],
  );
  const { pinned, resultVisible } = useStore((s) => s.layers);
  const basemap = useStore((s) => s.settings.basemap);
  const [zoom, setZoom] = useState(6);
  // Showing a large result, each step in a frame of its own (two in one were a task over 100 ms
  // under software GL): the table, the map moving to the result (useAfterFrame), deck.gl making
  // its layers hidden once its buffers are on the GPU (GpuUploads), then drawing them. gpuStep
  // counts uploads finished and layers made, each of which redoes the layers.
  const fitTo = useAfterFrame(result);
  const moved = useAfterFrame(fitTo);
  const [gpuStep, setGpuStep] = useState(0);
  const uploads = useRef<GpuUploads | null>(null);
  uploads.current ??= new GpuUploads(() => setGpuStep((n) => n + 1));
  const device = useRef<Device | null>(null);
  const wanted = useRef(new Set<GeometryBuffers>());
  const prepared = useRef(new WeakSet<GeometryBuffers>());
  const preparing = useRef(new Set<GeometryBuffers>());

  useEffect(() => {
    const el = container.current!;
    const m = new maplibregl.Map({
      container: el,
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } }] },
      center: [127.8, 36.3],
      zoom: 6,
      localIdeographFontFamily: LOCAL_FONT_FAMILY,
      locale: mapLocale(t),
      attributionControl: { compact: true },
      // Never reach a server but ours, and the basemap server the analyst chose in the settings.
      transformRequest: (url: string) => ({ url: allowedOrigin(new URL(url, location.href).origin) ? url : 'about:blank' }),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.on('zoomend', () => setZoom(Math.floor(m.getZoom())));
    m.on('moveend', () => recordView(el, m));
    const o = new MapboxOverlay({
      interleaved: false,
      // its drawing stays readable after it is shown: the map is saved as an image from it (MapTools)
      deviceProps: { webgl: { preserveDrawingBuffer: true } },
      layers: [],
      onDeviceInitialized: (d: Device) => {
        device.current = d;
      },
      getTooltip: ({ index, layer }) => {
        const source = layer ? layerSource(layer.id) : null;
        const row = source && index >= 0 ? rowOf(source.geometry, layer!.id, index) : null;
        // a row the legend filter hides is not there to point at
        return row === null || (layer!.id.startsWith('result-') && !rowDrawn(drawnScale.current, row))
          ? null
          : { text: tooltipText(source!.table, row) };
      },
      onClick: ({ index, layer }) => {
        if (mapClicksTaken()) return; // a point of a measurement, not a parcel chosen
        // the table shows the live result: a click on a pinned layer selects nothing there
        const g = shownTab().result?.geometry;
        const row = g && index >= 0 && layer?.id.startsWith('result-') ? rowOf(g, layer.id, index) : null;
        select(row !== null && rowDrawn(drawnScale.current, row) ? row : null);
      },
      onAfterRender: () => {
        // the layers drawing a result that is gone were dropped at the start of this frame
        uploads.current!.keepOnly(wanted.current);
        if (preparing.current.size) {
          for (const g of preparing.current) prepared.current.add(g);
          preparing.current.clear();
          setGpuStep((n) => n + 1);
        }
        recordFrame(el, o);
      },
    });
    m.addControl(o);
    map.current = m;
    overlay.current = o;
    el.dataset.ready = 'true';
    return () => {
      m.remove();
    };
  }, []);

  useEffect(() => {
    const g = resultVisible ? result?.geometry : null;
    const shown = [...pinned].reverse().filter((l) => l.visible);
    wanted.current = new Set([...shown.map((l) => l.geometry), ...(g ? [g] : [])]);
    // A result's layers once its buffers are on the GPU and (`placed`) the map has moved to it;
    // none until then, but the upload starts at once.
    const layersOf = (id: string, geometry: GeometryBuffers, style: ParcelStyle, placed = true): Layer[] => {
      const outlines = outlinesShown(geometry, zoom);
      const d = device.current;
      const markers = markersShown(zoom);
      if (!d) return placed ? parcelLayers(id, geometry, { ...style, outlines, markers }) : [];
      const outline = outlines ? uploads.current!.outline(d, geometry) : null;
      const fill = uploads.current!.fill(d, geometry);
      if (fill === null || !placed) return [];
      // a failed upload (false) leaves deck.gl to upload the typed arrays itself
      const layers = parcelLayers(id, geometry, {
        ...style,
        outlines: outline !== null,
        markers,
        gpu: fill ? { fill, outline: outline || null } : null,
      });
      if (prepared.current.has(geometry)) return layers;
      preparing.current.add(geometry);
      return layers.map((l) => l.clone({ visible: false }));
    };
    // pinned layers under the live result, the bottom of the list first
    const below = shown.flatMap((l) => layersOf(l.id, l.geometry, pinnedStyle(l)));
    const live = g ? layersOf('result', g, { colors, selectedRow, scale, markerColors, lines }, moved === result) : [];
    overlay.current?.setProps({ layers: [...warmupLayers(), ...below, ...live] });
    if (!g && container.current) recordNoResult(container.current);
  }, [result, moved, selectedRow, scale, colors, markerColors, lines, pinned, resultVisible, zoom, gpuStep]);

  // the map's own buttons and its accessible name follow the language
  useEffect(() => {
    if (container.current) relabelMap(container.current, t);
  }, [t]);

  // Keyed by content: the settings arrive as a new object equal to the default, and restyling
  // the map (the outlines are parsed again) would cost the first result a long frame.
  const basemapKey = JSON.stringify(basemap);
  useEffect(() => {
    let stale = false;
    const setting = JSON.parse(basemapKey) as typeof basemap;
    const el = container.current!;
    recordBasemap(el, setting.kind, false);
    void basemapStyle(setting).then(
      (style) => {
        const m = map.current;
        if (stale || !m) return;
        m.setStyle(style);
        m.once('idle', () => !stale && recordBasemap(el, setting.kind, true));
      },
      (e: Error) => log('error', { key: 'failedIn', params: { what: 'area_basemap', detail: e.message } }),
    );
    return () => {
      stale = true;
    };
  }, [basemapKey]);

  // A new result is shown whole (no animation: its layers wait for the move, see `moved`).
  useEffect(() => {
    const b = fitTo?.geometry?.bounds;
    if (b && map.current)
      map.current.fitBounds(
        [
          [b[0], b[1]],
          [b[2], b[3]],
        ],
        { padding: FIT_PADDING, duration: 0, maxZoom: 17 },
      );
  }, [fitTo]);

  useEffect(
    () =>
      onViewRequest((req) => {
        const m = map.current;
        const g = shownTab().result?.geometry;
        if (!m || !g?.bounds) return;
        const b = req.kind === 'results' ? g.bounds : rowBounds(g, req.row);
        if (!b) return;
        const center: [number, number] = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
        // a click in the table pans only when the row is out of sight; a double-click (and the button) zooms
        if (req.kind === 'row' && !req.zoom) {
          if (!m.getBounds().contains(center)) m.easeTo({ center, duration: 300 });
        } else {
          m.fitBounds(
            [
              [b[0], b[1]],
              [b[2], b[3]],
            ],
            { padding: FIT_PADDING, duration: 300, maxZoom: req.kind === 'row' ? 18 : 17 },
          );
        }
      }),
    [],
  );

  return (
    <div className="map-pane">
      <div className="map" ref={container} aria-label={t('map')} data-testid="map" data-color-by={scale?.column ?? ''} />
      <MapTools map={map} overlay={overlay} />
      {result?.geometry && <Legend table={result.table} scale={legendScale} />}
      <LayersPanel />
      <BasemapSettings />
    </div>
  );
}

/** room for the legend (top left), the layers panel and zoom buttons (top right) over the map */
const FIT_PADDING = { top: 90, bottom: 40, left: 40, right: 60 };

let warmup: Layer[] | null = null;

/**
 * One tiny parcel in hidden layers of the same kinds, from the start: their shaders are compiled
 * while the page loads (~100 ms under software GL), not when the first result arrives.
 */
function warmupLayers(): Layer[] {
  warmup ??= parcelLayers('warmup', buildGeometryBuffers([writeWkb([[[127, 37, 127.001, 37, 127.001, 37.001, 127, 37]]])]), {
    markers: true,
  }).map((l) => l.clone({ visible: false }));
  return warmup;
}

/** Our host, and the basemap server of the settings (the page's CSP allows the same two). */
function allowedOrigin(origin: string): boolean {
  return origin === location.origin || origin === basemapOrigin(slice('settings').basemap);
}

/** The table and geometry a picked deck.gl layer draws: the live result or a pinned one. */
function layerSource(layerId: string): { table: import('apache-arrow').Table; geometry: GeometryBuffers } | null {
  if (layerId.startsWith('result-')) {
    const r = shownTab().result;
    return r?.geometry ? { table: r.table, geometry: r.geometry } : null;
  }
  return slice('layers').pinned.find((l) => layerId.startsWith(`${l.id}-`)) ?? null;
}

/** The result row of a picked object: polygons pick by part, points by point. */
function rowOf(g: GeometryBuffers, layerId: string, index: number): number | null {
  if (layerId.endsWith('-fill')) return g.partRow[index] ?? null;
  if (layerId.endsWith('-points')) return g.pointRow[index] ?? null;
  if (layerId.endsWith('-markers')) return g.partRow[index] ?? null;
  return null;
}

/** The parcel's PNU, 지번, 지목, where it is, then the analyst's own (joined) columns. */
function tooltipText(table: import('apache-arrow').Table, row: number): string {
  const first = ['PNU', 'JIBUN', 'JIMOK', 'BJD_NM', 'AREA_M2'];
  const joined = table.schema.fields.map((f) => f.name).filter((n) => !STORE_COLUMNS.has(n) && n !== 'geometry' && n !== 'bbox');
  const lines: string[] = [];
  for (const name of [...first, ...joined].slice(0, 12)) {
    const v = table.getChild(name)?.get(row);
    if (v !== undefined && v !== null) lines.push(`${name}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v)}`);
  }
  return lines.join('\n');
}

const STORE_COLUMNS = new Set([
  'PNU',
  'BJD_CD',
  'BJD_NM',
  'SI_NM',
  'SGG_NM',
  'EMD_NM',
  'RI_NM',
  'SAN',
  'BONBUN',
  'BUBUN',
  'JIBUN',
  'JIMOK',
  'SGG_OID',
  'SOURCE_DATE',
  'AREA_M2',
]);
