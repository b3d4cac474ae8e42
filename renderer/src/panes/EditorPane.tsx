import type { EditorView } from '@codemirror/view';
import { useEffect, useRef, useState } from 'react';
import { createDslEditor, setEditorLabel } from '../editor/dslEditor';
import { cancelQuery, runQuery } from '../state/queryRunner';
import { loadLibrary } from '../state/libraryRunner';
import { QueryLibraryPanel } from './QueryLibraryPanel';
import { QueryTabs } from './QueryTabs';
import { useStore, useTab, useT, shownTab, slice } from '../state/store';
import { setDsl } from '../state/resultTabs';
import { shortcutKeys } from '../shortcuts';

export function EditorPane() {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const runStatus = useTab((s) => s.runStatus);
  const catalog = useStore((s) => s.app.catalog);
  const dsl = useTab((s) => s.dsl);
  const [library, setLibrary] = useState(false);

  useEffect(() => {
    view.current = createDslEditor(host.current!, shownTab().dsl, {
      getCatalog: () => slice('app').catalog,
      onChange: (text) => setDsl(text),
      onRun: (text) => void runQuery(text),
      label: t('dslEditor'),
    });
    return () => view.current?.destroy();
  }, []);

  // Text set elsewhere (a model's "show parcels") replaces the editor's; typing sets the same text back.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== dsl) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: dsl } });
  }, [dsl]);

  useEffect(() => {
    if (view.current) setEditorLabel(view.current, t('dslEditor'));
  }, [t]);

  // Re-lint once the catalog arrives: a no-op transaction makes the linter run again.
  useEffect(() => {
    view.current?.dispatch({});
  }, [catalog]);

  // a finished query is in the history now
  useEffect(() => {
    if (runStatus === 'done' && library) void loadLibrary();
  }, [runStatus, library]);

  const running = runStatus === 'running';
  return (
    <section className="pane editor-pane" aria-label={t('editor')}>
      <header>
        <h2>{t('editor')}</h2>
        <QueryTabs />
        <span className="hint">{t('runHint')}</span>
        <button type="button" aria-pressed={library} onClick={() => setLibrary(!library)} data-testid="library-toggle">
          {t('library')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={running}
          onClick={() => void runQuery(shownTab().dsl)}
          title={`${t('run')} (${shortcutKeys('run')})`}
          data-testid="run"
        >
          {running ? t('running') : t('run')}
        </button>
        <button type="button" disabled={!running} onClick={() => void cancelQuery()} data-testid="cancel">
          {t('cancel')}
        </button>
      </header>
      <div className="editor-body">
        <div className="editor" ref={host} data-testid="editor" />
        {library && <QueryLibraryPanel onClose={() => setLibrary(false)} />}
      </div>
    </section>
  );
}
