import { client } from '../hostConnection';
import type { Lang } from '../i18n';
import { savedClassing, type Classing } from '../map/colorScale';
import { isNetworkFailure } from './hostMonitor';
import { restorePinned, type SavedLayer } from './mapLayers';
import { savedSizes, type PaneSizes } from './paneSizes';
import { fetchResult, runQuery } from './queryRunner';
import { restoreTabs } from './resultTabs';
import { log, setSlice, slice, useStore } from './store';

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
  tabs: { name: string | null; dsl: string; colorBy: string | null; lastRun: string | null; classing?: Classing }[];
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
  const { order, active, byId } = slice('tabs');
  const { pinned, resultVisible } = slice('layers');
  const { lang, panes } = slice('settings');
  return {
    version: 1,
    lang,
    active: order.indexOf(active),
    tabs: order.map((id) => {
      const s = byId[id]!;
      return { name: s.tabName, dsl: s.dsl, colorBy: s.colorBy, lastRun: s.lastRun, classing: s.classing };
    }),
    pinned: pinned.map(({ label, dsl, color, colorBy, classing, visible }) => ({ label, dsl, color, colorBy, classing, visible })),
    resultVisible,
    panes,
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
  try {
    const saved = asSaved(await client.uiState(clientId()));
    if (saved) {
      setSlice('settings', { lang: saved.lang === 'en' ? 'en' : 'ko', panes: savedSizes(saved.panes) });
      setSlice('layers', { resultVisible: saved.resultVisible !== false });
      const ids = restoreTabs(
        saved.tabs.map((t) => ({
          dsl: t.dsl,
          tabName: t.name,
          colorBy: t.colorBy,
          lastRun: t.lastRun,
          classing: savedClassing(t.classing),
        })),
        saved.active,
      );
      saved.tabs.forEach((t, i) => {
        if (t.lastRun) void runQuery(t.lastRun, { colorBy: t.colorBy, tab: ids[i] });
      });
      await restorePinned(
        // views saved before pinned layers kept their colouring have one colour each
        saved.pinned.map((l) => ({ ...l, colorBy: l.colorBy ?? null, classing: savedClassing(l.classing) })),
        (dsl) => fetchResult(dsl, crypto.randomUUID()),
      );
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
      if (!isNetworkFailure(e)) log('error', { key: 'failedIn', params: { what: 'area_workspace', detail: e.message } });
    });
  };
  const changed = () => {
    if (slice('app').connection === 'lost') return;
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  };
  const stop = useStore.subscribe(changed);
  // a reload right after typing still keeps the text
  const flush = () => {
    if (timer) {
      clearTimeout(timer);
      save();
    }
  };
  window.addEventListener('pagehide', flush);
  return () => {
    stop();
    window.removeEventListener('pagehide', flush);
    if (timer) clearTimeout(timer);
  };
}
