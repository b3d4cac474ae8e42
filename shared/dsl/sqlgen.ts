import type { Expr, Step } from './ast';
import type { CatalogColumn } from './catalog';
import type { CheckedPipeline } from './checker';
import { defaultAggregateName, numericLiteral } from './checker';
import { FUNCTIONS, paramType } from './functions';
import { numberLiteralSql } from './numberLiteral';
import { mappingColumns } from '../address/addressMapping';
import { findColumn, PARCELS } from './catalog';
import type { ParcelJoinSpec } from './parcelJoinCheck';
import { quoteIdent } from './quoteIdent';
import { boxSql, spatialSql, type SpatialRelation } from './spatialSql';

/** What a parcel_join step reads: the host's per-query match table and the store partitions it needs. */
export interface JoinRelations {
  /** one row per distinct address key: k0..kn, pnu, match_status, match_note, match_detail */
  matchTable: string;
  /** the parcels relation (the host narrows it to the partitions present) */
  parcels: string;
}

export interface SqlOptions {
  /** relations per parcel_join step index; default `__match_<n>` and `parcels` */
  joins?: ReadonlyMap<number, JoinRelations>;
  /** relations per host-refined spatial step index; default `__spatial_<n>`, no prefilter box */
  spatial?: ReadonlyMap<number, SpatialRelation>;
  /** generate only the steps before this index: the rows that enter that step */
  stopBefore?: number;
}

/**
 * Generates one DuckDB statement: a CTE per pipeline step, so the SQL reads in the same order as
 * the pipeline. DuckDB inlines single-use CTEs, so filters still reach the Parquet scan.
 * Identifiers are always quoted and literals escaped; nothing else reaches the SQL text.
 */
export function generateSql(checked: CheckedPipeline, options: SqlOptions = {}): string {
  const { pipeline, sourceTable } = checked;
  const ctes: string[] = [];
  let prev = quoteIdent(sourceTable ?? '');
  if (pipeline.source.kind === 'sql') {
    // checked by checkSqlSource; as a CTE body anything but one SELECT is a syntax error
    ctes.push(`"__source" AS (\n  ${pipeline.source.text.trim()}\n)`);
    prev = '"__source"';
  }
  pipeline.steps.slice(0, options.stopBefore).forEach((step, i) => {
    const name = `__step${i + 1}`;
    const join = checked.joins.find((j) => j.step === i);
    const spatial = checked.spatial.find((sp) => sp.step === i);
    const sql = join
      ? parcelJoinSql(join, prev, checked.columns[i]!, options.joins?.get(i) ?? { matchTable: `__match_${i + 1}`, parcels: PARCELS })
      : spatial
        ? spatialSql(spatial, prev, options.spatial?.get(i) ?? { table: `__spatial_${i + 1}`, box: null })
        : stepSql(step, prev, checked.columns[i]!, checked.dates);
    ctes.push(`${quoteIdent(name)} AS (\n  ${sql}\n)`);
    prev = quoteIdent(name);
  });
  const body = `SELECT * FROM ${prev}`;
  return ctes.length ? `WITH\n${ctes.join(',\n')}\n${body}` : body;
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
      throw new Error('parcel_join is generated by parcelJoinSql');
    case 'spatial':
      throw new Error('spatial steps are generated by spatialSql');
  }
}

/**
 * Joins each input row to its match (by the address key, as text) and the match to its parcel.
 * keep=matched is two inner joins; keep=all keeps every input row and says why it has no parcel.
 */
function parcelJoinSql(join: ParcelJoinSpec, from: string, input: CatalogColumn[], rel: JoinRelations): string {
  const all = join.keep === 'all';
  const keys = mappingColumns(join.mapping).map((c, i) => `m."k${i}" IS NOT DISTINCT FROM CAST(s.${quoteIdent(resolve(input, c))} AS VARCHAR)`);
  const parcelCols = join.parcelColumns.map((c) => `p.${quoteIdent(c.name)}${c.as === c.name ? '' : ` AS ${quoteIdent(c.as)}`}`);
  const select = ['s.* EXCLUDE ("__row")', ...(all ? ['m."match_status"', 'm."match_note"', 'm."match_detail"'] : []), ...parcelCols];
  const kind = all ? 'LEFT JOIN' : 'JOIN';
  // Rows keep their input order (a join alone would not), so results line up with the analyst's list.
  return `SELECT ${select.join(', ')}\n  FROM (SELECT *, row_number() OVER () AS "__row" FROM ${from}) AS s\n`
    + `  ${kind} ${quoteIdent(rel.matchTable)} AS m ON ${keys.join(' AND ')}\n`
    + `  ${kind} ${quoteIdent(rel.parcels)} AS p ON p."PNU" = m."pnu"\n  ORDER BY s."__row"`;
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
      const args = e.args.map((a, i) => {
        const param = paramType(spec, i);
        if (param === 'integer' && a.kind !== 'number') return `CAST(${r(a)} AS INTEGER)`;
        if (a.kind === 'literal' && a.value === null && (param === 'text' || param === 'number')) return `CAST(NULL AS ${param === 'text' ? 'VARCHAR' : 'DOUBLE'})`;
        return r(a);
      }).join(', ');
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
