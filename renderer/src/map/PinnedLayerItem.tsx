import { useState } from 'react';
import { fill } from '../i18n';
import { moveLayer, removeLayer, renameLayer, toggleLayer } from '../state/mapLayers';
import type { PinnedLayer } from '../state/slices/layersSlice';
import { useT } from '../state/store';
import { cssColor } from './colorScale';
import { pinnedScale } from './pinnedStyle';

/** ↑ / ↓ drawn, not typed: the arrow glyphs of the Korean fonts are hairlines, which the analyst could not see. */
function Arrow({ down }: { down: boolean }) {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      <path
        d={down ? 'M6 1.5v8.5M2 6.5l4 4 4-4' : 'M6 10.5V2M2 5.5l4-4 4 4'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * One pinned layer in the layers panel: shown or hidden, its colours (the column's classes when
 * pinned coloured), renamed in place (Enter keeps, Escape drops), moved up or down, removed.
 */
export function PinnedLayerItem({ layer: l, first, last }: { layer: PinnedLayer; first: boolean; last: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const scale = pinnedScale(l);
  const colors = scale ? scale.legend.map((i) => cssColor(i.color)) : [cssColor(l.color)];
  const swatch = colors.length > 1 ? `linear-gradient(to right, ${colors.join(', ')})` : colors[0]!;
  const done = (keep: boolean) => {
    if (keep && editing !== null) renameLayer(l.id, editing);
    setEditing(null);
  };
  return (
    <li
      data-testid="layer"
      data-layer-id={l.id}
      title={scale ? `${l.label} · ${fill(t('layerColoredBy'), { column: scale.column })}` : l.label}
    >
      {editing === null ? (
        <label>
          <input type="checkbox" checked={l.visible} onChange={() => toggleLayer(l.id)} data-testid="layer-visible" />
          <span className="swatch" style={{ background: swatch }} data-testid="layer-swatch" />
          <span className="label" data-testid="layer-label">
            {l.label}
          </span>
        </label>
      ) : (
        <input
          className="layer-name"
          value={editing}
          autoFocus
          aria-label={t('layerName')}
          onChange={(e) => setEditing(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') done(true);
            if (e.key === 'Escape') done(false);
          }}
          onBlur={() => done(true)}
          data-testid="layer-name"
        />
      )}
      <button
        type="button"
        onClick={() => setEditing(l.label)}
        aria-label={t('layerRename')}
        title={t('layerRename')}
        data-testid="layer-rename"
      >
        <span aria-hidden="true">✎</span>
      </button>
      <button
        type="button"
        disabled={first}
        onClick={() => moveLayer(l.id, -1)}
        aria-label={t('layerUp')}
        title={t('layerUp')}
        data-testid="layer-up"
      >
        <Arrow down={false} />
      </button>
      <button
        type="button"
        disabled={last}
        onClick={() => moveLayer(l.id, 1)}
        aria-label={t('layerDown')}
        title={t('layerDown')}
        data-testid="layer-down"
      >
        <Arrow down />
      </button>
      <button
        type="button"
        onClick={() => removeLayer(l.id)}
        aria-label={t('layerRemove')}
        title={t('layerRemove')}
        data-testid="layer-remove"
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}
