import type { Table } from 'apache-arrow';
import { create } from 'zustand';
import type { Rgba } from '../map/colorScale';
import type { GeometryBuffers } from '../map/geometryBuffers';
import { useApp } from './appStore';

/** A result kept on the map while other queries run: drawn in one colour, shown or hidden, reordered. */
export interface PinnedLayer {
  id: string;
  label: string;
  /** the query that drew it: a reload runs it again */
  dsl: string;
  table: Table;
  geometry: GeometryBuffers;
  color: Rgba;
  visible: boolean;
}

/** Distinct fills for pinned results (the live result keeps its own colours on top). */
const PALETTE: Rgba[] = [
  [52, 120, 246, 110],
  [46, 160, 67, 110],
  [156, 39, 176, 110],
  [0, 150, 170, 110],
  [230, 180, 30, 120],
  [120, 120, 120, 110],
];

interface MapLayersState {
  /** top of the list = drawn on top */
  pinned: PinnedLayer[];
  resultVisible: boolean;
}

export const useMapLayers = create<MapLayersState>(() => ({ pinned: [], resultVisible: true }));

let next = 1;

/** Keeps the current result on the map as a layer of its own. */
export function pinResult(): void {
  const { result } = useApp.getState();
  if (!result?.geometry) return;
  const { pinned } = useMapLayers.getState();
  // the query without comments, and without the `parcels |` most of them start with
  const text = result.dsl
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .join(' ')
    .replace(/^parcels\s*\|\s*/i, '');
  const label = text.slice(0, 60) || `#${next}`;
  const color = PALETTE[(next - 1) % PALETTE.length]!;
  const layer: PinnedLayer = {
    id: `pinned-${next++}`,
    label,
    dsl: result.dsl,
    table: result.table,
    geometry: result.geometry,
    color,
    visible: true,
  };
  useMapLayers.setState({ pinned: [layer, ...pinned] });
}

export function toggleLayer(id: string): void {
  if (id === 'result') useMapLayers.setState((s) => ({ resultVisible: !s.resultVisible }));
  else useMapLayers.setState((s) => ({ pinned: s.pinned.map((l) => (l.id === id ? { ...l, visible: !l.visible } : l)) }));
}

/** Moves a pinned layer up (toward the top, -1) or down (+1) in the drawing order. */
export function moveLayer(id: string, by: -1 | 1): void {
  useMapLayers.setState((s) => {
    const i = s.pinned.findIndex((l) => l.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= s.pinned.length) return s;
    const pinned = [...s.pinned];
    [pinned[i], pinned[j]] = [pinned[j]!, pinned[i]!];
    return { pinned };
  });
}

export function removeLayer(id: string): void {
  useMapLayers.setState((s) => ({ pinned: s.pinned.filter((l) => l.id !== id) }));
}

/** A pinned layer as the workspace keeps it: its query, not its rows. */
export type SavedLayer = Pick<PinnedLayer, 'label' | 'dsl' | 'color' | 'visible'>;

/** Pinned layers saved in the workspace, drawn again from their queries (top first, as listed). */
export async function restorePinned(
  saved: SavedLayer[],
  fetch: (dsl: string) => Promise<{ table: Table; geometry: GeometryBuffers | null }>,
): Promise<void> {
  const results = await Promise.all(saved.map((l) => fetch(l.dsl).catch(() => null)));
  const layers = saved.flatMap((l, i) => {
    const r = results[i];
    return r?.geometry ? [{ ...l, id: `pinned-${next++}`, table: r.table, geometry: r.geometry }] : [];
  });
  useMapLayers.setState((s) => ({ pinned: [...s.pinned, ...layers] }));
}
