import { storeName } from './storeName';
import { useStore, useT } from '../state/store';

/** The status bar's word on which store queries read, so an answer is never read against the wrong one. */
export function ActiveStoreLabel() {
  const t = useT();
  const active = useStore((s) => s.stores.stores?.stores.find((c) => c.active));
  if (!active) return null;
  return (
    <span className="muted" data-testid="active-store" title={active.path}>
      {t('statusStore')}: {storeName(active, t)}
    </span>
  );
}
