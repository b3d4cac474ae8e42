/**
 * The sizes the analyst dragged the panes to, in CSS pixels: the data pane's width, the
 * editor/results column's width and the editor's height. null: the layout's own proportions.
 * Saved with the rest of the workspace view (workspaceUi.ts), per client.
 */
export interface PaneSizes {
  data: number | null;
  middle: number | null;
  editor: number | null;
}

export type PaneSplit = keyof PaneSizes;

/** Room the other panes keep at any size (1366×768 included): the map and results stay usable. */
export const PANE_MIN = { data: 180, middle: 320, map: 360, editor: 100, results: 160 } as const;
const CHROME = { top: 40, status: 28, splitter: 6 } as const;

/** The range a split may take in a window of this size, given the other sizes. */
export function splitRange(
  split: PaneSplit,
  sizes: PaneSizes,
  width: number,
  height: number,
  measured: { data: number },
): [number, number] {
  if (split === 'data') return [PANE_MIN.data, Math.max(PANE_MIN.data, width - PANE_MIN.middle - PANE_MIN.map - 2 * CHROME.splitter)];
  if (split === 'middle')
    return [PANE_MIN.middle, Math.max(PANE_MIN.middle, width - (sizes.data ?? measured.data) - PANE_MIN.map - 2 * CHROME.splitter)];
  return [PANE_MIN.editor, Math.max(PANE_MIN.editor, height - CHROME.top - CHROME.status - PANE_MIN.results - CHROME.splitter)];
}

/** A saved value, if it is one: an old saved view has none, and a bad one is dropped. */
export function savedSizes(v: unknown): PaneSizes {
  const o = (typeof v === 'object' && v) as Partial<Record<PaneSplit, unknown>> | false;
  const size = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.round(x) : null);
  return o ? { data: size(o.data), middle: size(o.middle), editor: size(o.editor) } : { data: null, middle: null, editor: null };
}

/** The grid's tracks: a dragged size where there is one (kept inside the window), else the default proportions. */
export function gridTracks(s: PaneSizes): { columns: string; rows: string } {
  const data =
    s.data === null
      ? '250px'
      : `max(${PANE_MIN.data}px, min(${s.data}px, calc(100vw - ${PANE_MIN.middle + PANE_MIN.map + 2 * CHROME.splitter}px)))`;
  const dataWidth = s.data === null ? '250px' : `${s.data}px`;
  const middle =
    s.middle === null
      ? `minmax(${PANE_MIN.middle}px, 1fr)`
      : `max(${PANE_MIN.middle}px, min(${s.middle}px, calc(100vw - ${dataWidth} - ${PANE_MIN.map + 2 * CHROME.splitter}px)))`;
  const map = s.middle === null ? `minmax(${PANE_MIN.map}px, 1.3fr)` : `minmax(${PANE_MIN.map}px, 1fr)`;
  const editor =
    s.editor === null
      ? 'minmax(100px, 0.9fr)'
      : `max(${PANE_MIN.editor}px, min(${s.editor}px, calc(100vh - ${CHROME.top + CHROME.status + PANE_MIN.results + CHROME.splitter}px)))`;
  const results = s.editor === null ? `minmax(${PANE_MIN.results}px, 1.1fr)` : `minmax(${PANE_MIN.results}px, 1fr)`;
  return {
    columns: `${data} ${CHROME.splitter}px ${middle} ${CHROME.splitter}px ${map}`,
    rows: `${CHROME.top}px ${editor} ${CHROME.splitter}px ${results} ${CHROME.status}px`,
  };
}
