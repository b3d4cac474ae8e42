import type { Expr } from './ast';
import { checkArgument } from './argumentCheck';
import { isNull, unify } from './compareCheck';
import { diag, type Diagnostic } from './diagnostics';
import { FUNCTIONS, paramType, REGIONS } from './functions';
import { checkRegexCall } from './regexCheck';
import type { Context, Scope } from './scope';
import { unknownName } from './suggest';
import type { ValueType } from './valueTypes';

/** f(...) over (...): an aggregate or window function, its groups and order over rows. */
export function checkWindow(scope: Scope, e: Extract<Expr, { kind: 'window' }>, context: Context): ValueType {
  const spec = FUNCTIONS[e.call.name];
  if (!scope.windows || context !== 'rows') {
    scope.out.push(
      diag(
        '`over (...)` belongs in derive or select, outside other aggregates',
        e.span,
        'error',
        'derive it first, then filter: derive r = row_number() over (...) | where r <= 3',
      ),
    );
  } else if (spec && !spec.aggregate && !spec.window) {
    scope.out.push(
      diag(
        `\`over\` follows an aggregate (sum, count, …) or a window function (row_number, rank, lag, …), not ${e.call.name}()`,
        e.call.nameSpan,
      ),
    );
  }
  for (const p of e.partition) scope.expr(p, 'rows');
  for (const o of e.order) scope.expr(o.expr, 'rows');
  return checkCall(scope, e.call, 'window');
}

/** A function call against its signature (functions.ts): where it may stand, how many arguments, of which types. */
export function checkCall(scope: Scope, e: Extract<Expr, { kind: 'call' }>, context: Context): ValueType {
  const spec = FUNCTIONS[e.name];
  if (!spec) {
    scope.out.push(unknownFunction(e));
    e.args.forEach((a) => scope.expr(a, context));
    return 'unknown';
  }
  if (spec.window && context !== 'window') {
    scope.out.push(
      diag(
        `${e.name}() numbers rows within groups: write ${e.name}(${e.args.length ? '…' : ''}) over (group sort order)`,
        e.span,
        'error',
        `e.g. ${e.name}(${e.args.length ? '…' : ''}) over (SGG_NM sort AREA_M2 desc)`,
      ),
    );
  } else if (spec.aggregate && context === 'rows') {
    scope.out.push(diag(`${e.name}() aggregates rows: use it in \`stats\``, e.nameSpan));
  } else if (spec.aggregate && context === 'aggregate') {
    scope.out.push(diag(`${e.name}() is inside another aggregate: aggregates cannot be nested`, e.nameSpan));
  }
  if (e.args.length < spec.minArgs || e.args.length > spec.maxArgs) {
    const n = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
    scope.out.push(diag(`${e.name} takes ${n} argument${spec.maxArgs === 1 ? '' : 's'}: ${spec.help}`, e.span));
  }
  // in `stats`, round(avg(x), 1): a scalar function may wrap an aggregate; an aggregate's own arguments are rows
  const inner: Context = spec.aggregate || spec.window ? 'aggregate' : context === 'window' ? 'rows' : context;
  const types = e.args.map((a) => scope.expr(a, inner));
  const paramOf = (i: number) => paramType(spec, i, e.args.length);
  if (spec.branches && e.args.length % 2 === 0 && e.args.length >= spec.minArgs)
    scope.out.push(
      diag(
        `${e.name} takes a condition and a value for each case, then one value for the rest: ${e.args.length} arguments leave the last without one`,
        e.span,
        'error',
        spec.help.split(' — ')[0],
      ),
    );
  e.args.forEach((arg, i) => {
    if (paramOf(i) !== 'same') checkArgument(scope, e.name, paramOf(i), arg, types[i]!);
  });
  if (e.name === 'matches' || e.name === 'extract') checkRegexCall(e, scope.out);
  const same = unify(
    scope,
    e.args.flatMap((arg, i) => (paramOf(i) === 'same' ? [{ expr: arg, type: types[i]! }] : [])),
  );
  if (spec.params[0] === 'same' && e.args.length && same === 'unknown' && e.args.every((a) => isNull(a))) {
    // DuckDB gives such a call its own NULL type, which later steps could not compare
    scope.out.push(diag(`${e.name}() of nothing but null is null`, e.span, 'error', 'write null, or give a column'));
  }
  if (spec.returns !== 'arg') return spec.returns;
  if (spec.params.includes('same')) return same;
  // abs(null) is still a number: the type its parameter promises
  return types[0] !== undefined && types[0] !== 'unknown'
    ? types[0]
    : spec.params[0] === 'number'
      ? 'number'
      : spec.params[0] === 'text'
        ? 'string'
        : 'unknown';
}

function unknownFunction(e: Extract<Expr, { kind: 'call' }>): Diagnostic {
  if (REGIONS[e.name]) return diag(`unknown function '${e.name}' — ${e.name}(...) belongs after \`within\``, e.nameSpan);
  const foreign = FOREIGN_FUNCTIONS[e.name.toLowerCase()];
  if (foreign) return diag(`unknown function '${e.name}'`, e.nameSpan, 'error', foreign);
  return diag(unknownName('function', e.name, Object.keys(FUNCTIONS)), e.nameSpan);
}

const DATE_HINT = "a date is text compared with a date (SOURCE_DATE >= '2024-01-01') or cast(x as date)";

/** Functions of SQL and spreadsheets whose name is not close to the one that does it here. */
const FOREIGN_FUNCTIONS: Readonly<Record<string, string>> = {
  date: DATE_HINT,
  to_date: DATE_HINT,
  strptime: DATE_HINT,
  current_date: "compare with a date written as text, e.g. SOURCE_DATE >= '2024-01-01'",
  now: "compare with a date written as text, e.g. SOURCE_DATE >= '2024-01-01'",
  today: "compare with a date written as text, e.g. SOURCE_DATE >= '2024-01-01'",
  substring: 'write substr(text, start, length)',
  mid: 'write substr(text, start, length)',
  len: 'write length(text)',
  char_length: 'write length(text)',
  ifnull: 'write coalesce(x, instead)',
  nvl: 'write coalesce(x, instead)',
  iif: 'write if(condition, a, else)',
  regexp_matches: 'write matches(text, pattern)',
  regexp_extract: 'write extract(text, pattern, group)',
  st_area: 'write area(geometry), in m²',
  st_centroid: 'write centroid(geometry)',
  st_buffer: 'write buffer(geometry, meters)',
  countif: 'write count() after where, or sum(if(condition, 1, 0))',
  sumif: 'write sum(if(condition, x, 0))',
};
