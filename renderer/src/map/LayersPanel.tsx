import { useApp, useT } from '../state/appStore';
import { moveLayer, pinResult, removeLayer, toggleLayer, useMapLayers } from '../state/mapLayers';

/** The map's layers, top first: the live result, then the pinned ones; show, reorder, remove. */
export function LayersPanel() {
  const t = useT();
  const result = useApp((s) => s.result);
  const { pinned, resultVisible } = useMapLayers();
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
          <li key={l.id} data-testid="layer" data-layer-id={l.id} title={l.label}>
            <label>
              <input type="checkbox" checked={l.visible} onChange={() => toggleLayer(l.id)} data-testid="layer-visible" />
              <span className="swatch" style={{ background: `rgba(${l.color[0]}, ${l.color[1]}, ${l.color[2]}, ${l.color[3] / 255})` }} />
              <span className="label">{l.label}</span>
            </label>
            <button type="button" disabled={i === 0} onClick={() => moveLayer(l.id, -1)} aria-label={t('layerUp')} data-testid="layer-up">
              ↑
            </button>
            <button
              type="button"
              disabled={i === pinned.length - 1}
              onClick={() => moveLayer(l.id, 1)}
              aria-label={t('layerDown')}
              data-testid="layer-down"
            >
              ↓
            </button>
            <button type="button" onClick={() => removeLayer(l.id)} aria-label={t('layerRemove')} data-testid="layer-remove">
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
