import type { Step } from './ast';
import { findColumn, type CatalogColumn } from './catalog';
import { diag, type Diagnostic } from './diagnostics';
import { kindOf, typeWords } from './valueTypes';

/**
 * Checks that an appended pipeline's columns are the input's (by name, in any order, of the same
 * kind of value); returns the columns after the append, or null after a located error.
 */
export function checkAppend(
  step: Extract<Step, { kind: 'append' }>,
  cols: CatalogColumn[],
  appended: CatalogColumn[],
  out: Diagnostic[],
): CatalogColumn[] | null {
  const at = step.pipeline.span;
  const missing = cols.filter((c) => !findColumn(appended, c.name)).map((c) => c.name);
  const extra = appended.filter((c) => !findColumn(cols, c.name)).map((c) => c.name);
  if (missing.length || extra.length) {
    const parts = [missing.length && `it lacks ${missing.join(', ')}`, extra.length && `it has ${extra.join(', ')} as well`].filter(
      Boolean,
    );
    out.push(
      diag(
        `the appended pipeline must have the same columns: ${parts.join('; ')}`,
        at,
        'error',
        'select the same columns on both sides, e.g. | select a, b',
      ),
    );
    return null;
  }
  const before = out.length;
  const columns = cols.map((c) => {
    const other = findColumn(appended, c.name)!;
    if (kindOf(other.type) !== kindOf(c.type))
      out.push(diag(`${c.name} is ${typeWords(c.type)} here and ${typeWords(other.type)} in the appended pipeline`, at));
    // whole numbers meeting decimals are decimals
    return c.type === 'integer' && other.type === 'number' ? { ...c, type: 'number' as const } : c;
  });
  return out.length > before ? null : columns;
}
