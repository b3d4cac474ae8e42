import type { Expr } from './ast';
import { DATE_FORMS, parseDateLiteral } from './dateLiteral';
import { diag, type Span } from './diagnostics';
import type { Scope } from './scope';
import { kindOf, literalText, rewriteLiteral, typeWords, type ValueType } from './valueTypes';

/**
 * Values that must be of one type (x in [...], between, coalesce): each is compared with one
 * anchor, a column where there is one, so the literals are the ones rewritten. Returns the type.
 */
export function unify(scope: Scope, items: { expr: Expr; type: ValueType }[]): ValueType {
  const known = items.filter((i) => kindOf(i.type) !== 'unknown');
  const anchor = known.find((i) => i.expr.kind === 'column') ?? known.find((i) => literalText(i.expr) === null) ?? known[0];
  if (!anchor) return 'unknown';
  for (const item of items) if (item !== anchor) compare(scope, anchor.expr, anchor.type, item.expr, item.type, item.expr.span);
  // a mix of whole and decimal numbers is a decimal
  return known.some((i) => i.type === 'number') && kindOf(anchor.type) === 'number' ? 'number' : anchor.type;
}

/**
 * Two values compared (==, <, in, between, coalesce): the same kind of value, or a located
 * error saying how to write the literal side. Text compared with a date is read as a date.
 */
export function compare(scope: Scope, a: Expr, ta: ValueType, b: Expr, tb: ValueType, span: Span): void {
  const ka = kindOf(ta);
  const kb = kindOf(tb);
  if (ka === 'unknown' || kb === 'unknown') return;
  for (const [x, k, t] of [
    [a, ka, ta],
    [b, kb, tb],
  ] as const) {
    if (k === 'geometry' || k === 'struct' || k === 'opaque') {
      const hint =
        k === 'geometry' ? 'filter by location with `within`' : k === 'opaque' ? 'select it, or test it with `is null`' : undefined;
      scope.out.push(
        diag(`${scope.name(x) ?? 'this'} is ${typeWords(t)}${k === 'opaque' ? '' : ': it cannot be compared'}`, x.span, 'error', hint),
      );
      return;
    }
  }
  if (ka === kb) return;
  if (ka === 'date' && kb === 'text') return dateOperand(scope, b, a);
  if (kb === 'date' && ka === 'text') return dateOperand(scope, a, b);
  // a literal on one side: it is the one to rewrite, in the other side's type
  const [literal, other, otherType] = literalText(b) !== null ? [b, a, ta] : literalText(a) !== null ? [a, b, tb] : [null, null, null];
  if (literal && other) {
    const name = scope.name(other) ?? 'the other side';
    scope.out.push(
      diag(`${name} is ${typeWords(otherType)}`, literal.span, 'error', rewriteLiteral(literal, kindOf(otherType)) ?? undefined),
    );
    return;
  }
  scope.out.push(
    diag(
      `${scope.name(a) ?? 'the left side'} is ${typeWords(ta)} and ${scope.name(b) ?? 'this'} is ${typeWords(tb)}`,
      span,
      'error',
      'compare values of the same type',
    ),
  );
}

/** Text where a date is expected: a literal in one of the accepted forms is that date. */
function dateOperand(scope: Scope, text: Expr, date: Expr): void {
  if (text.kind === 'literal' && typeof text.value === 'string') {
    const iso = parseDateLiteral(text.value);
    if (iso) scope.dates.set(text, iso);
    else scope.out.push(diag(`'${text.value}' is not a date`, text.span, 'error', `write it as ${DATE_FORMS}`));
    return;
  }
  scope.out.push(
    diag(
      `${scope.name(text) ?? 'this'} is text and ${scope.name(date) ?? 'the other side'} is a date`,
      text.span,
      'error',
      "compare a date with a date, e.g. '2024-01-01'",
    ),
  );
}

export function isNull(e: Expr): boolean {
  return e.kind === 'literal' && e.value === null;
}
