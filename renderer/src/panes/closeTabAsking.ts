import { fill, type MessageKey } from '../i18n';
import { DEFAULT_QUERY } from '../state/slices/tabsSlice';
import { cancelQuery } from '../state/queryRunner';
import { closeTab } from '../state/resultTabs';

/**
 * Closes a query tab (its × or Alt+W), asking first when it holds text the analyst wrote: the
 * text is gone with the tab. A query still running in it is cancelled.
 */
export function closeTabAsking(id: string, name: string, text: string, t: (k: MessageKey) => string): void {
  if (text.trim() && text !== DEFAULT_QUERY && !window.confirm(fill(t('confirmCloseTab'), { name }))) return;
  void cancelQuery(id);
  closeTab(id);
}
