import { emptyTab, withTab, type TabState } from './slices/tabsSlice';
import { setSlice, slice, useStore } from './store';

let counter = 1;

/** A tab's state; undefined once the tab is closed. */
export function tabState(id: string): TabState | undefined {
  return slice('tabs').byId[id];
}

/**
 * Changes one tab, shown or not. Query runs use it, so a result that arrives after the user
 * switched tabs lands in its own tab.
 */
export function updateTab(id: string, patch: Partial<TabState>): void {
  useStore.setState((s) => ({ tabs: withTab(s.tabs, id, patch) }));
}

/** Changes the shown tab. */
export function updateShown(patch: Partial<TabState>): void {
  updateTab(slice('tabs').active, patch);
}

export const setDsl = (dsl: string) => updateShown({ dsl });
export const select = (row: number | null) => updateShown({ selectedRow: row });
/** Another colouring drops the legend filter, whose classes were the old colouring's. */
export const setColorBy = (column: string | null) => updateShown({ colorBy: column, legendFilter: null });

export function switchTab(id: string): void {
  if (tabState(id)) setSlice('tabs', { active: id });
}

/**
 * A new tab, shown at once (the current one goes on in the background): with the current query
 * text, or the given text and name (a model's parcels open in a tab named after the model).
 */
export function newTab(o: { dsl?: string; name?: string } = {}): string {
  const id = `tab-${++counter}`;
  setSlice('tabs', (t) => ({
    order: [...t.order, id],
    active: id,
    byId: { ...t.byId, [id]: emptyTab({ dsl: o.dsl ?? t.byId[t.active]!.dsl, tabName: o.name ?? null }) },
  }));
  return id;
}

/** Tabs saved in the workspace, in place of the ones there are (at start, before any run). */
export function restoreTabs(saved: Pick<TabState, 'dsl' | 'tabName' | 'colorBy' | 'classing' | 'lastRun'>[], active: number): string[] {
  if (!saved.length) return [];
  const ids = saved.map(() => `tab-${++counter}`);
  const shown = Math.min(Math.max(0, active), saved.length - 1);
  setSlice('tabs', { order: ids, active: ids[shown]!, byId: Object.fromEntries(ids.map((id, i) => [id, emptyTab(saved[i])])) });
  return ids;
}

/** Closes a tab (not the last); the caller cancels its query first. */
export function closeTab(id: string): void {
  setSlice('tabs', (t) => {
    if (t.order.length < 2 || !t.byId[id]) return {};
    const order = t.order.filter((x) => x !== id);
    const { [id]: _closed, ...byId } = t.byId;
    return { order, byId, active: id === t.active ? order[Math.max(0, t.order.indexOf(id) - 1)]! : t.active };
  });
}
