import type { MessageKey } from '../i18n';

/** MapLibre's own texts (accessible names and tooltips), from the catalogue. */
const KEYS = {
  'Map.Title': 'map',
  'NavigationControl.ZoomIn': 'zoomIn',
  'NavigationControl.ZoomOut': 'zoomOut',
  'NavigationControl.ResetBearing': 'resetBearing',
  'AttributionControl.ToggleAttribution': 'toggleAttribution',
} as const satisfies Record<string, MessageKey>;

/** The `locale` option of a new map. */
export function mapLocale(t: (k: MessageKey) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(KEYS).map(([k, v]) => [k, t(v)]));
}

/**
 * The same texts on a map already made, when the language changes: MapLibre reads its locale
 * only when it creates its elements, so they are set on them here.
 */
export function relabelMap(container: HTMLElement, t: (k: MessageKey) => string): void {
  const label = (selector: string, key: MessageKey) => {
    for (const el of container.querySelectorAll(selector)) {
      el.setAttribute('aria-label', t(key));
      if (el.hasAttribute('title')) el.setAttribute('title', t(key));
    }
  };
  label('.maplibregl-canvas', 'map');
  label('.maplibregl-ctrl-zoom-in', 'zoomIn');
  label('.maplibregl-ctrl-zoom-out', 'zoomOut');
  label('.maplibregl-ctrl-compass', 'resetBearing');
  label('.maplibregl-ctrl-attrib-button', 'toggleAttribution');
}
