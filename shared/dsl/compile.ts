import type { Catalog, CatalogColumn } from './catalog';
import { check, type CheckedPipeline, type MapHints } from './checker';
import { locate, type Diagnostic } from './diagnostics';
import { parse } from './parser';
import { generateSql } from './sqlgen';

export interface CompileResult {
  /** null when there are errors */
  sql: string | null;
  diagnostics: Diagnostic[];
  mapHints: MapHints;
  /** the checked pipeline, for a host that must prepare parcel_join steps and regenerate */
  checked: CheckedPipeline | null;
}

/** lexer → parser → checker → SQL generator; diagnostics carry spans and line:col. */
export function compile(source: string, catalog: Catalog, sqlColumns?: CatalogColumn[]): CompileResult {
  const parsed = parse(source);
  if (!parsed.pipeline) return { sql: null, diagnostics: locate(source, parsed.diagnostics), mapHints: {}, checked: null };
  const checked = check(parsed.pipeline, catalog, sqlColumns);
  // in reading order, whichever stage found them
  const diagnostics = locate(source, [...parsed.diagnostics, ...checked.diagnostics].sort((a, b) => a.span.start - b.span.start));
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || !checked.checked) return { sql: null, diagnostics, mapHints: {}, checked: null };
  return { sql: generateSql(checked.checked), diagnostics, mapHints: checked.checked.mapHints, checked: checked.checked };
}
