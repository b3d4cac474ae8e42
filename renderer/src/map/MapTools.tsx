import type { MapboxOverlay } from '@deck.gl/mapbox';
import type * as maplibregl from 'maplibre-gl';
import { useState, type RefObject } from 'react';
import { log, useTab, useT } from '../state/store';
import { requestView } from './viewRequests';
import { exportName } from '../state/exportRunner';
import { download, mapImage } from './mapImage';
import { MeasureOverlay, measureText } from './MeasureOverlay';
import { useMeasure, type MeasureMode } from './useMeasure';

/**
 * The map's own tools, under its zoom buttons: back to the whole result, measure a distance or an
 * area, and save the view as a PNG image (basemap, parcels, legend, measurement).
 */
export function MapTools({ map, overlay }: { map: RefObject<maplibregl.Map | null>; overlay: RefObject<MapboxOverlay | null> }) {
  const t = useT();
  const measure = useMeasure(map);
  const [saving, setSaving] = useState(false);
  const toggle = (mode: MeasureMode) => (measure.mode === mode ? measure.stop() : measure.start(mode));

  const save = async () => {
    const m = map.current;
    if (!m) return;
    setSaving(true);
    try {
      const { mode, points } = measure;
      const enough = mode && points.length >= (mode === 'area' ? 3 : 2);
      const blob = await mapImage(m, overlay.current?.getCanvas() ?? null, m.getContainer().parentElement!, {
        measure: enough
          ? {
              xy: points.map((p) => m.project(p as [number, number])).map((p): [number, number] => [p.x, p.y]),
              closed: mode === 'area',
              text: measureText(mode, points, t),
            }
          : null,
      });
      download(blob, `${exportName()}.png`);
      log('info', { key: 'mapImageSaved', params: { name: `${exportName()}.png` } });
    } catch (e) {
      log('error', { key: 'failedIn', params: { what: 'area_mapImage', detail: (e as Error).message } });
    } finally {
      setSaving(false);
    }
  };

  const bounded = useTab((s) => !!s.result?.geometry?.bounds);
  return (
    <>
      <div className="map-tools maplibregl-ctrl maplibregl-ctrl-group" role="group" aria-label={t('mapTools')}>
        {bounded && (
          <button
            type="button"
            onClick={() => requestView({ kind: 'results' })}
            aria-label={t('fitResults')}
            title={t('fitResults')}
            data-testid="fit-results"
          >
            <span aria-hidden="true">⤢</span>
          </button>
        )}
        <button
          type="button"
          aria-pressed={measure.mode === 'distance'}
          aria-label={t('measureDistance')}
          title={t('measureDistance')}
          onClick={() => toggle('distance')}
          data-testid="measure-distance"
        >
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M3 15 L17 5" />
            <circle cx="3" cy="15" r="2" />
            <circle cx="17" cy="5" r="2" />
          </svg>
        </button>
        <button
          type="button"
          aria-pressed={measure.mode === 'area'}
          aria-label={t('measureArea')}
          title={t('measureArea')}
          onClick={() => toggle('area')}
          data-testid="measure-area"
        >
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M4 15 L7 4 L16 7 L14 16 Z" />
          </svg>
        </button>
        <button
          type="button"
          disabled={saving}
          aria-label={t('saveMapImage')}
          title={t('saveMapImage')}
          onClick={() => void save()}
          data-testid="save-map-image"
        >
          <svg viewBox="0 0 20 20" aria-hidden="true">
            <path d="M10 3 V12 M6 8.5 L10 12.5 L14 8.5 M4 16 H16" />
          </svg>
        </button>
      </div>
      <MeasureOverlay map={map.current} measure={measure} />
    </>
  );
}
