import { useState } from 'react';
import { useApp, useT } from '../state/appStore';
import { ResultsTable } from './ResultsTable';

export function ResultsPane() {
  const t = useT();
  const result = useApp((s) => s.result);
  const [tab, setTab] = useState<'table' | 'sql'>('table');
  return (
    <section className="pane results-pane" aria-label={t('results')}>
      <header>
        <div role="tablist">
          <button role="tab" aria-selected={tab === 'table'} onClick={() => setTab('table')}>{t('results')}</button>
          <button role="tab" aria-selected={tab === 'sql'} onClick={() => setTab('sql')} data-testid="sql-tab">{t('sql')}</button>
        </div>
        {result && (
          <span className="muted" data-testid="result-summary" data-rows={result.table.numRows}>
            {result.table.numRows.toLocaleString()} {t('rows')} · {t('elapsed')} {result.elapsedMs} ms
          </span>
        )}
      </header>
      {tab === 'table' ? (
        <ResultsTable />
      ) : (
        <div className="sql">
          <button type="button" onClick={() => void navigator.clipboard.writeText(result?.sql ?? '')}>{t('copy')}</button>
          <pre data-testid="sql-text">{result?.sql ?? ''}</pre>
        </div>
      )}
    </section>
  );
}
