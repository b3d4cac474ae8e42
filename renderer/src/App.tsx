import { useEffect } from 'react';
import { DataPane } from './panes/DataPane';
import { EditorPane } from './panes/EditorPane';
import { MapPane } from './panes/MapPane';
import { ResultsPane } from './panes/ResultsPane';
import { DropChoice } from './panes/DropChoice';
import { ShortcutHelp } from './panes/ShortcutHelp';
import { Splitter } from './panes/Splitter';
import { StatusBar } from './panes/StatusBar';
import { loadModels } from './state/modelsRunner';
import { connect, watchHost } from './state/hostMonitor';
import { routeDrop } from './state/dropRouter';
import { gridTracks } from './state/paneSizes';
import { restoreWorkspace } from './state/workspaceUi';
import { setSlice, useStore, useT } from './state/store';

export function App() {
  const t = useT();
  const lang = useStore((s) => s.settings.lang);
  const tracks = gridTracks(useStore((s) => s.settings.panes));
  useEffect(() => {
    void connect();
    void loadModels();
    let stopSaving: (() => void) | null = null;
    let gone = false;
    void restoreWorkspace().then((stop) => {
      if (gone) stop();
      else stopSaving = stop;
    });
    const stopWatching = watchHost();
    return () => {
      gone = true;
      stopSaving?.();
      stopWatching();
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <div
      className="app"
      style={{ gridTemplateColumns: tracks.columns, gridTemplateRows: tracks.rows }}
      // files dropped anywhere else on the window go where they belong, or Pilji asks
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        if (e.dataTransfer.files.length) void routeDrop([...e.dataTransfer.files]);
      }}
    >
      <header className="topbar">
        <h1>
          {t('appTitle')} <small>Pilji</small>
        </h1>
        <div className="topbar-actions">
          <ShortcutHelp />
          <button type="button" onClick={() => setSlice('settings', { lang: lang === 'ko' ? 'en' : 'ko' })}>
            {t('language')}
          </button>
        </div>
      </header>
      <DataPane />
      <Splitter split="data" />
      <EditorPane />
      <Splitter split="editor" />
      <Splitter split="middle" />
      <MapPane />
      <ResultsPane />
      <StatusBar />
      <DropChoice />
    </div>
  );
}
