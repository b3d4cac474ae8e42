import { useT } from '../state/appStore';
import { useStores } from '../state/storesRunner';
import { storeName } from './storeName';

/** The status bar's word on which store queries read, so an answer is never read against the wrong one. */
export function ActiveStoreLabel() {
  const t = useT();
  const active = useStores((s) => s.stores?.stores.find((c) => c.active));
  if (!active) return null;
  return (
    <span className="muted" data-testid="active-store" title={active.path}>
      {t('statusStore')}: {storeName(active, t)}
    </span>
  );
}
