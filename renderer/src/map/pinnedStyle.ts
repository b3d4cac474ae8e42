import type { PinnedLayer } from '../state/slices/layersSlice';
import type { ColorScale } from './colorScale';
import { partColors, vertexColors, type ParcelStyle } from './parcelLayers';
import { scaleOf } from './shownScale';

/** Styles made per scale: a pinned layer's colours are computed once, not on every frame's layer list. */
const made = new WeakMap<ColorScale, ParcelStyle>();

/** A pinned layer's scale: the colouring it had when pinned, or none (one colour of its own). */
export function pinnedScale(l: PinnedLayer): ColorScale | null {
  return l.colorBy ? scaleOf(l.table, l.colorBy, l.classing) : null;
}

/** How a pinned layer is drawn: by its column's colours, as when it was pinned, or in its one colour. */
export function pinnedStyle(l: PinnedLayer): ParcelStyle {
  const scale = pinnedScale(l);
  if (!scale) return { fill: l.color };
  let style = made.get(scale);
  if (!style) made.set(scale, (style = { scale, colors: vertexColors(l.geometry, scale), markerColors: partColors(l.geometry, scale) }));
  return style;
}
