import type { Table } from 'apache-arrow';
import { useMemo } from 'react';
import { useTab } from '../state/store';
import { colorScale, filteredScale, type Classing, type ColorScale } from './colorScale';

/** Scales made, per table and colouring: the map, the legend and the table share one, and a pinned layer keeps its own. */
const made = new WeakMap<Table, Map<string, ColorScale | null>>();

export function scaleOf(table: Table, column: string, classing: Classing): ColorScale | null {
  let byColoring = made.get(table);
  if (!byColoring) made.set(table, (byColoring = new Map()));
  const key = `${column}\u0000${classing.method}\u0000${classing.classes}`;
  if (!byColoring.has(key)) byColoring.set(key, colorScale(table, column, classing));
  return byColoring.get(key)!;
}

/**
 * The shown tab's colouring of its result on the map (none for a result without geometry):
 * `scale` explains every row (the legend), `drawn` is what the map and table show — the same
 * scale, or only the legend item the analyst filtered to.
 */
export function useShownScale(): { scale: ColorScale | null; drawn: ColorScale | null; filter: string | null } {
  const result = useTab((s) => s.result);
  const colorBy = useTab((s) => s.colorBy);
  const classing = useTab((s) => s.classing);
  const legendFilter = useTab((s) => s.legendFilter);
  return useMemo(() => {
    const scale = result?.geometry && colorBy ? scaleOf(result.table, colorBy, classing) : null;
    const filter = scale && legendFilter && scale.legend.some((l) => l.key === legendFilter) ? legendFilter : null;
    return { scale, drawn: scale && filter ? filteredScale(scale, filter) : scale, filter };
  }, [result, colorBy, classing, legendFilter]);
}
