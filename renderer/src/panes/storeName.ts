import type { StoreChoice } from '../../../shared/api/contract';
import type { MessageKey } from '../i18n';
import { folderName } from '../state/storesRunner';

/** What a store is called in the UI: the sample and the workspace's by their role, an attached one by its folder. */
export function storeName(s: Pick<StoreChoice, 'kind' | 'path'>, t: (key: MessageKey) => string): string {
  return s.kind === 'sample'
    ? t('storeSample')
    : s.kind === 'workspace'
      ? t('storeWorkspace')
      : `${t('storeAttached')}: ${folderName(s.path)}`;
}
