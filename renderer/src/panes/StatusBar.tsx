import { client } from '../hostConnection';
import { sayIn } from '../i18n';
import { RunElapsed } from './RunElapsed';
import { ActiveStoreLabel } from './ActiveStoreLabel';
import { useStore, useTab, useT, log } from '../state/store';

const STATUS_KEY = { idle: null, running: 'running', done: 'done', error: 'failed', cancelled: 'cancelled' } as const;

export function StatusBar() {
  const t = useT();
  const lang = useStore((s) => s.settings.lang);
  const connection = useStore((s) => s.app.connection);
  const runStatus = useTab((s) => s.runStatus);
  const diagnostics = useTab((s) => s.diagnostics);
  const messages = useStore((s) => s.app.messages);
  const queuePosition = useTab((s) => s.queuePosition);
  const key = STATUS_KEY[runStatus];
  const last = messages[messages.length - 1];
  return (
    <footer className="status" role="status" data-testid="status">
      <span className={`conn ${connection}`}>
        {t(connection === 'ready' ? 'connected' : connection === 'lost' ? 'disconnected' : 'connecting')}
      </span>
      <ActiveStoreLabel />
      {key && (
        <span data-testid="run-status" data-status={runStatus}>
          {t(key)}
        </span>
      )}
      <RunElapsed />
      {runStatus === 'running' && queuePosition !== null && (
        <span data-testid="queue-position">{t('queued').replace('{n}', String(queuePosition))}</span>
      )}
      {diagnostics.map((d, i) => (
        <span key={i} className="error" data-testid="diagnostic">
          {d.line}:{d.col} {d.message}
          {d.hint ? ` — ${d.hint}` : ''}
        </span>
      ))}
      {!diagnostics.length && last && (
        <span className={last.level === 'error' ? 'error' : 'muted'} data-testid="message">
          {sayIn(lang, last.said)}
        </span>
      )}
      <button type="button" className="link status-action" data-testid="copy-diagnostics" onClick={() => void copyDiagnostics()}>
        {t('copyDiagnostics')}
      </button>
    </footer>
  );
}

/** The host's support bundle as indented JSON on the clipboard, for a bug report. */
async function copyDiagnostics(): Promise<void> {
  try {
    const d = await client.diagnostics();
    await navigator.clipboard.writeText(
      JSON.stringify({ ...d, renderer: { userAgent: navigator.userAgent, language: navigator.language } }, null, 2),
    );
    log('info', { key: 'diagnosticsCopied' });
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_diagnostics', detail: (e as Error).message } });
  }
}
