import type { Expr, Pipeline, Step } from './ast';
import { findColumn, findTable, type Catalog, type CatalogColumn, type ColumnType } from './catalog';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { FUNCTIONS, REGIONS } from './functions';
import { checkParcelJoin, type ParcelJoinSpec } from './parcelJoinCheck';
import { checkSqlSource } from './sqlSource';
import { suggest } from './suggest';

/** The pipeline with names resolved: for each step, the columns it reads and produces. */
export interface CheckedPipeline {
  pipeline: Pipeline;
  /** the table the source reads, with its exact catalog name */
  sourceTable: string | null;
  /** columns entering step i (index 0 = after the source); the last entry is the output */
  columns: CatalogColumn[][];
  mapHints: MapHints;
  /** the parcel_join steps, in pipeline order */
  joins: ParcelJoinSpec[];
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
  let sourceTable: string | null = null;
  let cols: CatalogColumn[] | null;

  const src = pipeline.source;
  if (src.kind === 'from') {
    const table = findTable(catalog, src.name);
    if (!table) {
      const hint = suggest(src.name, catalog.tables.map((t) => t.name));
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
      const joined = checkParcelJoin(step, i, cols, catalog, diagnostics);
      if (joined) joins.push(joined.spec);
      cols = joined?.columns ?? null;
    } else cols = cols && checkStep(step, cols, diagnostics, mapHints);
  });
  columns.push(cols ?? []);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { checked: ok ? { pipeline, sourceTable, columns, mapHints, joins } : null, diagnostics, columns };
}

function checkStep(
  step: Step,
  cols: CatalogColumn[],
  out: Diagnostic[],
  mapHints: MapHints,
): CatalogColumn[] | null {
  const scope = new Scope(cols, out);
  switch (step.kind) {
    case 'where':
      scope.expr(step.expr, false);
      return cols;
    case 'select': {
      const result: CatalogColumn[] = [];
      for (const item of step.items) {
        const type = scope.expr(item.expr, false);
        const name = item.alias ?? (item.expr.kind === 'column' ? scope.resolve(item.expr.name) ?? item.expr.name : null);
        if (name === null) {
          out.push(diag('give a computed column a name: `select <expression> as name`', item.span));
          continue;
        }
        addColumn(result, { name, type }, item.span, out);
      }
      const geometry = cols.find((c) => c.type === 'geometry');
      if (geometry && !result.some((c) => c.name === geometry.name)) result.push(geometry);
      return result;
    }
    case 'derive': {
      const result = [...cols];
      for (const item of step.items) {
        const type = scope.expr(item.expr, false);
        const existing = result.findIndex((c) => c.name === item.name);
        if (existing >= 0) result[existing] = { name: item.name, type };
        else result.push({ name: item.name, type });
      }
      return result;
    }
    case 'sort':
      for (const item of step.items) scope.expr(item.expr, false);
      return cols;
    case 'take':
      return cols;
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
        const type = scope.expr(by, false);
        if (by.kind !== 'column') out.push(diag('`by` takes column names', by.span));
        else addColumn(result, { name: scope.resolve(by.name) ?? by.name, type }, by.span, out);
      }
      for (const item of step.aggregates) {
        const type = scope.expr(item.expr, true);
        if (!containsAggregate(item.expr)) {
          out.push(diag('stats takes aggregates such as count(), sum(x), avg(x)', item.span));
          continue;
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
        out.push(diag('`within` takes bbox(xmin, ymin, xmax, ymax) or near(lon, lat, meters)', r.span));
      } else if (r.args.length !== spec.args) {
        out.push(diag(`${r.name} takes ${spec.args} numbers: ${spec.help}`, r.span));
      } else {
        for (const a of r.args) if (numericLiteral(a) === null) out.push(diag('expected a number', a.span));
      }
      return cols;
    }
    case 'parcelJoin':
      throw new Error('parcel_join is checked by checkParcelJoin');
  }
}

class Scope {
  constructor(
    private readonly cols: CatalogColumn[],
    private readonly out: Diagnostic[],
  ) {}

  /** Exact name first, then a case-insensitive match (PNU vs pnu). */
  resolve(name: string): string | null {
    return findColumn(this.cols, name)?.name ?? null;
  }

  unknownColumn(name: string, span: Span): void {
    const hint = suggest(name, this.cols.map((c) => c.name));
    this.out.push(diag(`unknown column '${name}'${hint ? ` — did you mean '${hint}'?` : ''}`, span));
  }

  expr(e: Expr, aggregateAllowed: boolean): ColumnType {
    switch (e.kind) {
      case 'column': {
        const name = this.resolve(e.name);
        if (!name) {
          this.unknownColumn(e.name, e.span);
          return 'other';
        }
        return this.cols.find((c) => c.name === name)!.type;
      }
      case 'literal':
        return e.value === null ? 'other' : typeof e.value === 'number' ? 'number' : typeof e.value === 'boolean' ? 'boolean' : 'string';
      case 'binary': {
        const l = this.expr(e.left, aggregateAllowed);
        const r = this.expr(e.right, aggregateAllowed);
        if ((e.op === '==' || e.op === '!=') && (isNull(e.left) || isNull(e.right))) {
          this.out.push(diag(`comparing with null is never true: write 'is ${e.op === '!=' ? 'not ' : ''}null'`, e.span));
        }
        if (['+', '-', '*', '/', '%'].includes(e.op)) {
          for (const [t, side] of [[l, e.left], [r, e.right]] as const) {
            if (t === 'string' || t === 'geometry' || t === 'boolean') this.out.push(diag(`arithmetic needs numbers, this is ${t}`, side.span));
          }
          return e.op === '/' ? 'number' : l === 'integer' && r === 'integer' ? 'integer' : 'number';
        }
        return 'boolean';
      }
      case 'unary':
        return e.op === 'not' ? (this.expr(e.operand, aggregateAllowed), 'boolean') : this.expr(e.operand, aggregateAllowed);
      case 'call': {
        const spec = FUNCTIONS[e.name];
        if (!spec) {
          const hint = REGIONS[e.name] ? null : suggest(e.name, Object.keys(FUNCTIONS));
          const where = REGIONS[e.name] ? ` — ${e.name}(...) belongs after \`within\`` : hint ? ` — did you mean '${hint}'?` : '';
          this.out.push(diag(`unknown function '${e.name}'${where}`, e.nameSpan));
          e.args.forEach((a) => this.expr(a, aggregateAllowed));
          return 'other';
        }
        if (spec.aggregate && !aggregateAllowed) {
          this.out.push(diag(`${e.name}() aggregates rows: use it in \`stats\``, e.nameSpan));
        }
        if (e.args.length < spec.minArgs || e.args.length > spec.maxArgs) {
          const n = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
          this.out.push(diag(`${e.name} takes ${n} argument${spec.maxArgs === 1 ? '' : 's'}: ${spec.help}`, e.span));
        }
        const argTypes = e.args.map((a) => this.expr(a, false));
        return spec.returns === 'arg' ? argTypes[0] ?? 'other' : spec.returns;
      }
      case 'list':
        e.items.forEach((i) => this.expr(i, aggregateAllowed));
        return 'other';
      case 'in':
        this.expr(e.expr, aggregateAllowed);
        e.list.forEach((i) => this.expr(i, aggregateAllowed));
        return 'boolean';
      case 'isNull':
        this.expr(e.expr, aggregateAllowed);
        return 'boolean';
      case 'between':
        [e.expr, e.low, e.high].forEach((x) => this.expr(x, aggregateAllowed));
        return 'boolean';
      case 'like':
        this.expr(e.expr, aggregateAllowed);
        this.expr(e.pattern, aggregateAllowed);
        return 'boolean';
    }
  }
}

function addColumn(result: CatalogColumn[], col: CatalogColumn, span: Span, out: Diagnostic[]): void {
  if (result.some((c) => c.name === col.name)) out.push(diag(`column '${col.name}' appears twice: rename one with \`as\``, span));
  else result.push(col);
}

function isNull(e: Expr): boolean {
  return e.kind === 'literal' && e.value === null;
}

function containsAggregate(e: Expr): boolean {
  if (e.kind === 'call') return (FUNCTIONS[e.name]?.aggregate ?? false) || e.args.some(containsAggregate);
  if (e.kind === 'binary') return containsAggregate(e.left) || containsAggregate(e.right);
  if (e.kind === 'unary') return containsAggregate(e.operand);
  return false;
}

/** count() → count, avg(AREA_M2) → avg_AREA_M2: predictable names users can refer to later. */
export function defaultAggregateName(e: Expr): string {
  if (e.kind === 'call') {
    const arg = e.args[0];
    return arg?.kind === 'column' ? `${e.name}_${arg.name}` : e.name;
  }
  return 'value';
}

export function numericLiteral(e: Expr): number | null {
  if (e.kind === 'literal' && typeof e.value === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-') {
    const v = numericLiteral(e.operand);
    return v === null ? null : -v;
  }
  return null;
}
