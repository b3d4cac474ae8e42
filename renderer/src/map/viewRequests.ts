/**
 * Asks the map to move: to the whole result (the "zoom to results" button) or to one row (a
 * click in the table pans to it, a double-click zooms to it). The map pane listens; the table
 * and the button need no reference to the map.
 */
export type ViewRequest = { kind: 'results' } | { kind: 'row'; row: number; zoom: boolean };

const listeners = new Set<(r: ViewRequest) => void>();

export function requestView(r: ViewRequest): void {
  for (const l of listeners) l(r);
}

/** Returns the unsubscribe. */
export function onViewRequest(listener: (r: ViewRequest) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
