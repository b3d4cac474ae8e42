import type * as maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { LonLat } from '../../../shared/geo/geodesic';

export type MeasureMode = 'distance' | 'area';

export interface Measure {
  mode: MeasureMode | null;
  points: LonLat[];
  /** where the pointer is: the line runs on to it while the measurement is open */
  cursor: LonLat | null;
  finished: boolean;
  start(mode: MeasureMode): void;
  stop(): void;
}

/** While a measurement is open, a click on the map adds a point and selects no parcel (MapPane asks). */
let taking = false;
export function mapClicksTaken(): boolean {
  return taking;
}

/** Points closer than this (px) are one: a double-click's two clicks, or a click on the last point. */
const SAME_POINT_PX = 4;

/**
 * The measuring tool's state and its handling of the map: a click adds a point, a double-click
 * or Enter ends, Esc cancels, Backspace takes the last point back, and Space adds the point at the
 * map's centre (marked by a cross) so that the map can be measured by keyboard alone, panning with
 * the arrow keys. A click after the end starts a new measurement.
 */
export function useMeasure(mapRef: RefObject<maplibregl.Map | null>): Measure {
  const [mode, setMode] = useState<MeasureMode | null>(null);
  const [points, setPoints] = useState<LonLat[]>([]);
  const [cursor, setCursor] = useState<LonLat | null>(null);
  const [finished, setFinished] = useState(false);
  const state = useRef({ points, finished });
  state.current = { points, finished };

  const stop = useCallback(() => {
    setMode(null);
    setPoints([]);
    setCursor(null);
    setFinished(false);
  }, []);
  const start = useCallback((m: MeasureMode) => {
    setMode(m);
    setPoints([]);
    setFinished(false);
    // the map takes the keys (Space, Enter, Esc, the arrows) from here
    mapRef.current?.getCanvas().focus();
  }, []);

  useEffect(() => {
    const m = mapRef.current;
    if (!mode || !m) return;
    taking = true;
    const add = (p: LonLat) => {
      const { points: ps, finished: done } = state.current;
      const base = done ? [] : ps;
      const last = base[base.length - 1];
      if (last && near(m, last, p)) return;
      setFinished(false);
      setPoints([...base, p]);
    };
    const finish = () => setFinished(state.current.points.length > 0);
    const onClick = (e: maplibregl.MapMouseEvent) => add([e.lngLat.lng, e.lngLat.lat]);
    const onDblClick = (e: maplibregl.MapMouseEvent) => {
      e.preventDefault();
      finish();
    };
    const onMove = (e: maplibregl.MapMouseEvent) => setCursor([e.lngLat.lng, e.lngLat.lat]);
    const onOut = () => setCursor(null);
    const onKey = (e: KeyboardEvent) => {
      // the editor, the inputs and the dialogs keep their keys
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable=true], [role=dialog]')) return;
      if (e.key === 'Escape') stop();
      else if (e.key === 'Enter' && target === m.getCanvas()) finish();
      else if (e.key === ' ' && target === m.getCanvas()) {
        const c = m.getCenter();
        add([c.lng, c.lat]);
      } else if (e.key === 'Backspace' && !state.current.finished) setPoints((ps) => ps.slice(0, -1));
      else return;
      e.preventDefault();
    };
    m.doubleClickZoom.disable();
    m.on('click', onClick);
    m.on('dblclick', onDblClick);
    m.on('mousemove', onMove);
    m.on('mouseout', onOut);
    window.addEventListener('keydown', onKey);
    m.getCanvas().style.cursor = 'crosshair';
    return () => {
      taking = false;
      m.doubleClickZoom.enable();
      m.off('click', onClick);
      m.off('dblclick', onDblClick);
      m.off('mousemove', onMove);
      m.off('mouseout', onOut);
      window.removeEventListener('keydown', onKey);
      m.getCanvas().style.cursor = '';
    };
  }, [mode]);

  return { mode, points, cursor, finished, start, stop };
}

function near(m: maplibregl.Map, a: LonLat, b: LonLat): boolean {
  const [p, q] = [m.project(a as [number, number]), m.project(b as [number, number])];
  return Math.hypot(p.x - q.x, p.y - q.y) < SAME_POINT_PX;
}
