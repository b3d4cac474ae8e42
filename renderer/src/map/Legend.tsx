import type { Table } from 'apache-arrow';
import { MESSAGES, type MessageKey } from '../i18n';
import { useApp, useT } from '../state/appStore';
import type { ColorScale } from './colorScale';

/** Chooses the column the map colours by and explains the colours, with counts. */
export function Legend({ table, scale }: { table: Table; scale: ColorScale | null }) {
  const t = useT();
  const colorBy = useApp((s) => s.colorBy);
  const setColorBy = useApp((s) => s.setColorBy);
  const columns = table.schema.fields.map((f) => f.name).filter((n) => n !== 'geometry' && n !== 'bbox');
  return (
    <div className="legend" data-testid="legend">
      <label className="small">
        {t('colorBy')}{' '}
        <select value={colorBy ?? ''} onChange={(e) => setColorBy(e.target.value || null)} data-testid="color-by">
          <option value="">{t('none')}</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {scale && (
        <ul data-testid="legend-items">
          {scale.legend.map((item) => (
            <li key={item.label}>
              <span
                className="swatch"
                style={{ background: `rgba(${item.color[0]}, ${item.color[1]}, ${item.color[2]}, ${item.color[3] / 255})` }}
              />
              <span className="label">{valueLabel(scale.column, item.label, t)}</span>
              <span className="num">{item.count.toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A match_status value (matched, not_found, …) in words; other values as they are. */
function valueLabel(column: string, value: string, t: (k: MessageKey) => string): string {
  const key = `status_${value}`;
  return column === 'match_status' && key in MESSAGES.ko ? t(key as MessageKey) : value;
}
