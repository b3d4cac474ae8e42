import { findTable, type Catalog } from './catalog';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { suggest, unknownName } from './suggest';

/**
 * Editor hints for the text of a `sql "..."` source, from a fast tokenizer: unknown models,
 * functions outside the allow-list, a second statement. Only hints (warnings): the host decides
 * what a source may do from DuckDB's own parse of it (electron/host/sqlSourcePolicy.ts), since a
 * tokenizer of ours can read SQL differently from DuckDB.
 */
export function checkSqlSource(text: string, textStart: number, catalog: Catalog): Diagnostic[] {
  return sqlSourceHints(text, textStart, catalog).map((d) => ({ ...d, severity: 'warning' }));
}

function sqlSourceHints(text: string, textStart: number, catalog: Catalog): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tokens = tokenize(text, textStart, out);
  if (out.length) return out;
  const closing = matchingParens(tokens);
  const words = tokens.filter((t) => t.kind !== 'punct');
  const first = words[0];
  if (!first || first.kind !== 'word' || !['select', 'with', 'from'].includes(first.lower)) {
    return [
      diag(
        '`sql "..."` takes one SELECT statement (SELECT, WITH … SELECT, or FROM …)',
        first?.span ?? { start: textStart, end: textStart },
      ),
    ];
  }
  // CTE names: `name AS (`, or with a column list, `name (a, b) AS (` (not a function call)
  const ctes = new Set<string>();
  const cteDeclarations = new Set<number>();
  tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    if (tokens[i + 1]?.lower === 'as' && tokens[i + 2]?.text === '(') ctes.add(t.lower);
    if (tokens[i + 1]?.text !== '(' || !['with', 'recursive', ','].includes(tokens[i - 1]?.lower ?? tokens[i - 1]?.text ?? '')) return;
    const close = closing[i + 1] ?? -1;
    if (close > 0 && tokens[close + 1]?.lower === 'as' && tokens[close + 2]?.text === '(') {
      ctes.add(t.lower);
      cteDeclarations.add(i);
    }
  });
  let fromDepth = -1;
  let depth = 0;
  for (let i = 0; i < tokens.length && out.length < MAX_HINTS; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.text === '(') depth++;
    if (t.text === ')') {
      depth--;
      if (depth < fromDepth) fromDepth = -1;
    }
    if (t.text === ';') out.push(diag('`sql "..."` takes one statement: remove the `;`', t.span));
    if (t.kind !== 'word' && t.kind !== 'quoted') {
      if (t.text === ',' && depth === fromDepth) checkTable(next, tokens[i + 2], ctes, catalog, out);
      continue;
    }
    if (t.kind === 'word' && FORBIDDEN.has(t.lower))
      out.push(diag(`'${t.text}' cannot appear in a \`sql "..."\` source: only reading is allowed`, t.span));
    if (t.kind === 'word' && (t.lower === 'from' || t.lower === 'join')) {
      fromDepth = depth;
      checkTable(next, tokens[i + 2], ctes, catalog, out);
    } else if (t.kind === 'word' && CLAUSE_END.has(t.lower) && depth === fromDepth) fromDepth = -1;
    if (t.kind === 'word' && next?.text === '(' && !KEYWORDS.has(t.lower) && !SQL_FUNCTIONS.has(t.lower) && !cteDeclarations.has(i)) {
      const hint = suggest(t.lower, [...SQL_FUNCTIONS]);
      out.push(diag(`function '${t.text}' is not allowed in a \`sql "..."\` source${hint ? ` — did you mean '${hint}'?` : ''}`, t.span));
    }
  }
  return out;
}

/** Hints stop here: a text with thousands of problems is not worth describing further. */
const MAX_HINTS = 20;

/** For each `(`, the index of the `)` closing it (-1 when unclosed), in one pass. */
function matchingParens(tokens: SqlToken[]): Int32Array {
  const closing = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (t.text === '(') open.push(i);
    else if (t.text === ')' && open.length) closing[open.pop()!] = i;
  });
  return closing;
}

function checkTable(
  t: SqlToken | undefined,
  following: SqlToken | undefined,
  ctes: Set<string>,
  catalog: Catalog,
  out: Diagnostic[],
): void {
  // a subquery; or a table function, which the function allow-list judges
  if (!t || t.text === '(' || following?.text === '(' || (t.kind === 'word' && ['lateral', 'unnest'].includes(t.lower))) return;
  if (t.kind === 'string') {
    out.push(diag('a `sql "..."` source reads models and `parcels`, not files: register the file as a model', t.span));
    return;
  }
  if (t.kind !== 'word' && t.kind !== 'quoted') return;
  const name = t.kind === 'quoted' ? t.text : t.lower;
  if (ctes.has(name.toLowerCase()) || findTable(catalog, name)) return;
  const names = catalog.tables.map((x) => x.name);
  out.push(diag(unknownName('model', name, names), t.span));
}

interface SqlToken {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  text: string;
  lower: string;
  span: Span;
}

function tokenize(text: string, base: number, out: Diagnostic[]): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlToken['kind'], value: string, start: number) =>
    tokens.push({ kind, text: value, lower: value.toLowerCase(), span: { start: base + start, end: base + i } });
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) i++;
    else if (text.startsWith('--', i)) while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    else if (c === '$' && /^\$[\p{L}_]*\$/u.test(text.slice(i, i + 64))) {
      // a dollar-quoted string: $$…$$ or $tag$…$tag$
      const tag = /^\$[\p{L}_]*\$/u.exec(text.slice(i, i + 64))![0];
      const end = text.indexOf(tag, i + tag.length);
      if (end < 0) {
        out.push(diag('unterminated $-quoted string in the SQL', { start: base + i, end: base + text.length }));
        return tokens;
      }
      i = end + tag.length;
      push('string', text.slice(start + tag.length, end), start);
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        out.push(diag('unterminated /* comment', { start: base + i, end: base + text.length }));
        return tokens;
      }
      i = end + 2;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          out.push(diag(`unterminated ${c === "'" ? 'string' : 'quoted name'} in the SQL`, { start: base + start, end: base + i }));
          return tokens;
        }
        if (text[i] === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      push(c === "'" ? 'string' : 'quoted', value, start);
    } else if (/[\p{L}_]/u.test(c)) {
      while (i < text.length && /[\p{L}\p{N}_$]/u.test(text[i]!)) i++;
      push('word', text.slice(start, i), start);
    } else if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9._eE]/.test(text[i]!)) i++;
      push('number', text.slice(start, i), start);
    } else {
      i++;
      push('punct', c, start);
    }
  }
  return tokens;
}

const FORBIDDEN = new Set([
  'attach',
  'detach',
  'copy',
  'install',
  'load',
  'pragma',
  'set',
  'reset',
  'create',
  'drop',
  'alter',
  'insert',
  'update',
  'delete',
  'call',
  'export',
  'import',
  'checkpoint',
  'vacuum',
  'use',
  'begin',
  'commit',
  'rollback',
  'truncate',
  'execute',
  'prepare',
  'deallocate',
  'describe',
  'summarize',
  'show',
  'grant',
  'revoke',
  'merge',
]);

/** Clause words that end a FROM list at the same depth. */
const CLAUSE_END = new Set([
  'where',
  'group',
  'having',
  'order',
  'limit',
  'offset',
  'qualify',
  'window',
  'union',
  'except',
  'intersect',
  'on',
  'using',
  'select',
]);

/** Words that may precede '(' without being a function call. */
const KEYWORDS = new Set([
  'in',
  'exists',
  'values',
  'over',
  'filter',
  'as',
  'cast',
  'try_cast',
  'extract',
  'any',
  'all',
  'some',
  'using',
  'on',
  'and',
  'or',
  'not',
  'within',
  'group',
  'grouping',
  'rollup',
  'cube',
  'sets',
  'lateral',
  'unnest',
  'interval',
  'from',
  'join',
  'select',
  'where',
  'having',
  'by',
  'when',
  'then',
  'else',
  'is',
  'between',
  'like',
  'ilike',
  'case',
  'distinct',
  'with',
  'union',
  'except',
  'intersect',
  'partition',
  'order',
  'limit',
  'struct_pack',
  'row',
  'array',
  'list',
  'map',
]);

/** Scalar, aggregate and window functions a `sql "..."` source may call: computation only. */
export const SQL_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs',
  'round',
  'floor',
  'ceil',
  'ceiling',
  'sqrt',
  'power',
  'pow',
  'exp',
  'ln',
  'log',
  'log10',
  'log2',
  'sign',
  'mod',
  'pi',
  'sin',
  'cos',
  'tan',
  'atan',
  'atan2',
  'radians',
  'degrees',
  'greatest',
  'least',
  'coalesce',
  'nullif',
  'ifnull',
  'if',
  'lower',
  'upper',
  'length',
  'trim',
  'ltrim',
  'rtrim',
  'substr',
  'substring',
  'left',
  'right',
  'replace',
  'concat',
  'concat_ws',
  'contains',
  'starts_with',
  'ends_with',
  'strpos',
  'instr',
  'position',
  'split_part',
  'lpad',
  'rpad',
  'reverse',
  'repeat',
  'regexp_matches',
  'regexp_replace',
  'regexp_extract',
  'regexp_full_match',
  'format',
  'printf',
  'string_split',
  'date_part',
  'date_trunc',
  'date_diff',
  'datediff',
  'date_add',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'strftime',
  'strptime',
  'make_date',
  'today',
  'current_date',
  'epoch',
  'age',
  'count',
  'sum',
  'avg',
  'mean',
  'min',
  'max',
  'median',
  'mode',
  'quantile',
  'quantile_cont',
  'quantile_disc',
  'stddev',
  'stddev_samp',
  'stddev_pop',
  'variance',
  'var_samp',
  'var_pop',
  'string_agg',
  'group_concat',
  'array_agg',
  'list_agg',
  'first',
  'last',
  'any_value',
  'arg_min',
  'arg_max',
  'bool_and',
  'bool_or',
  'count_if',
  'approx_count_distinct',
  'histogram',
  'row_number',
  'rank',
  'dense_rank',
  'percent_rank',
  'cume_dist',
  'ntile',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'nth_value',
  'len',
  'list_value',
  'list_extract',
  'array_length',
  'hash',
  'md5',
  'typeof',
  'octet_length',
]);
