import type { QueryLibrary } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { log, setSlice } from './store';

const apply = (lib: QueryLibrary) => setSlice('library', lib);
const report = (e: unknown) => log('error', { key: 'failedIn', params: { what: 'area_queries', detail: (e as Error).message } });

export function loadLibrary(): Promise<void> {
  return client.queryLibrary().then(apply, report);
}

export function saveQuery(name: string, dsl: string): Promise<void> {
  return client.saveQuery(name, dsl).then(apply, report);
}

export function deleteSavedQuery(name: string): Promise<void> {
  return client.deleteSavedQuery(name).then(apply, report);
}
