import type { Pipeline } from './ast';
import type { Catalog, CatalogColumn } from './catalog';
import { check, type MapHints } from './checker';
import { diag, locate, type Diagnostic } from './diagnostics';
import { parse } from './parser';
import { buildPlan, type Plan } from './plan';
import { generateSql } from './sqlgen';

export interface CompileResult {
  /** null when there are errors, or a parcel_join waits for a `sql "..."` source's columns */
  sql: string | null;
  diagnostics: Diagnostic[];
  mapHints: MapHints;
  /** the relational plan the SQL was generated from */
  plan: Plan | null;
}

export interface ParsedQuery {
  /** null when the text could not be parsed (or is over MAX_DSL_CHARS) */
  pipeline: Pipeline | null;
  diagnostics: Diagnostic[];
}

export interface PlanResult {
  plan: Plan | null;
  /** located, in reading order */
  diagnostics: Diagnostic[];
  mapHints: MapHints;
}

/** A query longer than this is refused whole: no analyst writes one, and an attacker's would cost time. */
export const MAX_DSL_CHARS = 64 * 1024;
/** Past this many, one more diagnostic says how many were left out. */
export const MAX_DIAGNOSTICS = 100;

/** Lexer and parser, with the length limit; diagnostics are not yet located. */
export function parseQuery(source: string): ParsedQuery {
  if (source.length > MAX_DSL_CHARS) {
    const at = { start: MAX_DSL_CHARS, end: source.length };
    return {
      pipeline: null,
      diagnostics: [
        diag(`the query is ${source.length.toLocaleString('en')} characters long; the limit is ${MAX_DSL_CHARS.toLocaleString('en')}`, at),
      ],
    };
  }
  return parse(source);
}

/**
 * Checker → plan. `sqlColumns`: a `sql "..."` source's columns, which only the engine can tell
 * (the host describes the source before planning); without them the steps after it are not
 * checked by name, and a parcel_join after it has no plan.
 */
export function planQuery(source: string, parsed: ParsedQuery, catalog: Catalog, sqlColumns?: CatalogColumn[]): PlanResult {
  if (!parsed.pipeline) return { plan: null, diagnostics: locateCapped(source, parsed.diagnostics), mapHints: {} };
  const checked = check(parsed.pipeline, catalog, sqlColumns);
  // in reading order, whichever stage found them
  const diagnostics = locateCapped(
    source,
    [...parsed.diagnostics, ...checked.diagnostics].sort((a, b) => a.span.start - b.span.start),
  );
  if (diagnostics.some((d) => d.severity === 'error') || !checked.checked) return { plan: null, diagnostics, mapHints: {} };
  return { plan: buildPlan(checked.checked), diagnostics, mapHints: checked.checked.mapHints };
}

/** lexer → parser → checker → plan → SQL, for the editor and tools without an engine (relations keep their default names). */
export function compile(source: string, catalog: Catalog, sqlColumns?: CatalogColumn[]): CompileResult {
  const { plan, diagnostics, mapHints } = planQuery(source, parseQuery(source), catalog, sqlColumns);
  return { sql: plan ? generateSql(plan).sql : null, diagnostics, mapHints, plan };
}

/** The first MAX_DIAGNOSTICS located, and a note of how many more there were. */
function locateCapped(source: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS) return locate(source, diagnostics);
  const kept = diagnostics.slice(0, MAX_DIAGNOSTICS);
  const last = kept[kept.length - 1]!;
  return locate(source, [
    ...kept,
    diag(`${diagnostics.length - MAX_DIAGNOSTICS} more problems not shown: fix the ones above first`, last.span, last.severity),
  ]);
}
