import { pinResult, toggleLayer } from '../state/mapLayers';
import { PinnedLayerItem } from './PinnedLayerItem';
import { useStore, useTab, useT } from '../state/store';

/** The map's layers, top first: the live result, then the pinned ones; show, rename, reorder, remove. */
export function LayersPanel() {
  const t = useT();
  const result = useTab((s) => s.result);
  const { pinned, resultVisible } = useStore((s) => s.layers);
  if (!result?.geometry && !pinned.length) return null;
  return (
    <div className="layers" data-testid="layers">
      <div className="layers-head">
        <strong>{t('layers')}</strong>
        {result?.geometry && (
          <button type="button" className="link" data-testid="pin-result" onClick={pinResult}>
            {t('pinResult')}
          </button>
        )}
      </div>
      <ul>
        {result?.geometry && (
          <li data-testid="layer" data-layer-id="result">
            <label>
              <input type="checkbox" checked={resultVisible} onChange={() => toggleLayer('result')} /> {t('currentResult')}
            </label>
          </li>
        )}
        {pinned.map((l, i) => (
          <PinnedLayerItem key={l.id} layer={l} first={i === 0} last={i === pinned.length - 1} />
        ))}
      </ul>
    </div>
  );
}
