import { create } from 'zustand';
import { useApp, type AppState } from './appStore';

/** What a result tab holds: its query text, its run and its result (the active tab's live in useApp). */
const TAB_FIELDS = [
  'dsl',
  'tabName',
  'lastRun',
  'runStatus',
  'runningQueryId',
  'queuePosition',
  'diagnostics',
  'startedAt',
  'runError',
  'result',
  'selectedRow',
  'colorBy',
] as const;
export type TabState = Pick<AppState, (typeof TAB_FIELDS)[number]>;

interface TabsState {
  /** tab ids in display order */
  order: string[];
  active: string;
  /** the inactive tabs' states; the active tab's state is the app store's own fields */
  parked: Record<string, TabState>;
}

let counter = 1;
export const useTabs = create<TabsState>(() => ({ order: ['tab-1'], active: 'tab-1', parked: {} }));

function snapshot(): TabState {
  const s = useApp.getState();
  return Object.fromEntries(TAB_FIELDS.map((k) => [k, s[k]])) as TabState;
}

/** A tab's state, wherever it lives now; undefined once the tab is closed. */
export function tabState(id: string): TabState | undefined {
  return id === useTabs.getState().active ? snapshot() : useTabs.getState().parked[id];
}

/**
 * Changes one tab: the app store when it is shown, its parked state when not. Query runs use it,
 * so a result that arrives after the user switched tabs lands in its own tab.
 */
export function updateTab(id: string, patch: Partial<TabState>): void {
  const tabs = useTabs.getState();
  if (id === tabs.active) useApp.setState(patch);
  else if (tabs.parked[id]) useTabs.setState({ parked: { ...tabs.parked, [id]: { ...tabs.parked[id]!, ...patch } } });
}

export function switchTab(id: string): void {
  const tabs = useTabs.getState();
  if (id === tabs.active || !tabs.parked[id]) return;
  const { [id]: next, ...rest } = tabs.parked;
  useTabs.setState({ active: id, parked: { ...rest, [tabs.active]: snapshot() } });
  useApp.setState(next!);
}

/** A tab that has not run yet. */
const emptyRun = (): Omit<TabState, 'dsl' | 'tabName'> => ({
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
});

/**
 * A new tab, shown at once (the current one goes on in the background): with the current query
 * text, or the given text and name (a model's parcels open in a tab named after the model).
 */
export function newTab(o: { dsl?: string; name?: string } = {}): string {
  const id = `tab-${++counter}`;
  const tabs = useTabs.getState();
  useTabs.setState({ order: [...tabs.order, id], active: id, parked: { ...tabs.parked, [tabs.active]: snapshot() } });
  useApp.setState({ ...emptyRun(), tabName: o.name ?? null, ...(o.dsl !== undefined && { dsl: o.dsl }) });
  return id;
}

/** Tabs saved in the workspace, in place of the ones there are (at start, before any run). */
export function restoreTabs(
  saved: { dsl: string; name: string | null; colorBy: string | null; lastRun: string | null }[],
  active: number,
): string[] {
  if (!saved.length) return [];
  const ids = saved.map(() => `tab-${++counter}`);
  const state = (i: number): TabState => ({
    ...emptyRun(),
    dsl: saved[i]!.dsl,
    tabName: saved[i]!.name,
    colorBy: saved[i]!.colorBy,
    lastRun: saved[i]!.lastRun,
  });
  const shown = Math.min(Math.max(0, active), saved.length - 1);
  useTabs.setState({
    order: ids,
    active: ids[shown]!,
    parked: Object.fromEntries(ids.flatMap((id, i) => (i === shown ? [] : [[id, state(i)]]))),
  });
  useApp.setState(state(shown));
  return ids;
}

/** Closes a tab (not the last); the caller cancels its query first. */
export function closeTab(id: string): void {
  const tabs = useTabs.getState();
  if (tabs.order.length < 2) return;
  const order = tabs.order.filter((t) => t !== id);
  if (id === tabs.active) switchTab(order[Math.max(0, tabs.order.indexOf(id) - 1)]!);
  const { [id]: _closed, ...parked } = useTabs.getState().parked;
  useTabs.setState({ order, parked });
}
