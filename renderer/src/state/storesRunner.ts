import type { StoreChoice } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { connect } from './hostMonitor';
import { loadModels } from './modelsRunner';
import { log, setSlice, slice } from './store';

export async function loadStores(): Promise<void> {
  try {
    setSlice('stores', { stores: await client.stores() });
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_stores', detail: (e as Error).message } });
  }
}

/** Switches at once, or first asks when the switch would leave match reports counted against another store. */
export async function chooseStore(choice: StoreChoice): Promise<void> {
  if (choice.invalidatesReports > 0) setSlice('stores', { confirming: choice });
  else await switchTo(choice.id);
}

export async function confirmSwitch(): Promise<void> {
  const choice = slice('stores').confirming;
  setSlice('stores', { confirming: null });
  if (choice) await switchTo(choice.id);
}

export function cancelSwitch(): void {
  setSlice('stores', { confirming: null });
}

async function switchTo(id: string): Promise<void> {
  setSlice('stores', { busy: true, error: null });
  try {
    setSlice('stores', { stores: await client.setActiveStore(id) });
    // the catalog (store summary) and the models' staleness follow the new store
    await Promise.all([connect(), loadModels()]);
  } catch (e) {
    setSlice('stores', { error: (e as Error).message });
  } finally {
    setSlice('stores', { busy: false });
  }
}

/** Lists a folder on the host (a Pilji store or the Spark layout) as a read-only store. */
export async function attachFolder(dir: string): Promise<void> {
  setSlice('stores', { busy: true, error: null });
  try {
    setSlice('stores', { stores: await client.attachStore(dir) });
  } catch (e) {
    setSlice('stores', { error: (e as Error).message });
  } finally {
    setSlice('stores', { busy: false });
  }
}

/** The last part of a host path (either separator: the host may run on Windows). */
export function folderName(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}
