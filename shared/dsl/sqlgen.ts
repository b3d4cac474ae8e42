import type { Expr, Step } from './ast';
import type { CatalogColumn } from './catalog';
import type { CheckedPipeline } from './checker';
import { defaultAggregateName, numericLiteral } from './checker';
import { FUNCTIONS } from './functions';

/**
 * Generates one DuckDB statement: a CTE per pipeline step, so the SQL reads in the same order as
 * the pipeline. DuckDB inlines single-use CTEs, so filters still reach the Parquet scan.
 * Identifiers are always quoted and literals escaped; nothing else reaches the SQL text.
 */
export function generateSql(checked: CheckedPipeline): string {
  const { pipeline, sourceTable } = checked;
  const ctes: string[] = [];
  let prev = quoteIdent(sourceTable ?? '');
  pipeline.steps.forEach((step, i) => {
    const name = `__step${i + 1}`;
    ctes.push(`${quoteIdent(name)} AS (\n  ${stepSql(step, prev, checked.columns[i]!)}\n)`);
    prev = quoteIdent(name);
  });
  const body = `SELECT * FROM ${prev}`;
  return ctes.length ? `WITH\n${ctes.join(',\n')}\n${body}` : body;
}

function stepSql(step: Step, from: string, input: CatalogColumn[]): string {
  const col = (name: string) => quoteIdent(resolve(input, name));
  const e = (x: Expr) => exprSql(x, col);
  switch (step.kind) {
    case 'where':
      return `SELECT * FROM ${from} WHERE ${e(step.expr)}`;
    case 'select': {
      const items = step.items.map((it) => {
        const name = it.alias ?? (it.expr.kind === 'column' ? resolve(input, it.expr.name) : '');
        const sql = e(it.expr);
        return sql === quoteIdent(name) ? sql : `${sql} AS ${quoteIdent(name)}`;
      });
      const names = new Set(step.items.map((it) => it.alias ?? (it.expr.kind === 'column' ? resolve(input, it.expr.name) : '')));
      const geometry = input.find((c) => c.type === 'geometry');
      if (geometry && !names.has(geometry.name)) items.push(quoteIdent(geometry.name));
      return `SELECT ${items.join(', ')} FROM ${from}`;
    }
    case 'derive': {
      const replaced = step.items.filter((it) => input.some((c) => c.name === it.name)).map((it) => `${e(it.expr)} AS ${quoteIdent(it.name)}`);
      const added = step.items.filter((it) => !input.some((c) => c.name === it.name)).map((it) => `${e(it.expr)} AS ${quoteIdent(it.name)}`);
      const star = replaced.length ? `* REPLACE (${replaced.join(', ')})` : '*';
      return `SELECT ${[star, ...added].join(', ')} FROM ${from}`;
    }
    case 'sort':
      return `SELECT * FROM ${from} ORDER BY ${step.items.map((it) => `${e(it.expr)} ${it.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`;
    case 'take':
      return `SELECT * FROM ${from} LIMIT ${step.count}${step.offset ? ` OFFSET ${step.offset}` : ''}`;
    case 'map':
      return `SELECT * FROM ${from}`;
    case 'stats': {
      const by = step.by.map((b) => e(b));
      const aggs = step.aggregates.map((a) => `${e(a.expr)} AS ${quoteIdent(a.alias ?? defaultAggregateName(a.expr))}`);
      const group = by.length ? ` GROUP BY ${by.join(', ')} ORDER BY ${by.join(', ')}` : '';
      return `SELECT ${[...by, ...aggs].join(', ')} FROM ${from}${group}`;
    }
    case 'within':
      return `SELECT * FROM ${from} WHERE ${regionSql(step.region)}`;
    case 'parcelJoin':
      throw new Error('parcel_join is rejected by the checker');
  }
}

/** Uses the bbox covering column so Parquet row-group statistics can prune. */
function regionSql(region: Expr): string {
  if (region.kind !== 'call') throw new Error('within: region must be a call');
  const [a, b, c, d] = region.args.map((x) => numericLiteral(x)!);
  let xmin: number, ymin: number, xmax: number, ymax: number;
  if (region.name === 'near') {
    const [lon, lat, meters] = [a!, b!, c!];
    const dLat = meters / 111_320;
    const dLon = meters / (111_320 * Math.cos((lat * Math.PI) / 180));
    [xmin, ymin, xmax, ymax] = [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
  } else {
    [xmin, ymin, xmax, ymax] = [a!, b!, c!, d!];
  }
  const box = `"bbox".xmax >= ${num(xmin)} AND "bbox".xmin <= ${num(xmax)} AND "bbox".ymax >= ${num(ymin)} AND "bbox".ymin <= ${num(ymax)}`;
  if (region.name !== 'near') return box;
  // Exact test on the bbox centre with an equirectangular distance: good to centimetres at parcel scale.
  const [lon, lat, meters] = [a!, b!, c!];
  const k = Math.cos((lat * Math.PI) / 180);
  const dx = `(("bbox".xmin + "bbox".xmax) / 2 - ${num(lon)}) * ${num(k * 111_320)}`;
  const dy = `(("bbox".ymin + "bbox".ymax) / 2 - ${num(lat)}) * 111320`;
  return `${box} AND (${dx}) * (${dx}) + (${dy}) * (${dy}) <= ${num(meters * meters)}`;
}

const BINARY_SQL: Record<string, string> = { or: 'OR', and: 'AND', '==': '=', '!=': '<>' };

export function exprSql(e: Expr, col: (name: string) => string): string {
  const r = (x: Expr) => exprSql(x, col);
  switch (e.kind) {
    case 'column':
      return col(e.name);
    case 'literal':
      return literalSql(e.value);
    case 'binary':
      return `(${r(e.left)} ${BINARY_SQL[e.op] ?? e.op} ${r(e.right)})`;
    case 'unary':
      return e.op === 'not' ? `(NOT ${r(e.operand)})` : `(-${r(e.operand)})`;
    case 'call': {
      const spec = FUNCTIONS[e.name]!;
      if (e.name === 'count' && e.args.length === 0) return 'count(*)';
      const args = e.args.map(r).join(', ');
      return e.name === 'count_distinct' ? `count(DISTINCT ${args})` : `${spec.sql}(${args})`;
    }
    case 'list':
      return `[${e.items.map(r).join(', ')}]`;
    case 'in':
      return e.list.length === 0 ? (e.negated ? 'TRUE' : 'FALSE') : `(${r(e.expr)} ${e.negated ? 'NOT IN' : 'IN'} (${e.list.map(r).join(', ')}))`;
    case 'isNull':
      return `(${r(e.expr)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'between':
      return `(${r(e.expr)} ${e.negated ? 'NOT ' : ''}BETWEEN ${r(e.low)} AND ${r(e.high)})`;
    case 'like':
      return `(${r(e.expr)} ${e.negated ? 'NOT ' : ''}LIKE ${r(e.pattern)})`;
  }
}

function resolve(cols: CatalogColumn[], name: string): string {
  return (cols.find((c) => c.name === name) ?? cols.find((c) => c.name.toLowerCase() === name.toLowerCase()))?.name ?? name;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function literalSql(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return num(v);
  // Strings are escaped by doubling quotes; NUL bytes cannot occur in DuckDB VARCHAR literals.
  return `'${v.replace(/\0/g, '').replace(/'/g, "''")}'`;
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}
