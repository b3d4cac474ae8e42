import type { AddressMapping } from '../../../shared/address/addressMapping';
import type { ModelInfo, TextEncoding } from '../../../shared/api/contract';
import { dslIdent, parcelJoinQuery } from '../../../shared/dsl/dslText';
import { client } from '../hostConnection';
import { num } from '../i18n';
import { connect } from './hostMonitor';
import { runQuery } from './queryRunner';
import { newTab, updateShown } from './resultTabs';
import { DEFAULT_QUERY } from './slices/tabsSlice';
import type { ModelsSlice } from './slices/modelsSlice';
import { log, setSlice, shownTab } from './store';

export async function loadModels(): Promise<void> {
  try {
    setSlice('models', { list: await client.models() });
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_models', detail: (e as Error).message } });
  }
}

/** Uploads one file (or one shapefile set), registers it, and opens its mapping dialog. */
export async function registerModelFiles(files: File[], encoding?: TextEncoding): Promise<void> {
  setSlice('models', { busy: 'uploading', error: null });
  try {
    const { uploadId } = await client.createUpload();
    for (const file of files) await client.uploadFile(uploadId, file.name, file);
    setSlice('models', { busy: 'registering' });
    const info = await client.registerModel({ uploadId, encoding });
    log('info', { key: 'modelRegistered', params: { name: info.name, rows: num(info.rows) } });
    await Promise.all([loadModels(), connect()]);
    setSlice('models', { busy: null, open: info.name });
  } catch (e) {
    setSlice('models', { busy: null, error: (e as Error).message });
  }
}

export async function confirmMapping(name: string, mapping: AddressMapping): Promise<void> {
  await updateModel('matching', name, () => client.setModelMapping(name, mapping));
}

/** Another sheet of the model's workbook: new columns, so the catalog is read again. */
export async function changeSheet(name: string, sheet: string): Promise<void> {
  if (await updateModel('registering', name, () => client.changeModelSheet(name, sheet))) await connect();
}

/** Runs a change of one model on the host and puts the answer in its place; false on failure (shown). */
async function updateModel(busy: ModelsSlice['busy'], name: string, change: () => Promise<ModelInfo>): Promise<boolean> {
  setSlice('models', { busy, error: null });
  try {
    const info = await change();
    setSlice('models', (s) => ({ busy: null, list: s.list.map((m) => (m.name === name ? info : m)) }));
    return true;
  } catch (e) {
    setSlice('models', { busy: null, error: (e as Error).message });
    return false;
  }
}

export async function removeModel(name: string): Promise<void> {
  try {
    await client.removeModel(name);
    setSlice('models', (s) => ({ open: s.open === name ? null : s.open }));
    await Promise.all([loadModels(), connect()]);
  } catch (e) {
    setSlice('models', { error: (e as Error).message });
  }
}

export function openModel(name: string | null): void {
  setSlice('models', { open: name, error: null });
}

/** Opens the model's parcel_join query in a tab of its own and runs it: its parcels on the map. */
export async function showParcels(info: ModelInfo, keep: 'matched' | 'all' = 'matched'): Promise<void> {
  if (!info.mapping) return;
  await runInNewTab(parcelJoinQuery(info.name, info.mapping, keep), info.name);
}

/** The model's own polygons on the map. */
export async function showModel(info: ModelInfo): Promise<void> {
  await runInNewTab(`from ${dslIdent(info.name)}\n`, info.name);
}

/**
 * A new tab named after the model, so the analyst's own query is never overwritten; an untouched
 * tab (the starting query, never run) is used as it is.
 */
async function runInNewTab(dsl: string, name: string): Promise<void> {
  const s = shownTab();
  if (s.dsl === DEFAULT_QUERY && !s.result && s.runStatus === 'idle') updateShown({ dsl, tabName: name });
  else newTab({ dsl, name });
  openModel(null);
  await runQuery(dsl);
}
