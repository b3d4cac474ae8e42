import { useState } from 'react';
import { client } from '../hostConnection';
import { loadModels } from '../state/modelsRunner';
import { useT, log } from '../state/store';

/**
 * A match report counted against another store (or an older version of this one): its counts
 * are not today's, so it says so, and offers to count again against the active store.
 */
export function StaleReport({ model, testId = `model-stale-${model}` }: { model: string; testId?: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const rematch = async () => {
    setBusy(true);
    try {
      await client.rematchModel(model);
      await loadModels();
    } catch (e) {
      log('error', { key: 'failedIn', params: { what: 'area_models', detail: `${model}: ${(e as Error).message}` } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="stale small" data-testid={testId}>
      {' '}
      ({t('reportStale')}){' '}
      <button type="button" className="link" disabled={busy} onClick={() => void rematch()} data-testid={`model-rematch-${model}`}>
        {t('rematch')}
      </button>
    </span>
  );
}
