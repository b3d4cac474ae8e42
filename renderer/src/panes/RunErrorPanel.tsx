import type { Diagnostic } from '../../../shared/dsl/diagnostics';
import { dslIdent } from '../../../shared/dsl/dslText';
import { fill, sayIn } from '../i18n';
import { useStore, useTab, useT } from '../state/store';
import { setDsl } from '../state/resultTabs';

/**
 * A failed run, where the results would be: each error's place (line, column), the line of the
 * query with the faulty part underlined, and what to do about it in one click — the suggested
 * name, or for an unknown model the models that exist.
 */
export function RunErrorPanel() {
  const t = useT();
  const runError = useTab((s) => s.runError);
  const diagnostics = useTab((s) => s.diagnostics);
  const lang = useStore((s) => s.settings.lang);
  if (!runError) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return (
    <div className="run-error" role="alert" data-testid="run-error">
      <strong>{t('runFailed')}</strong>
      {errors.length ? (
        errors.map((d, i) => <DiagnosticView key={i} d={d} dsl={runError.dsl} />)
      ) : (
        <p className="message">{runError.message ? sayIn(lang, runError.message) : t('queryLostHost')}</p>
      )}
    </div>
  );
}

function DiagnosticView({ d, dsl }: { d: Diagnostic; dsl: string }) {
  const t = useT();
  const current = useTab((s) => s.dsl);
  const catalog = useStore((s) => s.app.catalog);
  // the name the message quotes, where it is inside the span (`from x` spans the keyword too)
  const bad = /'([^']+)'/.exec(d.message)?.[1];
  const at = bad ? dsl.slice(d.span.start, d.span.end).lastIndexOf(bad) : -1;
  const [start, end] = at >= 0 ? [d.span.start + at, d.span.start + at + bad!.length] : [d.span.start, d.span.end];
  const line = d.line ?? 1;
  const col = (d.col ?? 1) + Math.max(0, at);
  const text = dsl.split('\n')[line - 1] ?? '';
  const width = Math.max(1, Math.min(end - start, text.length - col + 1));
  // the span points into the text that ran: a fix applies only while the editor still holds it
  const fixable = current === dsl;
  const replace = (by: string) => setDsl(dsl.slice(0, start) + by + dsl.slice(end));
  const hint = /did you mean '([^']+)'\?/.exec(d.message)?.[1];
  const models = d.message.startsWith('unknown model') ? (catalog?.tables ?? []).filter((m) => m.kind === 'model').map((m) => m.name) : [];
  return (
    <div className="diagnostic" data-testid="run-error-diagnostic">
      <p className="message">
        <span className="where">{fill(t('errorAt'), { line, col })}</span> {d.message}
      </p>
      <pre className="source" data-testid="run-error-source">
        <span className="gutter">{line}</span>
        {text}
        {'\n'}
        <span className="gutter" />
        {' '.repeat(col - 1)}
        <span className="caret">{'^'.repeat(width)}</span>
      </pre>
      {fixable && hint && (
        <button type="button" onClick={() => replace(hint)} data-testid="apply-hint">
          {fill(t('applyHint'), { hint })}
        </button>
      )}
      {models.length > 0 && (
        <p className="known-models" data-testid="known-models">
          {t('knownModels')}{' '}
          {models.map((m) => (
            <button key={m} type="button" className="link" disabled={!fixable} onClick={() => replace(dslIdent(m))}>
              {m}
            </button>
          ))}
        </p>
      )}
      {d.message.startsWith('unknown model') && !models.length && <p className="muted">{t('modelsEmpty')}</p>}
    </div>
  );
}
