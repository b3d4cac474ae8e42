import type { Table } from 'apache-arrow';
import { create } from 'zustand';
import type { ParcelJoinReport, StoreInfo } from '../../../shared/api/contract';
import type { Catalog } from '../../../shared/dsl/catalog';
import type { MapHints } from '../../../shared/dsl/checker';
import type { Diagnostic } from '../../../shared/dsl/diagnostics';
import { useMemo } from 'react';
import { MESSAGES, type Lang, type MessageKey, type Said } from '../i18n';
import type { GeometryBuffers } from '../map/geometryBuffers';
import { OFFLINE_BASEMAP, type BasemapSetting } from '../../../shared/map/basemapSetting';

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

/**
 * A status-bar message: a catalogue key with its parameters, shown in the language of the moment
 * (switching language re-words it), or a text as the host sent it (a host error's own words).
 */
export interface Message {
  level: 'info' | 'error';
  said: Said;
  at: number;
}

export interface RunError {
  dsl: string;
  /** '' when the host was lost (the panel says so) */
  message: Said;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface AppState {
  lang: Lang;
  connection: 'connecting' | 'ready' | 'lost';
  catalog: Catalog | null;
  store: StoreInfo | null;
  dsl: string;
  /** the query of the tab's last result; known before the result is back when the tab was restored */
  lastRun: string | null;
  /** the shown tab's name (null: 쿼리 N by its place) */
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
  /** the workspace's basemap (settings.json on the host) */
  basemap: BasemapSetting;
  /** the column the map colours by (from `map color=`, or chosen in the legend) */
  colorBy: string | null;
  messages: Message[];
  setLang(lang: Lang): void;
  setDsl(dsl: string): void;
  select(row: number | null): void;
  setColorBy(column: string | null): void;
  log(level: Message['level'], said: Said): void;
}

export const DEFAULT_QUERY = `# 종로구의 필지 500개\nparcels\n| where SGG_NM == '종로구'\n| take 500\n`;

export const useApp = create<AppState>((set) => ({
  lang: 'ko',
  connection: 'connecting',
  catalog: null,
  store: null,
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
  basemap: OFFLINE_BASEMAP,
  messages: [],
  setLang: (lang) => set({ lang }),
  setDsl: (dsl) => set({ dsl }),
  select: (row) => set({ selectedRow: row }),
  setColorBy: (column) => set({ colorBy: column }),
  log: (level, said) => set((s) => ({ messages: [...s.messages.slice(-199), { level, said, at: Date.now() }] })),
}));

export function useT(): (key: MessageKey) => string {
  const lang = useApp((s) => s.lang);
  // the same function while the language stays: effects that word things depend on it
  return useMemo(() => (key: MessageKey) => MESSAGES[lang][key], [lang]);
}
