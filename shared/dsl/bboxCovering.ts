import type { Step } from './ast';
import { findColumn, type CatalogColumn } from './catalog';
import type { Span } from './diagnostics';

/**
 * The `bbox` column (the GeoParquet covering of the store and of models with shapes) holds the box
 * of the rows' first geometry column; spatial steps prefilter on it. A step that gives that shape a
 * new value (buffer, centroid) must not keep the old box, or a later spatial step would miss rows.
 */
export const BBOX = 'bbox';

/** The shape `bbox` covers: the first geometry column, when there is a box. */
function covered(input: readonly CatalogColumn[]): CatalogColumn | undefined {
  return input.some((c) => c.name === BBOX && c.type === 'struct') ? input.find((c) => c.type === 'geometry') : undefined;
}

/** Whether a derive gives the covered shape a new value (the box is then dropped: checker and sqlgen). */
export function coveringReplaced(step: Extract<Step, { kind: 'derive' }>, input: readonly CatalogColumn[]): boolean {
  const geometry = covered(input);
  return !!geometry && step.items.some((it) => it.name === geometry.name);
}

/** In a select that keeps `bbox` and names something else as the covered shape: where `bbox` is kept. */
export function staleCovering(step: Extract<Step, { kind: 'select' }>, input: readonly CatalogColumn[]): Span | null {
  const geometry = covered(input);
  if (!geometry) return null;
  const named = (e: Step & { kind: 'select' }, name: string) =>
    e.items.filter((it) => (it.alias ?? (it.expr.kind === 'column' ? findColumn(input, it.expr.name)?.name : null)) === name);
  const shape = named(step, geometry.name)[0];
  const replaced = shape && !(shape.expr.kind === 'column' && findColumn(input, shape.expr.name)?.name === geometry.name);
  return replaced ? (named(step, BBOX)[0]?.span ?? null) : null;
}
