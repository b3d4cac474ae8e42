import type { Expr } from './ast';
import { FUNCTIONS } from './functions';

/** The columns of an expression that are read outside any aggregate. */
export function rowColumns(e: Expr): Extract<Expr, { kind: 'column' }>[] {
  if (e.kind === 'column') return [e];
  if (e.kind === 'call' && FUNCTIONS[e.name]?.aggregate) return [];
  return operands(e).flatMap(rowColumns);
}

export function containsAggregate(e: Expr): boolean {
  return (e.kind === 'call' && (FUNCTIONS[e.name]?.aggregate ?? false)) || operands(e).some(containsAggregate);
}

/** count() → count, avg(AREA_M2) → avg_AREA_M2, round(avg(AREA_M2), 1) → round_avg_AREA_M2: names users can predict. */
export function defaultAggregateName(e: Expr): string {
  if (e.kind === 'call') {
    const arg = e.args[0];
    return arg?.kind === 'column' ? `${e.name}_${arg.name}` : arg?.kind === 'call' ? `${e.name}_${defaultAggregateName(arg)}` : e.name;
  }
  return 'value';
}

/** The expressions directly inside one. */
function operands(e: Expr): Expr[] {
  switch (e.kind) {
    case 'column':
    case 'number':
    case 'literal':
      return [];
    case 'binary':
      return [e.left, e.right];
    case 'unary':
      return [e.operand];
    case 'call':
      return e.args;
    case 'list':
      return e.items;
    case 'in':
      return [e.expr, ...e.list];
    case 'isNull':
      return [e.expr];
    case 'between':
      return [e.expr, e.low, e.high];
    case 'like':
      return [e.expr, e.pattern];
    case 'window':
      return [e.call, ...e.partition, ...e.order.map((o) => o.expr)];
    case 'cast':
      return [e.expr];
  }
}
