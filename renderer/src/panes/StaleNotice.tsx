import { runQuery } from '../state/queryRunner';
import type { TabState } from '../state/slices/tabsSlice';
import { shownTab, useTab, useT } from '../state/store';

/**
 * Says when the result shown is not the answer to the query in the editor: the text was edited
 * since, or the last run failed or was cancelled and the table still shows the run before it.
 */
export function StaleNotice() {
  const t = useT();
  const why = useTab(staleReason);
  if (!why) return null;
  return (
    <div className="stale-notice" role="status" data-testid="stale-notice" data-reason={why}>
      <span>{t(why === 'edited' ? 'staleEdited' : why === 'failed' ? 'staleFailed' : 'staleCancelled')}</span>
      <button type="button" className="link" onClick={() => void runQuery(shownTab().dsl)}>
        {t('runAgain')}
      </button>
    </div>
  );
}

export function staleReason(s: TabState): 'failed' | 'cancelled' | 'edited' | null {
  if (!s.result || s.runStatus === 'running') return null;
  if (s.runStatus === 'error') return 'failed';
  if (s.runStatus === 'cancelled') return 'cancelled';
  return s.dsl.trim() !== s.result.dsl.trim() ? 'edited' : null;
}
