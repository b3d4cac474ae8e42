import { BjdPanel } from './BjdPanel';
import { JusoPanel } from './JusoPanel';
import { ImportPanel } from './ImportPanel';
import { InterruptedJobs } from './InterruptedJobs';
import { ModelDialog } from './ModelDialog';
import { ModelsPanel } from './ModelsPanel';
import { StoreChooser } from './StoreChooser';
import { useStore, useT } from '../state/store';

export function DataPane() {
  const t = useT();
  const store = useStore((s) => s.app.store);
  return (
    <section className="pane data-pane" aria-label={t('data')}>
      <h2>{t('data')}</h2>
      <h3>{t('store')}</h3>
      <StoreChooser />
      {store ? (
        <div data-testid="store-status">
          <p className="store-summary">
            {store.rows.toLocaleString()} {t('parcelsCount')} · {store.partitions.length} {t('partitions')}
          </p>
          <ul className="partitions">
            {store.partitions.map((p) => (
              <li key={p.key} title={p.key}>
                <span>
                  {p.sido} {p.sgg ?? ''}
                </span>
                <span className="num">{p.rows.toLocaleString()}</span>
                {p.sourceDate && (
                  <span className="muted">
                    {t('sourceDate')} {p.sourceDate}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">{t('storeEmpty')}</p>
      )}
      <InterruptedJobs />
      <ImportPanel />
      <ModelsPanel />
      <ModelDialog />
      <BjdPanel />
      <JusoPanel />
    </section>
  );
}
