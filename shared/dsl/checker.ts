import type { Expr, Pipeline, Step } from './ast';
import { findColumn, findTable, type Catalog, type CatalogColumn } from './catalog';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { DATE_FORMS, parseDateLiteral } from './dateLiteral';
import { FUNCTIONS, INTEGER_PARAM_MAX, paramType, REGIONS, type ParamType } from './functions';
import { numberLiteralType, numericLiteral } from './numberLiteral';
import { checkAppend } from './appendCheck';
import { BBOX, coveringReplaced, staleCovering } from './bboxCovering';
import { checkJoin, type JoinSpec } from './joinCheck';
import { checkRegexCall } from './regexCheck';
import { checkParcelJoin, type ParcelJoinSpec } from './parcelJoinCheck';
import { checkSpatial, isSpatialStep, type SpatialSpec } from './spatialCheck';
import { checkSqlSource } from './sqlSource';
import { suggest } from './suggest';
import { columnTypeOf, kindOf, literalText, rewriteLiteral, typeWords, type Kind, type ValueType } from './valueTypes';

/** The pipeline with names resolved: for each step, the columns it reads and produces. */
export interface CheckedPipeline {
  pipeline: Pipeline;
  /** the table the source reads, with its exact catalog name */
  sourceTable: string | null;
  /** a `sql "..."` source's columns as the host described them; null when not described */
  sqlColumns: CatalogColumn[] | null;
  /** columns entering step i (index 0 = after the source); the last entry is the output */
  columns: CatalogColumn[][];
  mapHints: MapHints;
  /** the parcel_join steps, in pipeline order */
  joins: ParcelJoinSpec[];
  /** the join steps between the analyst's tables, in pipeline order */
  tableJoins: JoinSpec[];
  /** the pipelines of append steps, checked */
  appends: { step: number; checked: CheckedPipeline }[];
  /** the steps the host refines with the geometry engine, in pipeline order */
  spatial: SpatialSpec[];
  /** string literals compared with dates, read as these ISO dates ('2024.01.01' → 2024-01-01) */
  dates: ReadonlyMap<Expr, string>;
}

export interface MapHints {
  color?: string;
}

export interface CheckResult {
  checked: CheckedPipeline | null;
  diagnostics: Diagnostic[];
  /** columns entering each step as far as they are known, errors or not (for completion) */
  columns: CatalogColumn[][];
}

/**
 * `sqlColumns`: the columns of a `sql "..."` source, which only the engine can tell (the host
 * describes the SQL and checks again); without them the steps after it are not checked by name.
 */
export function check(pipeline: Pipeline, catalog: Catalog, sqlColumns?: CatalogColumn[]): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const mapHints: MapHints = {};
  const joins: ParcelJoinSpec[] = [];
  const tableJoins: JoinSpec[] = [];
  const appends: CheckedPipeline['appends'] = [];
  const spatial: SpatialSpec[] = [];
  const dates = new Map<Expr, string>();
  let sourceTable: string | null = null;
  let cols: CatalogColumn[] | null;

  const src = pipeline.source;
  if (src.kind === 'from') {
    const table = findTable(catalog, src.name);
    if (!table) {
      const hint = suggest(
        src.name,
        catalog.tables.map((t) => t.name),
      );
      diagnostics.push(diag(`unknown model '${src.name}'${hint ? ` — did you mean '${hint}'?` : ''}`, src.span));
      cols = null;
    } else {
      sourceTable = table.name;
      cols = table.columns;
    }
  } else {
    // hints only: the host decides from DuckDB's own parse and describes the columns
    diagnostics.push(...checkSqlSource(src.text, src.textStart, catalog));
    cols = sqlColumns ?? null;
  }

  const columns: CatalogColumn[][] = [];
  pipeline.steps.forEach((step, i) => {
    columns.push(cols ?? []);
    // Once the columns are unknown (an earlier error), later steps are not checked against them.
    if (cols && step.kind === 'parcelJoin') {
      // the host prepares parcel_join steps before spatial ones (queryService): not the other way yet
      if (spatial.length)
        diagnostics.push(
          diag(
            'parcel_join cannot follow a spatial step (within <model>, near, intersects, …) yet',
            step.span,
            'error',
            'put parcel_join first',
          ),
        );
      const joined = checkParcelJoin(step, i, cols, catalog, diagnostics);
      if (joined) joins.push(joined.spec);
      cols = joined?.columns ?? null;
    } else if (cols && step.kind === 'join') {
      const joined = checkJoin(step, i, cols, catalog, diagnostics);
      if (joined) tableJoins.push(joined.spec);
      cols = joined?.columns ?? null;
    } else if (cols && step.kind === 'append') {
      const sub = checkAppended(step, catalog, diagnostics);
      if (sub) appends.push({ step: i, checked: sub });
      cols = sub && checkAppend(step, cols, sub.columns[sub.columns.length - 1]!, diagnostics);
    } else if (cols && isSpatialStep(step)) {
      const checkedStep = checkSpatial(step, i, cols, catalog, diagnostics);
      if (checkedStep) spatial.push(checkedStep.spec);
      cols = checkedStep?.columns ?? null;
    } else cols = cols && checkStep(step, cols, diagnostics, mapHints, dates);
  });
  columns.push(cols ?? []);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return {
    checked: ok
      ? { pipeline, sourceTable, sqlColumns: sqlColumns ?? null, columns, mapHints, joins, tableJoins, appends, spatial, dates }
      : null,
    diagnostics,
    columns,
  };
}

/**
 * An appended pipeline, checked on its own: it reads a model or the store (a `sql "..."` source
 * is described by the host for the outer query only, and a parcel_join needs its own match table).
 */
function checkAppended(step: Extract<Step, { kind: 'append' }>, catalog: Catalog, out: Diagnostic[]): CheckedPipeline | null {
  const sub = step.pipeline;
  if (sub.source.kind === 'sql') {
    out.push(diag('an appended pipeline starts from a model or `parcels`', sub.source.span, 'error', 'append (from <model> | ...)'));
    return null;
  }
  const nested = sub.steps.find((s) => s.kind === 'parcelJoin');
  if (nested) {
    out.push(diag('parcel_join cannot run inside `append`', nested.span, 'error', 'append first, then parcel_join the combined rows'));
    return null;
  }
  const result = check(sub, catalog);
  out.push(...result.diagnostics);
  return result.checked;
}

function checkStep(
  step: Step,
  cols: CatalogColumn[],
  out: Diagnostic[],
  mapHints: MapHints,
  dates: Map<Expr, string>,
): CatalogColumn[] | null {
  // window functions compute a value per row, so they belong where rows keep their values
  const scope = new Scope(cols, out, dates, step.kind === 'derive' || step.kind === 'select');
  switch (step.kind) {
    case 'where':
      scope.condition(step.expr, '`where`');
      return cols;
    case 'select': {
      const result: CatalogColumn[] = [];
      for (const item of step.items) {
        const type = columnTypeOf(scope.expr(item.expr, 'rows'));
        const name = item.alias ?? (item.expr.kind === 'column' ? (scope.resolve(item.expr.name) ?? item.expr.name) : null);
        if (name === null) {
          out.push(diag('give a computed column a name: `select <expression> as name`', item.span));
          continue;
        }
        addColumn(result, { name, type }, item.span, out);
      }
      const geometry = cols.find((c) => c.type === 'geometry');
      if (geometry && !result.some((c) => c.name === geometry.name)) result.push(geometry);
      const stale = staleCovering(step, cols);
      if (stale)
        out.push(
          diag(
            '`bbox` covers the shape this step replaces: it would be stale',
            stale,
            'error',
            'leave bbox out (spatial steps need the original shape and its box)',
          ),
        );
      return result;
    }
    case 'derive': {
      const result = [...cols];
      for (const item of step.items) {
        const type = columnTypeOf(scope.expr(item.expr, 'rows'));
        const existing = result.findIndex((c) => c.name === item.name);
        if (existing >= 0) result[existing] = { name: item.name, type };
        else result.push({ name: item.name, type });
      }
      // a new shape in place of the one `bbox` covers: the box would be stale, so it goes (sqlgen drops it too)
      return coveringReplaced(step, cols) ? result.filter((c) => c.name !== BBOX) : result;
    }
    case 'sort':
      for (const item of step.items) {
        scope.expr(item.expr, 'rows');
        // SQL reads ORDER BY 2 as "the second column": a silently different order
        if (literalText(item.expr) !== null)
          out.push(diag('sort by a fixed value does not order rows', item.expr.span, 'error', 'name a column: sort AREA_M2 desc'));
      }
      return cols;
    case 'take':
    case 'sample':
      return cols;
    case 'distinct': {
      const result: CatalogColumn[] = [];
      for (const c of step.columns) {
        const name = scope.resolve(c.name);
        if (!name) scope.unknownColumn(c.name, c.span);
        else
          addColumn(
            result,
            cols.find((x) => x.name === name)!,
            c.span,
            out,
          );
      }
      return step.columns.length ? result : cols;
    }
    case 'map': {
      for (const o of step.options) {
        if (o.key !== 'color') {
          out.push(diag(`unknown map option '${o.key}' — use color=<column>`, o.keySpan));
          continue;
        }
        const name = scope.resolve(o.value);
        if (!name) scope.unknownColumn(o.value, o.valueSpan);
        else mapHints.color = name;
      }
      return cols;
    }
    case 'stats': {
      const result: CatalogColumn[] = [];
      for (const by of step.by) {
        const type = columnTypeOf(scope.expr(by, 'rows'));
        if (by.kind !== 'column') out.push(diag('`by` takes column names', by.span));
        else addColumn(result, { name: scope.resolve(by.name) ?? by.name, type }, by.span, out);
      }
      for (const item of step.aggregates) {
        const type = columnTypeOf(scope.expr(item.expr, 'stats'));
        if (!containsAggregate(item.expr)) {
          out.push(diag('stats takes aggregates such as count(), sum(x), avg(x)', item.span));
          continue;
        }
        // a column outside the aggregates has one value per group only when it is a `by` column
        const groups = new Set(step.by.flatMap((b) => (b.kind === 'column' ? [scope.resolve(b.name)] : [])));
        for (const c of rowColumns(item.expr)) {
          const name = scope.resolve(c.name);
          if (name && !groups.has(name)) {
            out.push(
              diag(
                `${name} is neither inside an aggregate nor a \`by\` column`,
                c.span,
                'error',
                `aggregate it (sum(${name}), max(${name})) or add it after \`by\``,
              ),
            );
          }
        }
        addColumn(result, { name: item.alias ?? defaultAggregateName(item.expr), type }, item.span, out);
      }
      return result;
    }
    case 'within': {
      if (!cols.some((c) => c.name === 'bbox' && c.type === 'struct')) {
        out.push(diag('`within` filters parcels by location: use it on `parcels` (or after parcel_join)', step.span));
        return cols;
      }
      const r = step.region;
      const spec = r.kind === 'call' ? REGIONS[r.name] : undefined;
      if (r.kind !== 'call' || !spec) {
        out.push(diag('`within` takes bbox(xmin, ymin, xmax, ymax), near(lon, lat, meters) or a model with shapes', r.span));
      } else if (r.args.length !== spec.args) {
        out.push(diag(`${r.name} takes ${spec.args} numbers: ${spec.help}`, r.span));
      } else {
        for (const a of r.args) if (numericLiteral(a) === null) out.push(diag('expected a number', a.span));
      }
      return cols;
    }
    case 'parcelJoin':
    case 'join':
    case 'append':
    case 'spatial':
      throw new Error(`${step.kind} is checked before checkStep`);
  }
}

/** Where an expression is: over rows, directly in `stats` (aggregates allowed), or inside an aggregate. */
type Context = 'rows' | 'stats' | 'aggregate' | 'window';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

class Scope {
  constructor(
    private readonly cols: CatalogColumn[],
    private readonly out: Diagnostic[],
    /** string literals that the checker read as dates (ISO), for the SQL generator */
    private readonly dates: Map<Expr, string>,
    /** whether `f(...) over (...)` may appear (derive and select) */
    private readonly windows: boolean,
  ) {}

  /** Exact name first, then a case-insensitive match (PNU vs pnu). */
  resolve(name: string): string | null {
    return findColumn(this.cols, name)?.name ?? null;
  }

  unknownColumn(name: string, span: Span): void {
    const hint = suggest(
      name,
      this.cols.map((c) => c.name),
    );
    this.out.push(diag(`unknown column '${name}'${hint ? ` — did you mean '${hint}'?` : ''}`, span));
  }

  /** A condition (where, and/or/not): it must be true/false. */
  condition(e: Expr, what: string, context: Context = 'rows'): void {
    const t = this.expr(e, context);
    if (kindOf(t) !== 'boolean' && kindOf(t) !== 'unknown') {
      const name = this.name(e);
      this.out.push(
        diag(
          `${what} needs a condition: ${name ?? 'this'} is ${typeWords(t)}`,
          e.span,
          'error',
          name && kindOf(t) === 'text'
            ? `compare it, e.g. ${name} == '…'`
            : name && kindOf(t) === 'number'
              ? `compare it, e.g. ${name} > 0`
              : undefined,
        ),
      );
    }
  }

  expr(e: Expr, context: Context): ValueType {
    switch (e.kind) {
      case 'column': {
        const name = this.resolve(e.name);
        if (!name) {
          this.unknownColumn(e.name, e.span);
          return 'unknown';
        }
        return this.cols.find((c) => c.name === name)!.type;
      }
      case 'number':
        return numberLiteralType(e.text);
      case 'literal':
        return e.value === null ? 'unknown' : typeof e.value === 'boolean' ? 'boolean' : 'string';
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          this.condition(e.left, `\`${e.op}\``, context);
          this.condition(e.right, `\`${e.op}\``, context);
          return 'boolean';
        }
        const l = this.expr(e.left, context);
        const r = this.expr(e.right, context);
        if (ARITHMETIC.has(e.op)) {
          this.numeric(e.left, l, 'arithmetic');
          this.numeric(e.right, r, 'arithmetic');
          return e.op === '/' ? 'number' : l === 'integer' && r === 'integer' ? 'integer' : 'number';
        }
        if ((e.op === '==' || e.op === '!=') && (isNull(e.left) || isNull(e.right))) {
          this.out.push(diag(`comparing with null is never true: write 'is ${e.op === '!=' ? 'not ' : ''}null'`, e.span));
        } else this.compare(e.left, l, e.right, r, e.span);
        return 'boolean';
      }
      case 'unary':
        if (e.op === 'not') {
          this.condition(e.operand, '`not`', context);
          return 'boolean';
        } else {
          const t = this.expr(e.operand, context);
          this.numeric(e.operand, t, 'a minus sign');
          // -null is a number to DuckDB (BIGINT), and must meet other values as one
          return kindOf(t) === 'number' ? t : 'number';
        }
      case 'call':
        return this.call(e, context);
      case 'list':
        e.items.forEach((i) => this.expr(i, context));
        this.out.push(diag('a list [...] only follows `in`', e.span, 'error', "write x in ['a', 'b']"));
        return 'unknown';
      case 'in':
        this.unify([e.expr, ...e.list].map((x) => ({ expr: x, type: this.expr(x, context) })));
        return 'boolean';
      case 'isNull':
        this.expr(e.expr, context);
        return 'boolean';
      case 'between':
        this.unify([e.expr, e.low, e.high].map((x) => ({ expr: x, type: this.expr(x, context) })));
        return 'boolean';
      case 'window':
        return this.window(e, context);
      case 'cast': {
        const t = this.expr(e.expr, context);
        const k = kindOf(t);
        if (k === 'geometry' || k === 'struct' || k === 'opaque')
          this.out.push(diag(`cast converts values, not ${typeWords(t)}`, e.expr.span));
        return e.to === 'text' ? 'string' : e.to;
      }
      case 'like': {
        const t = this.expr(e.expr, context);
        const p = this.expr(e.pattern, context);
        if (kindOf(t) !== 'text' && kindOf(t) !== 'unknown') {
          this.out.push(
            diag(
              `\`like\` matches text: ${this.name(e.expr) ?? 'this'} is ${typeWords(t)}`,
              e.expr.span,
              'error',
              kindOf(t) === 'number' ? 'compare numbers with ==, <, >= or between' : undefined,
            ),
          );
        }
        if (kindOf(p) !== 'text' && kindOf(p) !== 'unknown') {
          this.out.push(
            diag(
              `the \`like\` pattern is text, not ${typeWords(p)}`,
              e.pattern.span,
              'error',
              rewriteLiteral(e.pattern, 'text') ?? undefined,
            ),
          );
        }
        return 'boolean';
      }
    }
  }

  /** f(...) over (...): an aggregate or window function, its groups and order over rows. */
  private window(e: Extract<Expr, { kind: 'window' }>, context: Context): ValueType {
    const spec = FUNCTIONS[e.call.name];
    if (!this.windows || context !== 'rows') {
      this.out.push(
        diag(
          '`over (...)` belongs in derive or select, outside other aggregates',
          e.span,
          'error',
          'derive it first, then filter: derive r = row_number() over (...) | where r <= 3',
        ),
      );
    } else if (spec && !spec.aggregate && !spec.window) {
      this.out.push(
        diag(
          `\`over\` follows an aggregate (sum, count, …) or a window function (row_number, rank, lag, …), not ${e.call.name}()`,
          e.call.nameSpan,
        ),
      );
    }
    for (const p of e.partition) this.expr(p, 'rows');
    for (const o of e.order) this.expr(o.expr, 'rows');
    return this.call(e.call, 'window');
  }

  private call(e: Extract<Expr, { kind: 'call' }>, context: Context): ValueType {
    const spec = FUNCTIONS[e.name];
    if (!spec) {
      this.out.push(unknownFunction(e));
      e.args.forEach((a) => this.expr(a, context));
      return 'unknown';
    }
    if (spec.window && context !== 'window') {
      this.out.push(
        diag(
          `${e.name}() numbers rows within groups: write ${e.name}(${e.args.length ? '…' : ''}) over (group sort order)`,
          e.span,
          'error',
          `e.g. ${e.name}(${e.args.length ? '…' : ''}) over (SGG_NM sort AREA_M2 desc)`,
        ),
      );
    } else if (spec.aggregate && context === 'rows') {
      this.out.push(diag(`${e.name}() aggregates rows: use it in \`stats\``, e.nameSpan));
    } else if (spec.aggregate && context === 'aggregate') {
      this.out.push(diag(`${e.name}() is inside another aggregate: aggregates cannot be nested`, e.nameSpan));
    }
    if (e.args.length < spec.minArgs || e.args.length > spec.maxArgs) {
      const n = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      this.out.push(diag(`${e.name} takes ${n} argument${spec.maxArgs === 1 ? '' : 's'}: ${spec.help}`, e.span));
    }
    // in `stats`, round(avg(x), 1): a scalar function may wrap an aggregate; an aggregate's own arguments are rows
    const inner: Context = spec.aggregate || spec.window ? 'aggregate' : context === 'window' ? 'rows' : context;
    const types = e.args.map((a) => this.expr(a, inner));
    const paramOf = (i: number) => paramType(spec, i, e.args.length);
    if (spec.branches && e.args.length % 2 === 0 && e.args.length >= spec.minArgs)
      this.out.push(
        diag(
          `${e.name} takes a condition and a value for each case, then one value for the rest: ${e.args.length} arguments leave the last without one`,
          e.span,
          'error',
          spec.help.split(' — ')[0],
        ),
      );
    e.args.forEach((arg, i) => {
      if (paramOf(i) !== 'same') this.argument(e.name, paramOf(i), arg, types[i]!);
    });
    if (e.name === 'matches' || e.name === 'extract') checkRegexCall(e, this.out);
    const same = this.unify(e.args.flatMap((arg, i) => (paramOf(i) === 'same' ? [{ expr: arg, type: types[i]! }] : [])));
    if (spec.params[0] === 'same' && e.args.length && same === 'unknown' && e.args.every((a) => isNull(a))) {
      // DuckDB gives such a call its own NULL type, which later steps could not compare
      this.out.push(diag(`${e.name}() of nothing but null is null`, e.span, 'error', 'write null, or give a column'));
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

  /**
   * Values that must be of one type (x in [...], between, coalesce): each is compared with one
   * anchor, a column where there is one, so the literals are the ones rewritten. Returns the type.
   */
  private unify(items: { expr: Expr; type: ValueType }[]): ValueType {
    const known = items.filter((i) => kindOf(i.type) !== 'unknown');
    const anchor = known.find((i) => i.expr.kind === 'column') ?? known.find((i) => literalText(i.expr) === null) ?? known[0];
    if (!anchor) return 'unknown';
    for (const item of items) if (item !== anchor) this.compare(anchor.expr, anchor.type, item.expr, item.type, item.expr.span);
    // a mix of whole and decimal numbers is a decimal
    return known.some((i) => i.type === 'number') && kindOf(anchor.type) === 'number' ? 'number' : anchor.type;
  }

  /** One argument against what its function takes. */
  private argument(fn: string, param: ParamType, arg: Expr, t: ValueType): void {
    const k = kindOf(t);
    if (k === 'unknown' || param === 'any') return;
    const name = this.name(arg) ?? 'this';
    if (param === 'condition') {
      if (k !== 'boolean')
        this.out.push(
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
        this.out.push(
          diag(`${fn}() takes a date: ${name} is ${typeWords(t)}`, arg.span, 'error', rewriteLiteral(arg, 'date') ?? undefined),
        );
      return;
    }
    if (param === 'geometry') {
      if (k !== 'geometry')
        this.out.push(diag(`${fn}() takes a shape: ${name} is ${typeWords(t)}`, arg.span, 'error', `e.g. ${fn}(geometry)`));
      return;
    }
    if (param === 'comparable') {
      if (k === 'geometry' || k === 'struct' || k === 'opaque')
        this.out.push(diag(`${fn}() takes values that compare: ${name} is ${typeWords(t)}`, arg.span));
      return;
    }
    const wanted: Kind = param === 'text' ? 'text' : 'number';
    if (k !== wanted) {
      const hint =
        rewriteLiteral(arg, wanted) ??
        (k === 'date' ? "a date is not text: compare it with a date, e.g. SOURCE_DATE >= '2024-01-01'" : undefined);
      this.out.push(
        diag(
          `${fn}() takes ${param === 'text' ? 'text' : param === 'integer' ? 'a whole number' : 'a number'} here: ${name} is ${typeWords(t)}`,
          arg.span,
          'error',
          hint,
        ),
      );
    } else if (param === 'integer' && t !== 'integer') {
      this.out.push(
        diag(
          `${fn}() takes a whole number here: ${name} has decimals`,
          arg.span,
          'error',
          arg.kind === 'number' ? `write ${Math.round(Number(arg.text))}` : 'round it: round(x)',
        ),
      );
    } else if (param === 'integer' && literalText(arg) !== null && Math.abs(Number(literalText(arg))) > INTEGER_PARAM_MAX) {
      this.out.push(diag(`${fn}() takes a whole number up to ${INTEGER_PARAM_MAX} here: ${name} is larger`, arg.span));
    }
  }

  /** Arithmetic and minus work on numbers only (DuckDB would add days to dates, or refuse text unlocated). */
  private numeric(e: Expr, t: ValueType, what: string): void {
    const k = kindOf(t);
    if (k === 'number' || k === 'unknown') return;
    this.out.push(
      diag(
        `${what} needs numbers: ${this.name(e) ?? 'this'} is ${typeWords(t)}`,
        e.span,
        'error',
        rewriteLiteral(e, 'number') ?? undefined,
      ),
    );
  }

  /**
   * Two values compared (==, <, in, between, coalesce): the same kind of value, or a located
   * error saying how to write the literal side. Text compared with a date is read as a date.
   */
  private compare(a: Expr, ta: ValueType, b: Expr, tb: ValueType, span: Span): void {
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
        this.out.push(
          diag(`${this.name(x) ?? 'this'} is ${typeWords(t)}${k === 'opaque' ? '' : ': it cannot be compared'}`, x.span, 'error', hint),
        );
        return;
      }
    }
    if (ka === kb) return;
    if (ka === 'date' && kb === 'text') return this.dateOperand(b, a);
    if (kb === 'date' && ka === 'text') return this.dateOperand(a, b);
    // a literal on one side: it is the one to rewrite, in the other side's type
    const [literal, other, otherType] = literalText(b) !== null ? [b, a, ta] : literalText(a) !== null ? [a, b, tb] : [null, null, null];
    if (literal && other) {
      const name = this.name(other) ?? 'the other side';
      this.out.push(
        diag(`${name} is ${typeWords(otherType)}`, literal.span, 'error', rewriteLiteral(literal, kindOf(otherType)) ?? undefined),
      );
      return;
    }
    this.out.push(
      diag(
        `${this.name(a) ?? 'the left side'} is ${typeWords(ta)} and ${this.name(b) ?? 'this'} is ${typeWords(tb)}`,
        span,
        'error',
        'compare values of the same type',
      ),
    );
  }

  /** Text where a date is expected: a literal in one of the accepted forms is that date. */
  private dateOperand(text: Expr, date: Expr): void {
    if (text.kind === 'literal' && typeof text.value === 'string') {
      const iso = parseDateLiteral(text.value);
      if (iso) this.dates.set(text, iso);
      else this.out.push(diag(`'${text.value}' is not a date`, text.span, 'error', `write it as ${DATE_FORMS}`));
      return;
    }
    this.out.push(
      diag(
        `${this.name(text) ?? 'this'} is text and ${this.name(date) ?? 'the other side'} is a date`,
        text.span,
        'error',
        "compare a date with a date, e.g. '2024-01-01'",
      ),
    );
  }

  /** How to call an expression in a message: its column name or literal, else null. */
  private name(e: Expr): string | null {
    if (e.kind === 'column') return this.resolve(e.name) ?? e.name;
    return literalText(e);
  }
}

function unknownFunction(e: Extract<Expr, { kind: 'call' }>): Diagnostic {
  if (REGIONS[e.name]) return diag(`unknown function '${e.name}' — ${e.name}(...) belongs after \`within\``, e.nameSpan);
  const hint = suggest(e.name, Object.keys(FUNCTIONS));
  return diag(`unknown function '${e.name}'${hint ? ` — did you mean '${hint}'?` : ''}`, e.nameSpan);
}

function addColumn(result: CatalogColumn[], col: CatalogColumn, span: Span, out: Diagnostic[]): void {
  if (result.some((c) => c.name === col.name)) out.push(diag(`column '${col.name}' appears twice: rename one with \`as\``, span));
  else result.push(col);
}

function isNull(e: Expr): boolean {
  return e.kind === 'literal' && e.value === null;
}

/** The columns of an expression that are read outside any aggregate. */
function rowColumns(e: Expr): Extract<Expr, { kind: 'column' }>[] {
  if (e.kind === 'column') return [e];
  if (e.kind === 'call' && FUNCTIONS[e.name]?.aggregate) return [];
  return operands(e).flatMap(rowColumns);
}

function containsAggregate(e: Expr): boolean {
  return (e.kind === 'call' && (FUNCTIONS[e.name]?.aggregate ?? false)) || operands(e).some(containsAggregate);
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

/** count() → count, avg(AREA_M2) → avg_AREA_M2, round(avg(AREA_M2), 1) → round_avg_AREA_M2: names users can predict. */
export function defaultAggregateName(e: Expr): string {
  if (e.kind === 'call') {
    const arg = e.args[0];
    return arg?.kind === 'column' ? `${e.name}_${arg.name}` : arg?.kind === 'call' ? `${e.name}_${defaultAggregateName(arg)}` : e.name;
  }
  return 'value';
}

export { numericLiteral } from './numberLiteral';
