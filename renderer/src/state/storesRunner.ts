import { create } from 'zustand';
import type { StoreChoice, StoresResponse } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { useApp } from './appStore';
import { connect } from './hostMonitor';
import { loadModels } from './modelsRunner';

interface StoresState {
  stores: StoresResponse | null;
  /** a switch waiting for the analyst's yes, because it would make match reports stale */
  confirming: StoreChoice | null;
  busy: boolean;
  error: string | null;
}

export const useStores = create<StoresState>(() => ({ stores: null, confirming: null, busy: false, error: null }));

export async function loadStores(): Promise<void> {
  try {
    useStores.setState({ stores: await client.stores() });
  } catch (e) {
    useApp.getState().log('error', { key: 'failedIn', params: { what: 'area_stores', detail: (e as Error).message } });
  }
}

/** Switches at once, or first asks when the switch would leave match reports counted against another store. */
export async function chooseStore(choice: StoreChoice): Promise<void> {
  if (choice.invalidatesReports > 0) useStores.setState({ confirming: choice });
  else await switchTo(choice.id);
}

export async function confirmSwitch(): Promise<void> {
  const choice = useStores.getState().confirming;
  useStores.setState({ confirming: null });
  if (choice) await switchTo(choice.id);
}

export function cancelSwitch(): void {
  useStores.setState({ confirming: null });
}

async function switchTo(id: string): Promise<void> {
  useStores.setState({ busy: true, error: null });
  try {
    useStores.setState({ stores: await client.setActiveStore(id) });
    // the catalog (store summary) and the models' staleness follow the new store
    await Promise.all([connect(), loadModels()]);
  } catch (e) {
    useStores.setState({ error: (e as Error).message });
  } finally {
    useStores.setState({ busy: false });
  }
}

/** Lists a folder on the host (a Pilji store or the Spark layout) as a read-only store. */
export async function attachFolder(dir: string): Promise<void> {
  useStores.setState({ busy: true, error: null });
  try {
    useStores.setState({ stores: await client.attachStore(dir) });
  } catch (e) {
    useStores.setState({ error: (e as Error).message });
  } finally {
    useStores.setState({ busy: false });
  }
}

/** The last part of a host path (either separator: the host may run on Windows). */
export function folderName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}
