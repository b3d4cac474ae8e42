import { CAST_TYPES, type Expr, type Step } from './ast';
import type { CatalogColumn } from './catalog';
import { defaultAggregateName } from './aggregates';
import { BBOX, coveringReplaced } from './bboxCovering';
import { FUNCTIONS, paramType } from './functions';
import { numberLiteralSql, numericLiteral } from './numberLiteral';
import { mappingColumns, PARCEL_ROLES } from '../address/addressMapping';
import { findColumn } from './catalog';
import { MATCH_COLUMNS, type ParcelJoinSpec } from './parcelJoinCheck';
import type { JoinSpec } from './joinCheck';
import type { JoinRelations, Plan, PlanStep } from './plan';
import { quoteIdent } from './quoteIdent';
import { boxSql, spatialSql } from './spatialSql';

/** One statement from a plan, and the parts it is made of. */
export interface GeneratedSql {
  sql: string;
  /**
   * The rows entering plan step `step` (steps.length: the result), as a statement made of the
   * same CTEs, not generated again: the host matches a parcel_join's input with it, and locates
   * a run-time error by it.
   */
  inputOf(step: number): string;
}

/** Statements generated since the process started: a test holds the host to one per query. */
let generated = 0;
export function sqlGenerations(): number {
  return generated;
}

/**
 * Generates one DuckDB statement from a bound plan: a CTE per pipeline step, so the SQL reads in
 * the same order as the pipeline. DuckDB inlines single-use CTEs, so filters still reach the
 * Parquet scan. Identifiers are always quoted and literals escaped; nothing else reaches the SQL text.
 */
export function generateSql(plan: Plan): GeneratedSql {
  generated++;
  const parts = planCtes(plan, '');
  return {
    sql: statement(parts.ctes, parts.inputs[parts.inputs.length - 1]!),
    // the CTEs before a step are the ones its input reads: the source's, then one per earlier step
    inputOf: (step) => statement(parts.ctes.slice(0, parts.sourceCtes + step), parts.inputs[step]!),
  };
}

/**
 * A plan's CTEs, named with `prefix` (an appended pipeline's own), and the relation the rows
 * entering each step come from (the last: the result).
 */
function planCtes(plan: Plan, prefix: string): { ctes: string[]; inputs: string[]; sourceCtes: number } {
  const ctes: string[] = [];
  const inputs: string[] = [];
  let prev = plan.source.kind === 'table' ? quoteIdent(plan.source.table) : quoteIdent(`${prefix}__source`);
  if (plan.source.kind === 'sql') {
    // judged by the host's sql source policy; as a CTE body anything but one SELECT is a syntax error
    ctes.push(`${prev} AS (\n  ${plan.source.text.trim()}\n)`);
  }
  const sourceCtes = ctes.length;
  plan.steps.forEach((node, i) => {
    inputs.push(prev);
    const name = quoteIdent(`${prefix}__step${i + 1}`);
    ctes.push(`${name} AS (\n  ${nodeSql(node, prev, plan, `${prefix}__append${i + 1}`)}\n)`);
    prev = name;
  });
  inputs.push(prev);
  return { ctes, inputs, sourceCtes };
}

function statement(ctes: readonly string[], from: string): string {
  const body = `SELECT * FROM ${from}`;
  return ctes.length ? `WITH\n${ctes.join(',\n')}\n${body}` : body;
}

function nodeSql(node: PlanStep, from: string, plan: Plan, prefix: string): string {
  switch (node.kind) {
    case 'parcelJoin':
      return parcelJoinSql(node.spec, from, node.input, node.relations);
    case 'join':
      return joinSql(node.spec, from);
    case 'append': {
      // by name: the appended pipeline may order its columns differently
      const sub = planCtes(node.plan, prefix);
      return `SELECT * FROM ${from}\n  UNION ALL BY NAME\n  SELECT * FROM (${statement(sub.ctes, sub.inputs[sub.inputs.length - 1]!)})`;
    }
    case 'spatial':
      return spatialSql(node.spec, from, node.relation);
    case 'step':
      return stepSql(node.step, from, node.input, plan.dates);
  }
}

/** The model's rows whose keys equal the input's; a left join keeps input rows without one. */
function joinSql(join: JoinSpec, from: string): string {
  const added = join.added.map((c) => `m.${quoteIdent(c.name)}${c.as === c.name ? '' : ` AS ${quoteIdent(c.as)}`}`);
  const on = join.keys.map((k) => `s.${quoteIdent(k.input)} = m.${quoteIdent(k.model)}`).join(' AND ');
  return `SELECT ${['s.*', ...added].join(', ')}\n  FROM ${from} AS s\n  ${join.side === 'left' ? 'LEFT JOIN' : 'JOIN'} ${quoteIdent(join.table)} AS m ON ${on}`;
}

function stepSql(step: Step, from: string, input: CatalogColumn[], dates: ReadonlyMap<Expr, string>): string {
  const col = (name: string) => quoteIdent(resolve(input, name));
  const e = (x: Expr) => exprSql(x, col, dates);
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
      const replaced = step.items
        .filter((it) => input.some((c) => c.name === it.name))
        .map((it) => `${e(it.expr)} AS ${quoteIdent(it.name)}`);
      const added = step.items
        .filter((it) => !input.some((c) => c.name === it.name))
        .map((it) => `${e(it.expr)} AS ${quoteIdent(it.name)}`);
      const exclude = coveringReplaced(step, input) ? ` EXCLUDE (${quoteIdent(BBOX)})` : '';
      const star = `*${exclude}${replaced.length ? ` REPLACE (${replaced.join(', ')})` : ''}`;
      return `SELECT ${[star, ...added].join(', ')} FROM ${from}`;
    }
    case 'sort':
      return `SELECT * FROM ${from} ORDER BY ${step.items.map((it) => `${e(it.expr)} ${it.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`;
    case 'take':
      return `SELECT * FROM ${from} LIMIT ${step.count}${step.offset ? ` OFFSET ${step.offset}` : ''}`;
    case 'map':
      return `SELECT * FROM ${from}`;
    case 'distinct':
      return `SELECT DISTINCT ${step.columns.length ? step.columns.map((c) => col(c.name)).join(', ') : '*'} FROM ${from}`;
    case 'sample':
      // a fixed seed: the same rows each run, so a sample can be looked at again
      return `SELECT * FROM ${from} USING SAMPLE reservoir(${step.count} ${step.unit === 'rows' ? 'ROWS' : 'PERCENT'}) REPEATABLE (42)`;
    case 'stats': {
      const by = step.by.map((b) => e(b));
      const aggs = step.aggregates.map((a) => `${e(a.expr)} AS ${quoteIdent(a.alias ?? defaultAggregateName(a.expr))}`);
      const group = by.length ? ` GROUP BY ${by.join(', ')} ORDER BY ${by.join(', ')}` : '';
      return `SELECT ${[...by, ...aggs].join(', ')} FROM ${from}${group}`;
    }
    case 'within':
      return `SELECT * FROM ${from} WHERE ${regionSql(step.region)}`;
    case 'parcelJoin':
    case 'join':
    case 'append':
    case 'spatial':
      throw new Error(`a ${step.kind} step is a plan node of its own`);
  }
}

/**
 * Joins each input row to its match (by the address key, as text) and the match to its parcel.
 * keep=matched is two inner joins; keep=all keeps every input row and says why it has no parcel.
 * With parcels=all the match relation has a row per parcel of a building, so a road address gives
 * one row per parcel, in the order of the match relation (대표지번 first).
 */
function parcelJoinSql(join: ParcelJoinSpec, from: string, input: CatalogColumn[], rel: JoinRelations): string {
  const all = join.keep === 'all';
  const keys = mappingColumns(join.mapping).map(
    (c, i) => `m."k${i}" IS NOT DISTINCT FROM CAST(s.${quoteIdent(resolve(input, c))} AS VARCHAR)`,
  );
  const parcelCols = join.parcelColumns.map((c) => `p.${quoteIdent(c.name)}${c.as === c.name ? '' : ` AS ${quoteIdent(c.as)}`}`);
  const matchCols = [...(all ? MATCH_COLUMNS : []), ...(join.parcels === 'all' ? ['match_parcel'] : [])].map((c) => `m.${quoteIdent(c)}`);
  const select = ['s.* EXCLUDE ("__row")', ...matchCols, ...parcelCols];
  const kind = all ? 'LEFT JOIN' : 'JOIN';
  const order = join.parcels === 'all' ? `, m."match_parcel" = '${PARCEL_ROLES.related}', m."pnu"` : '';
  // Rows keep their input order (a join alone would not), so results line up with the analyst's list.
  return (
    `SELECT ${select.join(', ')}\n  FROM (SELECT *, row_number() OVER () AS "__row" FROM ${from}) AS s\n` +
    `  ${kind} ${quoteIdent(rel.matchTable)} AS m ON ${keys.join(' AND ')}\n` +
    `  ${kind} ${quoteIdent(rel.parcels)} AS p ON p."PNU" = m."pnu"\n  ORDER BY s."__row"${order}`
  );
}

/** Uses the bbox covering column so Parquet row-group statistics can prune (near is refined in the host: spatialSql). */
function regionSql(region: Expr): string {
  if (region.kind !== 'call' || region.name !== 'bbox') throw new Error('within: only bbox is plain SQL');
  const [xmin, ymin, xmax, ymax] = region.args.map((x) => numericLiteral(x)!) as [number, number, number, number];
  return boxSql([xmin, ymin, xmax, ymax], '"bbox"');
}

const BINARY_SQL: Record<string, string> = { or: 'OR', and: 'AND', '==': '=', '!=': '<>' };

/** `dates`: the string literals the checker read as dates, by node (CheckedPipeline.dates). */
export function exprSql(e: Expr, col: (name: string) => string, dates: ReadonlyMap<Expr, string> = new Map()): string {
  const r = (x: Expr) => exprSql(x, col, dates);
  switch (e.kind) {
    case 'column':
      return col(e.name);
    case 'number':
      return numberLiteralSql(e.text);
    case 'literal': {
      const date = dates.get(e);
      return date ? `DATE ${literalSql(date)}` : literalSql(e.value);
    }
    case 'binary':
      return `(${r(e.left)} ${BINARY_SQL[e.op] ?? e.op} ${r(e.right)})`;
    case 'unary':
      return e.op === 'not' ? `(NOT ${r(e.operand)})` : `(-${r(e.operand)})`;
    case 'call': {
      const spec = FUNCTIONS[e.name]!;
      if (e.name === 'count' && e.args.length === 0) return 'count(*)';
      // DuckDB's round(x, digits) takes an INTEGER and refuses a BIGINT or HUGEINT (count(), a
      // long literal) unlocated; the checker lets only whole numbers here, so the cast is exact
      // a bare null gets the parameter's type: contains('a', NULL) has no one overload to pick
      const args = e.args
        .map((a, i) => {
          const param = paramType(spec, i, e.args.length);
          if (param === 'integer' && a.kind !== 'number') return `CAST(${r(a)} AS INTEGER)`;
          // the host's geometry functions read and write WKB (a JavaScript function sees bytes, not GEOMETRY)
          if (param === 'geometry') return `ST_AsWKB(${r(a)})`;
          if (a.kind === 'literal' && a.value === null && (param === 'text' || param === 'number'))
            return `CAST(NULL AS ${param === 'text' ? 'VARCHAR' : 'DOUBLE'})`;
          return r(a);
        })
        .join(', ');
      if (spec.branches && e.args.length > 3) {
        const parts = e.args.map(r);
        const cases = parts.slice(0, -1).flatMap((p, i) => (i % 2 ? [] : [`WHEN ${p} THEN ${parts[i + 1]}`]));
        return `(CASE ${cases.join(' ')} ELSE ${parts[parts.length - 1]} END)`;
      }
      if (spec.returns === 'geometry') return `ST_SetCRS(ST_GeomFromWKB(${spec.sql}(${args})), 'OGC:CRS84')`;
      return e.name === 'count_distinct' ? `count(DISTINCT ${args})` : `${spec.sql}(${args})`;
    }
    case 'list':
      return `[${e.items.map(r).join(', ')}]`;
    case 'in':
      return e.list.length === 0
        ? e.negated
          ? 'TRUE'
          : 'FALSE'
        : `(${r(e.expr)} ${e.negated ? 'NOT IN' : 'IN'} (${e.list.map(r).join(', ')}))`;
    case 'isNull':
      return `(${r(e.expr)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'between':
      return `(${r(e.expr)} ${e.negated ? 'NOT ' : ''}BETWEEN ${r(e.low)} AND ${r(e.high)})`;
    case 'like':
      return `(${r(e.expr)} ${e.negated ? 'NOT ' : ''}LIKE ${r(e.pattern)})`;
    case 'cast':
      return `CAST(${r(e.expr)} AS ${CAST_TYPES[e.to]})`;
    case 'window': {
      const parts = [
        ...(e.partition.length ? [`PARTITION BY ${e.partition.map(r).join(', ')}`] : []),
        ...(e.order.length ? [`ORDER BY ${e.order.map((o) => `${r(o.expr)} ${o.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`] : []),
      ];
      return `(${r(e.call)} OVER (${parts.join(' ')}))`;
    }
  }
}

function resolve(cols: CatalogColumn[], name: string): string {
  return findColumn(cols, name)?.name ?? name;
}

export { quoteIdent };

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
