import { fill, MESSAGES, num, type MessageKey } from '../i18n';
import { updateShown } from '../state/resultTabs';
import { useT } from '../state/store';
import { useShownScale } from './shownScale';

/** Says that the map and table show one legend item's rows only, with the button that shows them all again. */
export function LegendFilterNote({ testId }: { testId: string }) {
  const t = useT();
  const { scale, filter } = useShownScale();
  const item = scale?.legend.find((l) => l.key === filter);
  if (!scale || !item) return null;
  return (
    <span className="legend-filter" data-testid={testId}>
      <span>{fill(t('legendFiltered'), { label: legendLabel(scale.column, item.label, t), rows: num(item.count) })}</span>
      <button type="button" className="link" onClick={() => updateShown({ legendFilter: null })} data-testid={`${testId}-clear`}>
        {t('legendFilterClear')}
      </button>
    </span>
  );
}

/** A legend item's words: a match_status value (matched, not_found, …) from the catalogue; other values as they are. */
export function legendLabel(column: string, value: string, t: (k: MessageKey) => string): string {
  const key = `status_${value}`;
  return column === 'match_status' && key in MESSAGES.ko ? t(key as MessageKey) : value;
}
