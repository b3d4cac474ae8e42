import type { Catalog, CatalogColumn } from './catalog';
import { check, type CheckedPipeline, type MapHints } from './checker';
import { diag, locate, type Diagnostic } from './diagnostics';
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

/** A query longer than this is refused whole: no analyst writes one, and an attacker's would cost time. */
export const MAX_DSL_CHARS = 64 * 1024;
/** Past this many, one more diagnostic says how many were left out. */
export const MAX_DIAGNOSTICS = 100;

/** lexer → parser → checker → SQL generator; diagnostics carry spans and line:col. */
export function compile(source: string, catalog: Catalog, sqlColumns?: CatalogColumn[]): CompileResult {
  if (source.length > MAX_DSL_CHARS) {
    const at = { start: MAX_DSL_CHARS, end: source.length };
    return { sql: null, diagnostics: locate(source, [diag(`the query is ${source.length.toLocaleString('en')} characters long; the limit is ${MAX_DSL_CHARS.toLocaleString('en')}`, at)]), mapHints: {}, checked: null };
  }
  return compileChecked(source, catalog, sqlColumns);
}

/** The first MAX_DIAGNOSTICS located, and a note of how many more there were. */
function locateCapped(source: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return locate(source, diagnostics);
  const kept = diagnostics.slice(0, MAX_DIAGNOSTICS);
  const last = kept[kept.length - 1]!;
  return locate(source, [...kept, diag(`${diagnostics.length - MAX_DIAGNOSTICS} more problems not shown: fix the ones above first`, last.span, last.severity)]);
}

function compileChecked(source: string, catalog: Catalog, sqlColumns?: CatalogColumn[]): CompileResult {
  const parsed = parse(source);
  if (!parsed.pipeline) return { sql: null, diagnostics: locateCapped(source, parsed.diagnostics), mapHints: {}, checked: null };
  const checked = check(parsed.pipeline, catalog, sqlColumns);
  // in reading order, whichever stage found them
  const diagnostics = locateCapped(source, [...parsed.diagnostics, ...checked.diagnostics].sort((a, b) => a.span.start - b.span.start));
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || !checked.checked) return { sql: null, diagnostics, mapHints: {}, checked: null };
  // a `sql "..."` source's columns come from the host (it describes the source): until then a
  // parcel_join after it cannot be planned, and there is no SQL yet
  const { joins } = checked.checked;
  if (parsed.pipeline.steps.some((s, i) => s.kind === 'parcelJoin' && !joins.some((j) => j.step === i))) {
    return { sql: null, diagnostics, mapHints: checked.checked.mapHints, checked: null };
  }
  return { sql: generateSql(checked.checked), diagnostics, mapHints: checked.checked.mapHints, checked: checked.checked };
}
