import { useApp, useT } from '../state/appStore';

const STATUS_KEY = { idle: null, running: 'running', done: 'done', error: 'failed', cancelled: 'cancelled' } as const;

export function StatusBar() {
  const t = useT();
  const connection = useApp((s) => s.connection);
  const runStatus = useApp((s) => s.runStatus);
  const diagnostics = useApp((s) => s.diagnostics);
  const messages = useApp((s) => s.messages);
  const key = STATUS_KEY[runStatus];
  const last = messages[messages.length - 1];
  return (
    <footer className="status" role="status" data-testid="status">
      <span className={`conn ${connection}`}>{t(connection === 'ready' ? 'connected' : connection === 'lost' ? 'disconnected' : 'connecting')}</span>
      {key && <span data-testid="run-status" data-status={runStatus}>{t(key)}</span>}
      {diagnostics.map((d, i) => (
        <span key={i} className="error" data-testid="diagnostic">{d.line}:{d.col} {d.message}</span>
      ))}
      {!diagnostics.length && last && <span className={last.level === 'error' ? 'error' : 'muted'} data-testid="message">{last.text}</span>}
    </footer>
  );
}
