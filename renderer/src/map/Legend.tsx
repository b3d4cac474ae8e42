import type { Table } from 'apache-arrow';
import { num } from '../i18n';
import { setColorBy, updateShown } from '../state/resultTabs';
import { useTab, useT } from '../state/store';
import { legendLabel, LegendFilterNote } from './LegendFilterNote';
import { CLASS_COUNTS, cssColor, isNumericColumn, type ColorScale, type LegendItem } from './colorScale';

/**
 * Chooses the column the map colours by — values told apart, or numbers in graduated classes
 * (quantiles or equal intervals, 3 to 7) — and explains the colours, with counts. A legend item
 * is a button: it filters the map and the table to its rows; pressed again, or 필터 해제, it
 * shows every row again.
 */
export function Legend({ table, scale }: { table: Table; scale: ColorScale | null }) {
  const t = useT();
  const colorBy = useTab((s) => s.colorBy);
  const classing = useTab((s) => s.classing);
  const filter = useTab((s) => s.legendFilter);
  const columns = table.schema.fields.map((f) => f.name).filter((n) => n !== 'geometry' && n !== 'bbox');
  const numeric = columns.filter((c) => isNumericColumn(table, c));
  const toggle = (item: LegendItem) => updateShown({ legendFilter: item.key === filter ? null : item.key });
  return (
    <div className="legend" data-testid="legend">
      <label className="small">
        {t('colorBy')}{' '}
        <select value={colorBy ?? ''} onChange={(e) => setColorBy(e.target.value || null)} data-testid="color-by">
          <option value="">{t('none')}</option>
          <optgroup label={t('colorByValues')}>
            {columns
              .filter((c) => !numeric.includes(c))
              .map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
          </optgroup>
          {numeric.length > 0 && (
            <optgroup label={t('colorByNumbers')}>
              {numeric.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {scale?.kind === 'graduated' && (
        <div className="legend-classing">
          <label className="small">
            {t('classMethod')}{' '}
            <select
              value={classing.method}
              onChange={(e) =>
                updateShown({ classing: { ...classing, method: e.target.value as 'quantile' | 'equal' }, legendFilter: null })
              }
              data-testid="class-method"
            >
              <option value="quantile">{t('classQuantile')}</option>
              <option value="equal">{t('classEqual')}</option>
            </select>
          </label>
          <label className="small">
            {t('classCount')}{' '}
            <select
              value={classing.classes}
              onChange={(e) => updateShown({ classing: { ...classing, classes: Number(e.target.value) }, legendFilter: null })}
              data-testid="class-count"
            >
              {CLASS_COUNTS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {scale && (
        <ul data-testid="legend-items" aria-label={t('legendFilterHint')} title={t('legendFilterHint')}>
          {scale.legend.map((item) => (
            <li key={item.key}>
              <button
                type="button"
                className={filter && item.key !== filter ? 'legend-item dimmed' : 'legend-item'}
                aria-pressed={item.key === filter}
                onClick={() => toggle(item)}
                data-testid="legend-item"
                data-key={item.key}
              >
                <span className="swatch" style={{ background: cssColor(item.color) }} />
                <span className="label">{legendLabel(scale.column, item.label, t)}</span>
                <span className="num">{num(item.count)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <LegendFilterNote testId="legend-filter" />
    </div>
  );
}
