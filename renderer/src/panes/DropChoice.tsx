import { chooseDrop } from '../state/dropRouter';
import { useStore, useT } from '../state/store';

/** Asks what dropped files are when Pilji cannot tell: a 연속지적도 to import, or the analyst's own data. */
export function DropChoice() {
  const t = useT();
  const { files, suggested } = useStore((s) => s.drop);
  if (!files) return null;
  return (
    <div className="dialog-backdrop" onClick={() => void chooseDrop(null)}>
      <div
        className="dialog drop-choice"
        role="dialog"
        aria-modal="true"
        aria-labelledby="drop-choice-title"
        data-testid="drop-choice"
        onClick={(e) => e.stopPropagation()}
      >
        <h3 id="drop-choice-title">{t('dropWhat')}</h3>
        <p className="muted small">{files.map((f) => f.name).join(', ')}</p>
        {suggested === 'cadastral' && <p data-testid="drop-looks-cadastral">{t('dropLooksCadastral')}</p>}
        <div className="actions">
          <button
            type="button"
            className={suggested === 'cadastral' ? 'primary' : ''}
            data-testid="drop-as-cadastral"
            autoFocus={suggested === 'cadastral'}
            onClick={() => void chooseDrop('cadastral')}
          >
            {t('dropAsCadastral')}
          </button>
          <button
            type="button"
            className={suggested === 'model' ? 'primary' : ''}
            data-testid="drop-as-model"
            onClick={() => void chooseDrop('model')}
          >
            {t('dropAsModel')}
          </button>
          <button type="button" data-testid="drop-cancel" onClick={() => void chooseDrop(null)}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
