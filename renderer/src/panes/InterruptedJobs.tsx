import { useEffect } from 'react';
import { loadInterruptedJobs, retryJob } from '../state/jobsRunner';
import { useStore, useT } from '../state/store';

/** Imports and registrations cut short by a host stop, each with a Retry. */
export function InterruptedJobs() {
  const t = useT();
  const interrupted = useStore((s) => s.jobs.interrupted);
  const connection = useStore((s) => s.app.connection);
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
