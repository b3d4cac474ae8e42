import { useEffect, useState } from 'react';
import { EXAMPLES } from '../../../shared/dsl/examples';
import { fill } from '../i18n';
import { deleteSavedQuery, loadLibrary, saveQuery } from '../state/libraryRunner';
import { runQuery } from '../state/queryRunner';
import { useStore, useT, shownTab } from '../state/store';
import { setDsl } from '../state/resultTabs';

type Tab = 'history' | 'saved' | 'help';

/** The workspace's query history and saved queries, and the help with runnable examples. */
export function QueryLibraryPanel({ onClose }: { onClose(): void }) {
  const t = useT();
  const lang = useStore((s) => s.settings.lang);
  const { history, saved } = useStore((s) => s.library);
  const [tab, setTab] = useState<Tab>('help');
  const [name, setName] = useState('');
  useEffect(() => void loadLibrary(), []);
  const open = (dsl: string, run: boolean) => {
    setDsl(dsl);
    if (run) void runQuery(dsl);
  };
  return (
    <div className="library" data-testid="query-library">
      {/* a tablist holds tabs only (axe: aria-required-children): the close button beside it */}
      <div className="library-head">
        <div role="tablist">
          {(['help', 'history', 'saved'] as const).map((k) => (
            <button key={k} role="tab" aria-selected={tab === k} onClick={() => setTab(k)} data-testid={`library-${k}`}>
              {t(`library_${k}`)}
            </button>
          ))}
        </div>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>
          ✕
        </button>
      </div>
      {tab === 'help' && (
        <ul className="entries">
          {EXAMPLES.map((e) => (
            <li key={e.dsl}>
              <div className="entry-head">
                <b>{e.title[lang]}</b>
                <button type="button" onClick={() => open(e.dsl, true)} data-testid="run-example">
                  {t('run')}
                </button>
              </div>
              <pre>{e.dsl}</pre>
            </li>
          ))}
          <li className="muted small">{t('helpMore')}</li>
        </ul>
      )}
      {tab === 'history' && (
        <ul className="entries" data-testid="history">
          {history.length === 0 && <li className="muted">{t('historyEmpty')}</li>}
          {history.map((h) => (
            <li key={h.at + h.dsl}>
              <button type="button" className="link" onClick={() => open(h.dsl, false)}>
                <pre>{h.dsl}</pre>
              </button>
              <span className="muted small">
                {new Date(h.at).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {tab === 'saved' && (
        <div>
          <form
            className="actions"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) void saveQuery(name.trim(), shownTab().dsl).then(() => setName(''));
            }}
          >
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('queryName')} data-testid="save-name" />
            <button type="submit" disabled={!name.trim()} data-testid="save-query">
              {t('saveCurrent')}
            </button>
          </form>
          <ul className="entries" data-testid="saved">
            {saved.length === 0 && <li className="muted">{t('savedEmpty')}</li>}
            {saved.map((s) => (
              <li key={s.name}>
                <div className="entry-head">
                  <button type="button" className="link" onClick={() => open(s.dsl, false)}>
                    <b>{s.name}</b>
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      if (window.confirm(fill(t('confirmRemoveSaved'), { name: s.name }))) void deleteSavedQuery(s.name);
                    }}
                    aria-label={`${t('remove')} ${s.name}`}
                  >
                    {t('remove')}
                  </button>
                </div>
                <pre>{s.dsl}</pre>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
