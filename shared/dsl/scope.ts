import type { Expr } from './ast';
import type { CatalogColumn } from './catalog';
import type { Diagnostic, Span } from './diagnostics';
import type { ValueType } from './valueTypes';

/** Where an expression is: over rows, directly in `stats` (aggregates allowed), or inside an aggregate. */
export type Context = 'rows' | 'stats' | 'aggregate' | 'window';

/**
 * The columns entering one step and what checking its expressions found: what the checks of
 * calls, comparisons and steps share (exprCheck.ts implements it; the interface keeps them acyclic).
 */
export interface Scope {
  readonly cols: CatalogColumn[];
  readonly out: Diagnostic[];
  /** string literals that the checker read as dates (ISO), for the SQL generator */
  readonly dates: Map<Expr, string>;
  /** whether `f(...) over (...)` may appear (derive and select) */
  readonly windows: boolean;
  /** Exact name first, then a case-insensitive match (PNU vs pnu). */
  resolve(name: string): string | null;
  unknownColumn(name: string, span: Span): void;
  /** A condition (where, and/or/not): it must be true/false. */
  condition(e: Expr, what: string, context?: Context): void;
  /** The expression's type, with a located diagnostic for each mistake in it. */
  expr(e: Expr, context: Context): ValueType;
  /** How to call an expression in a message: its column name or literal, else null. */
  name(e: Expr): string | null;
}
