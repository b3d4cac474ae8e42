import type { Table } from 'apache-arrow';
import type { ParcelJoinReport } from '../../../../shared/api/contract';
import type { MapHints } from '../../../../shared/dsl/checker';
import type { Diagnostic } from '../../../../shared/dsl/diagnostics';
import type { Said } from '../../i18n';
import type { GeometryBuffers } from '../../map/geometryBuffers';
import { DEFAULT_CLASSING, type Classing } from '../../map/colorScale';

export interface QueryResult {
  /** the query text that produced it (exports run it again on the host, streaming) */
  dsl: string;
  table: Table;
  sql: string;
  mapHints: MapHints;
  geometry: GeometryBuffers | null;
  elapsedMs: number;
  /** performance.now() when the last byte of the response arrived (the map's first frame is measured from here) */
  receivedAt: number;
  /** one per parcel_join step */
  matchReports: ParcelJoinReport[];
}

export interface RunError {
  dsl: string;
  /** '' when the host was lost (the panel says so) */
  message: Said;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/** One query tab: its text, its run, its result and how the map shows it. */
export interface TabState {
  dsl: string;
  /** the query of the tab's last result; known before the result is back when the tab was restored */
  lastRun: string | null;
  /** the tab's name (null: 쿼리 N by its place) */
  tabName: string | null;
  runStatus: RunStatus;
  runningQueryId: string | null;
  /** the running query's place in the host's line, while it waits */
  queuePosition: number | null;
  diagnostics: Diagnostic[];
  /** when the running query started (performance.now()), for the elapsed time shown while it runs */
  startedAt: number | null;
  /** the last run's failure: the text it ran (the panel shows the located line) and the message when it has no diagnostics */
  runError: RunError | null;
  result: QueryResult | null;
  selectedRow: number | null;
  /** the column the map colours by (from `map color=`, or chosen in the legend) */
  colorBy: string | null;
  /** how a numeric colorBy column is cut into classes */
  classing: Classing;
  /** the legend class the map and table are filtered to (a LegendItem's key), null: every row */
  legendFilter: string | null;
}

export interface TabsSlice {
  /** tab ids in display order */
  order: string[];
  active: string;
  byId: Record<string, TabState>;
}

export const DEFAULT_QUERY = `# 종로구의 필지 500개\nparcels\n| where SGG_NM == '종로구'\n| take 500\n`;

/** A tab that has not run yet. */
export const emptyTab = (o: Partial<TabState> = {}): TabState => ({
  dsl: DEFAULT_QUERY,
  tabName: null,
  lastRun: null,
  runStatus: 'idle',
  runningQueryId: null,
  queuePosition: null,
  diagnostics: [],
  startedAt: null,
  runError: null,
  result: null,
  selectedRow: null,
  colorBy: null,
  classing: DEFAULT_CLASSING,
  legendFilter: null,
  ...o,
});

export const initialTabs = (): TabsSlice => ({ order: ['tab-1'], active: 'tab-1', byId: { 'tab-1': emptyTab() } });

/** The tab shown. */
export function activeTab(tabs: TabsSlice): TabState {
  return tabs.byId[tabs.active]!;
}

/** One tab changed; a closed tab is left closed. */
export function withTab(tabs: TabsSlice, id: string, patch: Partial<TabState>): TabsSlice {
  const tab = tabs.byId[id];
  return tab ? { ...tabs, byId: { ...tabs.byId, [id]: { ...tab, ...patch } } } : tabs;
}
