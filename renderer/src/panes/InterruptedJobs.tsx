import { useEffect } from 'react';
import { useApp, useT } from '../state/appStore';
import { loadInterruptedJobs, retryJob, useJobs } from '../state/jobsRunner';

/** Imports and registrations cut short by a host stop, each with a Retry. */
export function InterruptedJobs() {
  const t = useT();
  const interrupted = useJobs((s) => s.interrupted);
  const connection = useApp((s) => s.connection);
  useEffect(() => {
    if (connection === 'ready') void loadInterruptedJobs();
  }, [connection]);
  if (!interrupted.length) return null;
  return (
    <section className="interrupted" data-testid="interrupted-jobs">
      <h3>{t('interruptedJobs')}</h3>
      <ul>
        {interrupted.map((j) => (
          <li key={j.id} data-testid="interrupted-job" data-kind={j.kind}>
            <span title={j.error ?? ''}>
              {t(j.kind === 'import' ? 'jobImport' : 'jobModel')}: {j.label}
            </span>
            <button type="button" data-testid="retry-job" onClick={() => void retryJob(j)}>
              {t('retry')}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('interruptedHint')}</p>
    </section>
  );
}
