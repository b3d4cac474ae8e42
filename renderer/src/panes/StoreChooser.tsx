import { useEffect, useState } from 'react';
import { attachFolder, cancelSwitch, chooseStore, confirmSwitch, loadStores } from '../state/storesRunner';
import { storeName } from './storeName';
import { useStore, useT } from '../state/store';

/**
 * The store queries read, chosen by the analyst: the sample, the workspace's own, attached
 * folders. A switch that would leave match reports counted against another store asks first.
 */
export function StoreChooser() {
  const t = useT();
  const connection = useStore((s) => s.app.connection);
  const { stores, confirming, busy, error } = useStore((s) => s.stores);
  const [dir, setDir] = useState('');
  useEffect(() => {
    if (connection === 'ready') void loadStores();
  }, [connection]);
  if (!stores) return null;
  return (
    <div className="store-chooser" data-testid="store-chooser">
      <p className="small">{t('storeChooser')}</p>
      <ul className="stores">
        {stores.stores.map((s) => (
          <li key={s.id} data-testid={`store-${s.kind}`} data-active={s.active} title={s.path}>
            <button
              type="button"
              className={s.active ? 'link active' : 'link'}
              disabled={s.active || busy || s.unavailable !== null}
              onClick={() => void chooseStore(s)}
              data-testid={`store-use-${s.kind}`}
            >
              {storeName(s, t)}
            </button>
            <span className="muted small">
              {s.rows !== null && ` ${s.rows.toLocaleString()} ${t('parcelsCount')}`}
              {s.readOnly && ` · ${t('storeReadOnly')}`}
              {s.active && ` · ${t('storeActive')}`}
              {s.unavailable && ` · ${t(`storeUnavailable_${s.unavailable}` as const)}`}
            </span>
          </li>
        ))}
      </ul>
      {confirming && (
        <div className="confirm" role="alertdialog" data-testid="store-confirm">
          <p>{t('storeSwitchConfirm').replace('{n}', String(confirming.invalidatesReports))}</p>
          <button type="button" onClick={() => void confirmSwitch()} data-testid="store-confirm-yes">
            {t('storeSwitch')}
          </button>
          <button type="button" onClick={cancelSwitch}>
            {t('cancel')}
          </button>
        </div>
      )}
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (dir.trim()) void attachFolder(dir.trim());
        }}
      >
        <input
          type="text"
          value={dir}
          onChange={(e) => setDir(e.target.value)}
          placeholder={t('storeAttachShort')}
          title={t('storeAttachPath')}
          aria-label={t('storeAttachPath')}
          data-testid="store-attach-path"
        />
        <button type="submit" disabled={busy || !dir.trim()}>
          {t('storeAttach')}
        </button>
      </form>
      {error && (
        <p className="error" data-testid="store-error">
          {error}
        </p>
      )}
    </div>
  );
}
