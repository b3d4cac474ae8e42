import { create } from 'zustand';
import { useApp, type AppState } from './appStore';

/** What a result tab holds: its query text, its run and its result (the active tab's live in useApp). */
const TAB_FIELDS = ['dsl', 'runStatus', 'runningQueryId', 'queuePosition', 'diagnostics', 'startedAt', 'runError', 'result', 'selectedRow', 'colorBy'] as const;
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

/** A new tab with the current query text, shown at once; the current one goes on in the background. */
export function newTab(): string {
  const id = `tab-${++counter}`;
  const tabs = useTabs.getState();
  useTabs.setState({ order: [...tabs.order, id], active: id, parked: { ...tabs.parked, [tabs.active]: snapshot() } });
  useApp.setState({ runStatus: 'idle', runningQueryId: null, queuePosition: null, diagnostics: [], startedAt: null, runError: null, result: null, selectedRow: null, colorBy: null });
  return id;
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
