import type { Expr } from './ast';
import type { ColumnType } from './catalog';
import { DATE_FORMS, parseDateLiteral } from './dateLiteral';

/**
 * How the types of DSL values meet: which compare with which, and how to write a literal so it
 * has the type the other side needs. DuckDB would cast text and numbers into each other silently
 * (or fail unlocated); the checker refuses at the place with the spelling that works.
 */
export type Kind = 'number' | 'text' | 'boolean' | 'date' | 'geometry' | 'struct' | 'opaque' | 'unknown';

/**
 * A value's type while checking: a catalog type, or 'unknown' for null and for what an earlier
 * error left untyped (both fit anywhere). A catalog column of type 'other' (a list, a time, a
 * blob) is opaque: it can be selected and tested with `is null`, nothing the checker cannot vouch for.
 */
export type ValueType = ColumnType | 'unknown';

export function kindOf(t: ValueType): Kind {
  switch (t) {
    case 'integer':
    case 'number':
      return 'number';
    case 'string':
      return 'text';
    case 'other':
      return 'opaque';
    default:
      return t;
  }
}

/** The type a result column gets in the catalog of the next step. */
export function columnTypeOf(t: ValueType): ColumnType {
  return t === 'unknown' ? 'other' : t;
}

/** The type in words, after "X is": "text", "a number", "a date". */
export function typeWords(t: ValueType): string {
  switch (t) {
    case 'string':
      return 'text';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'date':
      return 'a date';
    case 'geometry':
      return 'a geometry';
    case 'struct':
      return 'a struct';
    case 'other':
      return 'of a type queries cannot compare or compute with';
    case 'unknown':
      return 'a value';
  }
}

/** A literal's text as the user wrote it (numbers keep their digits), or null for other expressions. */
export function literalText(e: Expr): string | null {
  if (e.kind === 'number') return e.text;
  if (e.kind === 'unary' && e.op === '-' && e.operand.kind === 'number') return `-${e.operand.text}`;
  if (e.kind === 'literal') return typeof e.value === 'string' ? `'${e.value.replace(/'/g, "''")}'` : String(e.value);
  return null;
}

/** How to write literal `e` so it has type `to`: "write '1111010200'"; null when there is no such spelling. */
export function rewriteLiteral(e: Expr, to: Kind): string | null {
  const text = literalText(e);
  if (text === null || (e.kind === 'literal' && e.value === null)) return null;
  const raw = e.kind === 'literal' && typeof e.value === 'string' ? e.value : text;
  switch (to) {
    case 'text':
      return `write '${raw.replace(/'/g, "''")}'`;
    case 'number':
      return /^-?[0-9]+(\.[0-9]+)?$/.test(raw.trim()) ? `write ${raw.trim()}` : 'compare it with a number';
    case 'boolean':
      if (/^(true|1)$/i.test(raw.trim())) return 'write true';
      if (/^(false|0)$/i.test(raw.trim())) return 'write false';
      return 'compare it with true or false';
    case 'date': {
      const iso = parseDateLiteral(raw);
      return iso ? `write '${iso}'` : `write a date in quotes: ${DATE_FORMS}`;
    }
    default:
      return null;
  }
}
