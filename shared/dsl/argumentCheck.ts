import type { Expr } from './ast';
import { diag } from './diagnostics';
import { INTEGER_PARAM_MAX, type ParamType } from './functions';
import type { Scope } from './scope';
import { kindOf, literalText, rewriteLiteral, typeWords, type Kind, type ValueType } from './valueTypes';

/** One argument against what its function takes ('same' parameters are unified by the call instead). */
export function checkArgument(scope: Scope, fn: string, param: ParamType, arg: Expr, t: ValueType): void {
  const k = kindOf(t);
  if (k === 'unknown' || param === 'any') return;
  const name = scope.name(arg) ?? 'this';
  if (param === 'condition') {
    if (k !== 'boolean')
      scope.out.push(
        diag(
          `${fn}() takes a condition first: ${name} is ${typeWords(t)}`,
          arg.span,
          'error',
          k === 'number' ? `compare it, e.g. ${name} > 0` : undefined,
        ),
      );
    return;
  }
  if (param === 'date') {
    if (k !== 'date')
      scope.out.push(diag(`${fn}() takes a date: ${name} is ${typeWords(t)}`, arg.span, 'error', rewriteLiteral(arg, 'date') ?? undefined));
    return;
  }
  if (param === 'geometry') {
    if (k !== 'geometry')
      scope.out.push(diag(`${fn}() takes a shape: ${name} is ${typeWords(t)}`, arg.span, 'error', `e.g. ${fn}(geometry)`));
    return;
  }
  if (param === 'comparable') {
    if (k === 'geometry' || k === 'struct' || k === 'opaque')
      scope.out.push(diag(`${fn}() takes values that compare: ${name} is ${typeWords(t)}`, arg.span));
    return;
  }
  const wanted: Kind = param === 'text' ? 'text' : 'number';
  if (k !== wanted) {
    const hint =
      rewriteLiteral(arg, wanted) ??
      (k === 'date' ? "a date is not text: compare it with a date, e.g. SOURCE_DATE >= '2024-01-01'" : undefined);
    scope.out.push(
      diag(
        `${fn}() takes ${param === 'text' ? 'text' : param === 'integer' ? 'a whole number' : 'a number'} here: ${name} is ${typeWords(t)}`,
        arg.span,
        'error',
        hint,
      ),
    );
  } else if (param === 'integer' && t !== 'integer') {
    scope.out.push(
      diag(
        `${fn}() takes a whole number here: ${name} has decimals`,
        arg.span,
        'error',
        arg.kind === 'number' ? `write ${Math.round(Number(arg.text))}` : 'round it: round(x)',
      ),
    );
  } else if (param === 'integer' && literalText(arg) !== null && Math.abs(Number(literalText(arg))) > INTEGER_PARAM_MAX) {
    scope.out.push(diag(`${fn}() takes a whole number up to ${INTEGER_PARAM_MAX} here: ${name} is larger`, arg.span));
  }
}
