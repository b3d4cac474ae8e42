import { useMemo } from 'react';
import { create } from 'zustand';
import { MESSAGES, type MessageKey, type Said } from '../i18n';
import { initialApp, withMessage, type AppSlice, type Message } from './slices/appSlice';
import { initialDrop, type DropSlice } from './slices/dropSlice';
import { initialJobs, type JobsSlice } from './slices/jobsSlice';
import { initialLayers, type LayersSlice } from './slices/layersSlice';
import { initialLibrary, type LibrarySlice } from './slices/librarySlice';
import { initialModels, type ModelsSlice } from './slices/modelsSlice';
import { initialSettings, type SettingsSlice } from './slices/settingsSlice';
import { initialStores, type StoresSlice } from './slices/storesSlice';
import { activeTab, initialTabs, type TabState, type TabsSlice } from './slices/tabsSlice';

/**
 * The renderer's one store, composed of slices: each fact lives in one slice and one place (the
 * shown tab is `tabs.byId[tabs.active]`, never a copy). Components read it through selectors;
 * the runners (queryRunner, modelsRunner, …) change it; workspaceUi saves part of it.
 */
export interface Store {
  app: AppSlice;
  settings: SettingsSlice;
  tabs: TabsSlice;
  layers: LayersSlice;
  models: ModelsSlice;
  jobs: JobsSlice;
  library: LibrarySlice;
  stores: StoresSlice;
  drop: DropSlice;
}

export const useStore = create<Store>()(() => ({
  app: initialApp(),
  settings: initialSettings(),
  tabs: initialTabs(),
  layers: initialLayers(),
  models: initialModels(),
  jobs: initialJobs(),
  library: initialLibrary(),
  stores: initialStores(),
  drop: initialDrop(),
}));

/** Changes one slice: the fields given, or what a function of the slice returns. */
export function setSlice<K extends keyof Store>(key: K, patch: Partial<Store[K]> | ((s: Store[K]) => Partial<Store[K]>)): void {
  useStore.setState((s) => ({ [key]: { ...s[key], ...(typeof patch === 'function' ? patch(s[key]) : patch) } }) as Partial<Store>);
}

/** A slice as it is now (outside React). */
export function slice<K extends keyof Store>(key: K): Store[K] {
  return useStore.getState()[key];
}

/** Something of the shown tab, re-rendering when it changes. */
export function useTab<T>(select: (tab: TabState) => T): T {
  return useStore((s) => select(activeTab(s.tabs)));
}

/** The shown tab as it is now (outside React). */
export function shownTab(): TabState {
  return activeTab(useStore.getState().tabs);
}

/** A line in the status bar. */
export function log(level: Message['level'], said: Said): void {
  setSlice('app', (a) => ({ messages: withMessage(a.messages, level, said) }));
}

export function useT(): (key: MessageKey) => string {
  const lang = useStore((s) => s.settings.lang);
  // the same function while the language stays: effects that word things depend on it
  return useMemo(() => (key: MessageKey) => MESSAGES[lang][key], [lang]);
}
