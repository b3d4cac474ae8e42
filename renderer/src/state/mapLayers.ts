import type { Table } from 'apache-arrow';
import type { Rgba } from '../map/colorScale';
import type { GeometryBuffers } from '../map/geometryBuffers';
import type { PinnedLayer } from './slices/layersSlice';
import { setSlice, shownTab } from './store';

/** Distinct fills for pinned results drawn in one colour (the live result keeps its own colours on top). */
const PALETTE: Rgba[] = [
  [52, 120, 246, 110],
  [46, 160, 67, 110],
  [156, 39, 176, 110],
  [0, 150, 170, 110],
  [230, 180, 30, 120],
  [120, 120, 120, 110],
];

let next = 1;

/** Keeps the current result on the map as a layer of its own, in the colouring it has now. */
export function pinResult(): void {
  const { result, colorBy, classing } = shownTab();
  if (!result?.geometry) return;
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
    colorBy,
    classing,
    visible: true,
  };
  setSlice('layers', (s) => ({ pinned: [layer, ...s.pinned] }));
}

export function toggleLayer(id: string): void {
  if (id === 'result') setSlice('layers', (s) => ({ resultVisible: !s.resultVisible }));
  else setSlice('layers', (s) => ({ pinned: s.pinned.map((l) => (l.id === id ? { ...l, visible: !l.visible } : l)) }));
}

/** A pinned layer's new name (an empty one keeps the old). */
export function renameLayer(id: string, label: string): void {
  const name = label.trim();
  if (name) setSlice('layers', (s) => ({ pinned: s.pinned.map((l) => (l.id === id ? { ...l, label: name } : l)) }));
}

/** Moves a pinned layer up (toward the top, -1) or down (+1) in the drawing order. */
export function moveLayer(id: string, by: -1 | 1): void {
  setSlice('layers', (s) => {
    const i = s.pinned.findIndex((l) => l.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= s.pinned.length) return {};
    const pinned = [...s.pinned];
    [pinned[i], pinned[j]] = [pinned[j]!, pinned[i]!];
    return { pinned };
  });
}

export function removeLayer(id: string): void {
  setSlice('layers', (s) => ({ pinned: s.pinned.filter((l) => l.id !== id) }));
}

/** A pinned layer as the workspace keeps it: its query and colouring, not its rows. */
export type SavedLayer = Pick<PinnedLayer, 'label' | 'dsl' | 'color' | 'colorBy' | 'classing' | 'visible'>;

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
  setSlice('layers', (s) => ({ pinned: [...s.pinned, ...layers] }));
}
