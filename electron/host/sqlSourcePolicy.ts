import { findTable, type Catalog } from '../../shared/dsl/catalog';
import { SQL_FUNCTIONS } from '../../shared/dsl/sqlSource';

/** One reason a `sql "..."` source is refused; `at` is a UTF-8 byte offset into its text, when DuckDB gave one. */
export interface SqlSourceProblem {
  message: string;
  at: number | null;
}

/**
 * Decides what a `sql "..."` source may do from DuckDB's own parse of it (`json_serialize_sql`),
 * never from a tokenizer of ours: exactly one SELECT; tables only the catalog's (`parcels`, models)
 * or the query's own CTEs in scope; no table functions that read anything; scalar, aggregate and
 * window functions only from the allow-list; no parameters. Anything in the tree this walk does
 * not know is refused.
 */
export function sqlSourceProblems(tree: unknown, catalog: Catalog): SqlSourceProblem[] {
  const parsed = tree as ParsedSql;
  if (parsed.error) {
    const notSelect = /only select/i.test(parsed.error_message ?? '');
    return [
      {
        message: notSelect
          ? '`sql "..."` takes one SELECT statement (SELECT, WITH … SELECT, or FROM …)'
          : `the SQL does not parse: ${parsed.error_message ?? 'syntax error'}`,
        at: typeof parsed.position === 'number' ? parsed.position : null,
      },
    ];
  }
  const statements = parsed.statements ?? [];
  if (statements.length !== 1) return [{ message: '`sql "..."` takes one statement: remove the `;` and what follows', at: null }];
  const out: SqlSourceProblem[] = [];
  new PolicyWalk(catalog, out).query(statements[0]!.node, new Set());
  return out;
}

interface ParsedSql {
  error: boolean;
  error_message?: string;
  position?: number;
  statements?: { node: Json }[];
}

type Json = { [key: string]: unknown };

const QUERY_NODES = new Set(['SELECT_NODE', 'SET_OPERATION_NODE', 'RECURSIVE_CTE_NODE', 'CTE_NODE']);
/** Table references a read-only query may use; BASE_TABLE and TABLE_FUNCTION are checked further. */
const TABLE_REFS = new Set(['BASE_TABLE', 'TABLE_FUNCTION', 'JOIN', 'SUBQUERY', 'EMPTY', 'EXPRESSION_LIST', 'PIVOT']);
/** Table functions that compute rows without reading anything. */
const SAFE_TABLE_FUNCTIONS = new Set(['unnest', 'range', 'generate_series']);
/** Functions DuckDB's parser writes for syntax (INTERVAL, [..], {..}, EXTRACT, TRIM(.. FROM ..), count(*)). */
const SYNTAX_FUNCTIONS = new Set([
  'count_star',
  'list_value',
  'struct_pack',
  'row',
  'array_extract',
  'array_slice',
  'list_apply',
  'list_transform',
  'list_filter',
  'to_years',
  'to_months',
  'to_days',
  'to_hours',
  'to_minutes',
  'to_seconds',
  'to_milliseconds',
  'to_microseconds',
  'to_weeks',
  'trunc',
  'timezone',
  'date_part',
  'trim',
  'substring',
  'position',
  'regexp_full_match',
  'list_contains',
  'unnest',
]);
const OPERATOR_NAME = /^[^\p{L}\p{N}_\s]+$/u;

class PolicyWalk {
  constructor(
    private readonly catalog: Catalog,
    private readonly out: SqlSourceProblem[],
  ) {}

  private refuse(message: string, node: Json): void {
    const at = node.query_location;
    // DuckDB marks "no location" with the largest 64-bit value
    this.out.push({ message, at: typeof at === 'number' && at < 2 ** 32 ? at : null });
  }

  /** A query node; `scope` holds the CTE names visible to it. */
  query(node: unknown, scope: ReadonlySet<string>): void {
    const n = node as Json;
    if (!n || typeof n !== 'object' || !QUERY_NODES.has(String(n.type))) {
      this.refuse(`\`sql "..."\` may not use ${String((n as Json | null)?.type ?? 'this statement')}`, n ?? {});
      return;
    }
    const ctes = ((n.cte_map as Json | undefined)?.map ?? []) as { key: string; value: { query: { node: unknown } } }[];
    const visible = new Set(scope);
    for (const cte of ctes) {
      const body = cte.value.query.node as Json;
      // a CTE sees those before it; itself only when it is recursive
      const own = body?.type === 'RECURSIVE_CTE_NODE' ? new Set([...visible, cte.key.toLowerCase()]) : visible;
      this.query(body, own);
      visible.add(cte.key.toLowerCase());
    }
    if (n.type === 'RECURSIVE_CTE_NODE' && typeof n.ctename === 'string') visible.add(n.ctename.toLowerCase());
    for (const [key, value] of Object.entries(n)) if (key !== 'cte_map') this.any(value, visible);
  }

  private any(value: unknown, scope: ReadonlySet<string>): void {
    if (Array.isArray(value)) {
      for (const v of value) this.any(v, scope);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const o = value as Json;
    if (typeof o.type === 'string' && !('class' in o)) {
      if (o.type.endsWith('_NODE')) return this.query(o, scope);
      // a FROM item; anything naming a table is judged as one, whatever else it lacks
      if (('sample' in o && 'alias' in o) || 'table_name' in o) return this.tableRef(o, scope);
    }
    if (typeof o.class === 'string') this.expression(o);
    for (const v of Object.values(o)) this.any(v, scope);
  }

  private expression(e: Json): void {
    if (e.class === 'PARAMETER') this.refuse('a `sql "..."` source cannot take parameters ($1, ?)', e);
    if (typeof e.function_name !== 'string') return;
    const name = e.function_name.toLowerCase();
    if ((e.schema && e.schema !== '') || (e.catalog && e.catalog !== '')) {
      this.refuse(`function '${e.function_name}' is not allowed in a \`sql "..."\` source (no schema-qualified functions)`, e);
    } else if (!(e.is_operator === true && OPERATOR_NAME.test(name)) && !SQL_FUNCTIONS.has(name) && !SYNTAX_FUNCTIONS.has(name)) {
      this.refuse(`function '${e.function_name}' is not allowed in a \`sql "..."\` source`, e);
    }
  }

  /** A FROM item; walks what it holds (subqueries, join conditions, function arguments). */
  private tableRef(t: Json, scope: ReadonlySet<string>): void {
    const type = String(t.type);
    if (!TABLE_REFS.has(type)) {
      this.refuse(`\`sql "..."\` may not read from ${type}`, t);
      return;
    }
    if (type === 'TABLE_FUNCTION') {
      const fn = (t.function ?? {}) as Json;
      const name = String(fn.function_name ?? '').toLowerCase();
      const qualified = (fn.schema && fn.schema !== '') || (fn.catalog && fn.catalog !== '');
      if (!SAFE_TABLE_FUNCTIONS.has(name) || qualified) {
        this.refuse(
          `'${String(fn.function_name ?? '?')}' reads outside the models: a \`sql "..."\` source reads models and \`parcels\` only (register a file as a model)`,
          t,
        );
        return;
      }
      this.any(fn.children, scope);
      return;
    }
    for (const [key, value] of Object.entries(t)) if (key !== 'type') this.any(value, scope);
    if (type !== 'BASE_TABLE') return;
    const name = String(t.table_name ?? '');
    if ((t.schema_name && t.schema_name !== '') || (t.catalog_name && t.catalog_name !== '')) {
      this.refuse(
        `'${[t.catalog_name, t.schema_name, name].filter(Boolean).join('.')}' is not a model: a \`sql "..."\` source reads models and \`parcels\` only`,
        t,
      );
    } else if (!scope.has(name.toLowerCase()) && !findTable(this.catalog, name)) {
      this.refuse(`unknown model '${name}': a \`sql "..."\` source reads models and \`parcels\` only`, t);
    }
  }
}
