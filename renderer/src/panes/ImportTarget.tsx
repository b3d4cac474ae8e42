import { useEffect } from 'react';
import type { ImportResult } from '../../../shared/api/contract';
import { loadModels } from '../state/modelsRunner';
import { chooseStore, loadStores } from '../state/storesRunner';
import { storeName } from './storeName';
import { useStore, useT } from '../state/store';

/** Where an import goes, said before it starts: always the workspace's own store. */
export function ImportTarget() {
  const t = useT();
  const target = useStore((s) => s.stores.stores?.importTarget);
  if (!target) return null;
  return (
    <p className="muted small" data-testid="import-target" title={target.path}>
      {t('importInto')}: {storeName({ kind: 'workspace', path: target.path }, t)}
    </p>
  );
}

/**
 * After an import into a store that is not the active one: the host did not switch, so the new
 * parcels are not read yet; the analyst is offered the switch (which asks first if it makes
 * match reports stale).
 */
export function ImportSwitchOffer({ result }: { result: ImportResult }) {
  const t = useT();
  const stores = useStore((s) => s.stores.stores);
  useEffect(() => {
    // the workspace's store has new parcels: a new version, which makes reports against the old one stale
    void loadStores();
    void loadModels();
  }, [result]);
  const target = stores?.stores.find((s) => s.id === result.store.id);
  if (result.activated || !target || target.active) return null;
  return (
    <div className="import-offer" data-testid="import-offer">
      <p className="muted small">{t('importOtherActive')}</p>
      <button type="button" onClick={() => void chooseStore(target)} data-testid="import-switch">
        {t('importSwitchOffer')}
      </button>
    </div>
  );
}
