import { client } from '../hostConnection';
import type { Lang } from '../i18n';
import { useApp } from './appStore';
import { isNetworkFailure } from './hostMonitor';
import { restorePinned, useMapLayers, type SavedLayer } from './mapLayers';
import { savedSizes, usePaneSizes, type PaneSizes } from './paneSizes';
import { fetchResult, runQuery } from './queryRunner';
import { restoreTabs, tabState, useTabs } from './resultTabs';

/**
 * The analyst's view of the workspace — query tabs (text, name, colouring, the query of the
 * last result), pinned layers, the language, the panes' sizes — saved on the host as it changes and brought back
 * on the next start: a reload, a crash or a restart loses none of it. Results themselves are not
 * saved; their queries run again.
 */
interface SavedWorkspace {
  version: 1;
  lang: Lang;
  active: number;
  tabs: { name: string | null; dsl: string; colorBy: string | null; lastRun: string | null }[];
  /** top first, as the layers panel lists them */
  pinned: SavedLayer[];
  resultVisible: boolean;
  /** the panes' dragged sizes; absent in views saved before panes could be resized */
  panes?: PaneSizes;
}

const CLIENT_KEY = 'pilji.client';
const SAVE_DELAY_MS = 300;

/** This browser's id (local storage): analysts sharing a server each get their own view back. */
function clientId(): string {
  let id = localStorage.getItem(CLIENT_KEY);
  if (!id) localStorage.setItem(CLIENT_KEY, (id = crypto.randomUUID()));
  return id;
}

export function snapshotWorkspace(): SavedWorkspace {
  const { order, active } = useTabs.getState();
  const { pinned, resultVisible } = useMapLayers.getState();
  return {
    version: 1,
    lang: useApp.getState().lang,
    active: order.indexOf(active),
    tabs: order.map((id) => {
      const s = tabState(id)!;
      return { name: s.tabName, dsl: s.dsl, colorBy: s.colorBy, lastRun: s.lastRun };
    }),
    pinned: pinned.map(({ label, dsl, color, visible }) => ({ label, dsl, color, visible })),
    resultVisible,
    panes: usePaneSizes.getState(),
  };
}

function asSaved(v: unknown): SavedWorkspace | null {
  const w = v as Partial<SavedWorkspace> | null;
  if (!w || w.version !== 1 || !Array.isArray(w.tabs) || !Array.isArray(w.pinned)) return null;
  return w as SavedWorkspace;
}

/**
 * Brings the saved view back (once, at start), then saves every change. Each restored tab runs
 * its last result's query again, keeping the colouring chosen; pinned layers are drawn again from
 * theirs. Nothing is saved until the restore is done, so a slow start cannot overwrite the view.
 */
export async function restoreWorkspace(): Promise<() => void> {
  const { log } = useApp.getState();
  try {
    const saved = asSaved(await client.uiState(clientId()));
    if (saved) {
      useApp.getState().setLang(saved.lang === 'en' ? 'en' : 'ko');
      useMapLayers.setState({ resultVisible: saved.resultVisible !== false });
      usePaneSizes.setState(savedSizes(saved.panes));
      const ids = restoreTabs(saved.tabs, saved.active);
      saved.tabs.forEach((t, i) => {
        if (t.lastRun) void runQuery(t.lastRun, { colorBy: t.colorBy, tab: ids[i] });
      });
      await restorePinned(saved.pinned, (dsl) => fetchResult(dsl, crypto.randomUUID()));
    }
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_workspace', detail: (e as Error).message } });
  }
  return saveOnChange();
}

function saveOnChange(): () => void {
  let last: string | null = JSON.stringify(snapshotWorkspace());
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const text = JSON.stringify(snapshotWorkspace());
    if (text === last) return;
    last = text;
    client.setUiState(clientId(), JSON.parse(text) as object).catch((e: Error) => {
      // the host is away: the view stays unsaved and is saved when the host answers again
      // (the status bar already says the connection is lost; a second message would hide the first)
      last = null;
      if (!isNetworkFailure(e)) useApp.getState().log('error', { key: 'failedIn', params: { what: 'area_workspace', detail: e.message } });
    });
  };
  const changed = () => {
    if (useApp.getState().connection === 'lost') return;
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  };
  const stops = [useApp.subscribe(changed), useTabs.subscribe(changed), useMapLayers.subscribe(changed), usePaneSizes.subscribe(changed)];
  // a reload right after typing still keeps the text
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };
  window.addEventListener('pagehide', flush);
  return () => {
    stops.forEach((s) => s());
    window.removeEventListener('pagehide', flush);
    if (timer) clearTimeout(timer);
  };
}
