import type { BinaryOp, Expr, Option, Pipeline, SelectItem, SortItem, Source, Step } from './ast';
import { CAST_TYPES, COMMANDS, type CastType } from './ast';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { lex, type Token } from './lexer';
import { numberLiteralProblem } from './numberLiteral';
import { suggest } from './suggest';

export interface ParseResult {
  pipeline: Pipeline | null;
  diagnostics: Diagnostic[];
}

class ParseError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

const COMPARISON: Record<string, BinaryOp> = { '==': '==', '=': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * Recursive-descent parser. Errors inside one pipeline step are recorded and parsing resumes
 * at the next top-level `|`, so several mistakes are reported in one pass.
 */
export function parse(source: string): ParseResult {
  const { tokens, diagnostics } = lex(source);
  const p = new Parser(tokens, diagnostics);
  const pipeline = p.pipeline();
  const deep = pipeline && deepestNode(pipeline);
  if (deep) {
    diagnostics.push(
      diag(
        `the expression is nested more than ${MAX_TREE_DEPTH} levels deep: split it into steps, or use \`in [...]\` for a long list of alternatives`,
        deep.span,
      ),
    );
    return { pipeline: null, diagnostics };
  }
  return { pipeline, diagnostics };
}

/** Parentheses, `not` and unary minus the parser follows before it refuses (its own call stack). */
const MAX_NESTING = 200;
/**
 * How deep a tree later stages may walk by recursion: long chains (`a + b + c …`, `x or y or z …`)
 * are parsed by loops yet still make deep trees.
 */
const MAX_TREE_DEPTH = 500;

/** The first node deeper than MAX_TREE_DEPTH, found without recursion; null when none is. */
function deepestNode(root: object): { span: Span } | null {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    const isNode = 'kind' in value && 'span' in value;
    if (isNode && depth > MAX_TREE_DEPTH) return value as { span: Span };
    for (const child of Object.values(value)) if (child && typeof child === 'object') stack.push([child, isNode ? depth + 1 : depth]);
  }
  return null;
}

class Parser {
  private pos = 0;
  private nesting = 0;
  /** the values of `let`, by name */
  private readonly lets = new Map<string, Expr>();

  constructor(
    private readonly tokens: Token[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  pipeline(): Pipeline | null {
    if (this.peek().kind === 'eof') {
      this.diagnostics.push(diag('empty query: start with `parcels` or `from <model>`', this.peek().span));
      return null;
    }
    let source: Source | null = null;
    try {
      while (this.peekKeyword('let')) this.let();
      source = this.source();
    } catch (e) {
      this.recover(e);
    }
    const steps: Step[] = [];
    while (this.peek().kind !== 'eof') {
      if (!this.isOp('|')) {
        const t = this.peek();
        this.diagnostics.push(diag(`expected '|' before the next step, found ${describe(t)}`, t.span));
        this.skipToPipe();
        continue;
      }
      this.next();
      try {
        steps.push(this.step());
        const t = this.peek();
        if (t.kind !== 'eof' && !this.isOp('|'))
          throw this.error(`unexpected ${describe(t)}: expected '|' or the end of the query`, t.span);
      } catch (e) {
        this.recover(e);
      }
    }
    if (!source) return null;
    const last = this.tokens[this.tokens.length - 1]!;
    return { source, steps, span: { start: source.span.start, end: last.span.end } };
  }

  /**
   * let name = <expression>, before the source: `$name` stands for the expression wherever it
   * appears, so a mistake in the value is reported at the value.
   */
  private let(): void {
    this.next();
    const name = this.name('a name after `let`');
    if (this.lets.has(name.value)) throw this.error(`$${name.value} is already defined`, name.span);
    this.expectOp('=', `expected '=' after \`let ${name.value}\``);
    this.lets.set(name.value, this.expr());
  }

  /** A pipeline inside another (append's), up to its closing ')'. */
  private subPipeline(): Pipeline {
    const source = this.source();
    const steps: Step[] = [];
    while (this.isOp('|')) {
      this.next();
      steps.push(this.step());
    }
    return { source, steps, span: join(source.span, this.prevSpan()) };
  }

  private source(): Source {
    const t = this.peek();
    const word = t.kind === 'ident' ? t.value.toLowerCase() : '';
    if (word === 'parcels') {
      this.next();
      return { kind: 'from', name: 'parcels', span: t.span };
    }
    if (word === 'from') {
      this.next();
      const name = this.name('a model name after `from`');
      return { kind: 'from', name: name.value, span: join(t.span, name.span) };
    }
    if (word === 'sql') {
      this.next();
      const s = this.peek();
      if (s.kind !== 'string') throw this.error('expected a quoted SELECT statement after `sql`', s.span);
      this.next();
      return { kind: 'sql', text: s.value, span: join(t.span, s.span), textStart: s.span.start + 1 };
    }
    throw this.error(`a query starts with \`parcels\`, \`from <model>\` or \`sql "..."\`, found ${describe(t)}`, t.span);
  }

  private step(): Step {
    const t = this.peek();
    if (t.kind !== 'ident') throw this.error(`expected a command after '|', found ${describe(t)}`, t.span);
    this.next();
    const word = t.value.toLowerCase();
    const start = t.span;
    switch (word) {
      case 'where': {
        const expr = this.expr();
        return { kind: 'where', expr, span: join(start, expr.span) };
      }
      case 'select': {
        const items = this.commaList(() => this.selectItem());
        return { kind: 'select', items, span: join(start, items[items.length - 1]!.span) };
      }
      case 'derive': {
        const items = this.commaList(() => {
          const name = this.name('a column name');
          this.expectOp('=', "expected '=' after the new column's name");
          const expr = this.expr();
          return { name: name.value, nameSpan: name.span, expr };
        });
        return { kind: 'derive', items, span: join(start, items[items.length - 1]!.expr.span) };
      }
      case 'sort': {
        const items = this.commaList(() => this.sortItem());
        return { kind: 'sort', items, span: join(start, this.prevSpan()) };
      }
      case 'take': {
        const count = this.integer('a row count after `take`');
        const offset = this.keyword('offset') ? this.integer('a row count after `offset`') : 0;
        return { kind: 'take', count, offset, span: join(start, this.prevSpan()) };
      }
      case 'map':
        return { kind: 'map', options: this.options('map'), span: join(start, this.prevSpan()) };
      case 'parcel_join':
        return { kind: 'parcelJoin', options: this.options('parcel_join'), span: join(start, this.prevSpan()) };
      case 'stats': {
        const aggregates = this.commaList(() => this.selectItem());
        const by = this.keyword('by') ? this.commaList(() => this.expr()) : [];
        return { kind: 'stats', aggregates, by, span: join(start, this.prevSpan()) };
      }
      case 'within': {
        const region = this.expr();
        return { kind: 'within', region, span: join(start, region.span) };
      }
      case 'distinct': {
        const named = this.peek().kind === 'ident' || this.peek().kind === 'quotedIdent';
        const columns = named ? this.commaList(() => this.name('a column name')).map((c) => ({ name: c.value, span: c.span })) : [];
        return { kind: 'distinct', columns, span: join(start, this.prevSpan()) };
      }
      case 'sample': {
        const t = this.peek();
        // sample 10%: a share of the rows (decimals allowed); sample 10: a row count
        if (t.kind === 'number' && this.peekAt(1).kind === 'op' && this.peekAt(1).value === '%') {
          const percent = Number(t.value);
          if (!(percent > 0 && percent <= 100)) throw this.error('`sample` takes a percentage above 0 and at most 100', t.span);
          this.next();
          this.next();
          return { kind: 'sample', count: percent, unit: 'percent', span: join(start, this.prevSpan()) };
        }
        const count = this.integer('a row count or a percentage (sample 10%) after `sample`');
        return { kind: 'sample', count, unit: 'rows', span: join(start, this.prevSpan()) };
      }
      case 'join': {
        const side = this.keyword('left') ? 'left' : 'inner';
        if (side === 'inner') this.keyword('inner');
        const table = this.name('a model name after `join`');
        if (!this.keyword('on'))
          throw this.error(`expected \`on <column>\` after \`join ${table.value}\`, found ${describe(this.peek())}`, this.peek().span);
        const keys = this.commaList(() => this.name('a key column after `on`')).map((k) => ({ name: k.value, span: k.span }));
        return { kind: 'join', side, table: table.value, tableSpan: table.span, keys, span: join(start, this.prevSpan()) };
      }
      case 'append': {
        this.expectOp('(', 'expected a pipeline in parentheses after `append`, e.g. append (from 목록2)');
        const pipeline = this.nested(() => this.subPipeline());
        this.expectOp(')', "expected ')' to close the appended pipeline");
        return { kind: 'append', pipeline, span: join(start, this.prevSpan()) };
      }
      case 'intersects':
      case 'contains':
      case 'adjacent':
      case 'spatial_join': {
        const target = this.expr();
        return { kind: 'spatial', command: word, target, span: join(start, target.span) };
      }
      default: {
        const hint = suggest(word, Object.keys(COMMANDS));
        throw this.error(`unknown command '${t.value}'${hint ? ` — did you mean '${hint}'?` : ''}`, t.span);
      }
    }
  }

  private options(command: string): Option[] {
    const options: Option[] = [];
    while (this.peek().kind === 'ident' || this.peek().kind === 'quotedIdent') {
      const key = this.next();
      this.expectOp('=', `expected '=' after '${key.value}' in ${command}`);
      const v = this.peek();
      if (v.kind !== 'ident' && v.kind !== 'quotedIdent' && v.kind !== 'string') {
        throw this.error(`expected a column name or value after '${key.value}='`, v.span);
      }
      this.next();
      options.push({ key: key.value.toLowerCase(), keySpan: key.span, value: v.value, valueSpan: v.span });
    }
    if (options.length === 0) throw this.error(`${command} needs options such as key=value`, this.peek().span);
    return options;
  }

  private sortItem(): SortItem {
    const neg = this.isOp('-') ? (this.next(), true) : false;
    const expr = this.expr();
    const dir = this.keyword('desc') ? true : this.keyword('asc') ? false : neg;
    return { expr, desc: dir };
  }

  /** cast(x as type), after the word `cast` */
  private cast(t: Token): Expr {
    this.next();
    const expr = this.expr();
    if (!this.keyword('as'))
      throw this.error(`expected \`as <type>\` in cast(x as type), found ${describe(this.peek())}`, this.peek().span);
    const type = this.peek();
    const to = type.kind === 'ident' ? type.value.toLowerCase() : '';
    if (!(to in CAST_TYPES)) throw this.error(`cast converts to ${Object.keys(CAST_TYPES).join(', ')}, not ${describe(type)}`, type.span);
    this.next();
    this.expectOp(')', "expected ')' to close cast(");
    return { kind: 'cast', expr, to: to as CastType, span: join(t.span, this.prevSpan()) };
  }

  /** After `f(...)`: over (group columns sort order), either part optional. */
  private window(call: Extract<Expr, { kind: 'call' }>): Expr {
    this.expectOp('(', 'expected `(` after `over`, e.g. over (JIMOK sort AREA_M2 desc) or over ()');
    const partition = this.isOp(')') || this.peekKeyword('sort') ? [] : this.commaList(() => this.expr());
    const order = this.keyword('sort') ? this.commaList(() => this.sortItem()) : [];
    this.expectOp(')', "expected ')' to close `over (`");
    return { kind: 'window', call, partition, order, span: join(call.span, this.prevSpan()) };
  }

  private selectItem(): SelectItem {
    const expr = this.expr();
    if (this.keyword('as')) {
      const alias = this.name('a name after `as`');
      return { expr, alias: alias.value, span: join(expr.span, alias.span) };
    }
    return { expr, alias: null, span: expr.span };
  }

  // ---- expressions, lowest precedence first ----

  expr(): Expr {
    return this.nested(() => this.or());
  }

  /** Follows one more level of nesting, or refuses with a located error before the stack runs out. */
  private nested<T>(parse: () => T): T {
    if (this.nesting >= MAX_NESTING)
      throw this.error(`the expression is nested more than ${MAX_NESTING} levels deep: split it into steps`, this.peek().span);
    this.nesting++;
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  private or(): Expr {
    let left = this.and();
    while (this.keyword('or')) {
      const right = this.and();
      left = { kind: 'binary', op: 'or', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.keyword('and')) {
      const right = this.not();
      left = { kind: 'binary', op: 'and', left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private not(): Expr {
    const t = this.peek();
    if (this.keyword('not')) {
      const operand = this.nested(() => this.not());
      return { kind: 'unary', op: 'not', operand, span: join(t.span, operand.span) };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind === 'op' && COMPARISON[t.value]) {
      this.next();
      const right = this.additive();
      return { kind: 'binary', op: COMPARISON[t.value]!, left, right, span: join(left.span, right.span) };
    }
    if (this.keyword('is')) {
      const negated = this.keyword('not');
      if (!this.keyword('null')) throw this.error('expected `null` after `is`', this.peek().span);
      return { kind: 'isNull', expr: left, negated, span: join(left.span, this.prevSpan()) };
    }
    const negated = this.peekKeyword('not') && ['in', 'like', 'between'].includes(this.peekWord(1)) ? (this.next(), true) : false;
    if (this.keyword('in')) {
      const list = this.primary();
      if (list.kind !== 'list') throw this.error('expected a list such as [1, 2] after `in`', list.span);
      return { kind: 'in', expr: left, list: list.items, negated, span: join(left.span, list.span) };
    }
    if (this.keyword('like')) {
      const pattern = this.additive();
      return { kind: 'like', expr: left, pattern, negated, span: join(left.span, pattern.span) };
    }
    if (this.keyword('between')) {
      const low = this.additive();
      if (!this.keyword('and')) throw this.error('expected `and` in `between low and high`', this.peek().span);
      const high = this.additive();
      return { kind: 'between', expr: left, low, high, negated, span: join(left.span, high.span) };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value as BinaryOp;
      const right = this.multiplicative();
      left = { kind: 'binary', op, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().value as BinaryOp;
      const right = this.unary();
      left = { kind: 'binary', op, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.isOp('-')) {
      this.next();
      const operand = this.nested(() => this.unary());
      return { kind: 'unary', op: '-', operand, span: join(t.span, operand.span) };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      const problem = numberLiteralProblem(t.value);
      if (problem) this.diagnostics.push(diag(problem.message, t.span, 'error', problem.hint));
      return { kind: 'number', text: t.value, span: t.span };
    }
    if (t.kind === 'string') {
      this.next();
      return { kind: 'literal', value: t.value, span: t.span };
    }
    if (t.kind === 'param') {
      this.next();
      const value = this.lets.get(t.value);
      if (!value) {
        const hint = suggest(t.value, [...this.lets.keys()]);
        if (hint) throw this.error(`unknown parameter '$${t.value}' — did you mean '$${hint}'?`, t.span);
        throw this.error(`unknown parameter '$${t.value}'`, t.span, `define it before the source: let ${t.value} = …`);
      }
      return value;
    }
    if (t.kind === 'quotedIdent') {
      this.next();
      return { kind: 'column', name: t.value, span: t.span };
    }
    if (this.isOp('(')) {
      this.next();
      const e = this.expr();
      this.expectOp(')', "expected ')'");
      return { ...e, span: join(t.span, this.prevSpan()) };
    }
    if (this.isOp('[')) {
      this.next();
      const items = this.isOp(']') ? [] : this.commaList(() => this.expr());
      this.expectOp(']', "expected ']' to close the list");
      return { kind: 'list', items, span: join(t.span, this.prevSpan()) };
    }
    if (t.kind === 'ident') {
      const word = t.value.toLowerCase();
      if (word === 'true' || word === 'false' || word === 'null') {
        this.next();
        return { kind: 'literal', value: word === 'null' ? null : word === 'true', span: t.span };
      }
      this.next();
      // SQL's CASE WHEN / CASE x WHEN: a column named `case` is still read as one (case == 1)
      if (word === 'case' && ['ident', 'quotedIdent', 'string', 'number'].includes(this.peek().kind)) {
        throw this.error(
          '`case` is not part of the query language: conditional values are if(...), a function like the others',
          t.span,
          "write if(condition, a, [condition2, b, …,] else), e.g. if(AREA_M2 >= 1000, '대형', AREA_M2 >= 300, '중형', '소형')",
        );
      }
      if (word === 'cast' && this.isOp('(')) return this.cast(t);
      if (this.isOp('(')) {
        this.next();
        const args = this.isOp(')') ? [] : this.commaList(() => this.expr());
        this.expectOp(')', `expected ')' to close ${t.value}(`);
        const call = { kind: 'call' as const, name: word, nameSpan: t.span, args, span: join(t.span, this.prevSpan()) };
        return this.keyword('over') ? this.window(call) : call;
      }
      return { kind: 'column', name: t.value, span: t.span };
    }
    throw this.error(`expected a value, column or function, found ${describe(t)}`, t.span);
  }

  // ---- helpers ----

  private commaList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.isOp(',')) {
      this.next();
      items.push(item());
    }
    return items;
  }

  private name(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident' && t.kind !== 'quotedIdent') throw this.error(`expected ${what}, found ${describe(t)}`, t.span);
    return this.next();
  }

  private integer(what: string): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) throw this.error(`expected ${what}, found ${describe(t)}`, t.span);
    // beyond this a row count is no longer exact as a JavaScript number (and no result is that long)
    if (!Number.isSafeInteger(Number(t.value)))
      throw this.error(`${t.value} rows is more than can be counted exactly`, t.span, `at most ${Number.MAX_SAFE_INTEGER}`);
    this.next();
    return Number(t.value);
  }

  private keyword(word: string): boolean {
    if (this.peekKeyword(word)) {
      this.next();
      return true;
    }
    return false;
  }

  private peekKeyword(word: string): boolean {
    return this.peekWord(0) === word;
  }

  private peekWord(ahead: number): string {
    const t = this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
    return t.kind === 'ident' ? t.value.toLowerCase() : '';
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === op;
  }

  private expectOp(op: string, message: string): void {
    if (!this.isOp(op)) throw this.error(`${message}, found ${describe(this.peek())}`, this.peek().span);
    this.next();
  }

  private peek(): Token {
    return this.tokens[this.pos]!;
  }

  private peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  private prevSpan(): Span {
    return this.tokens[Math.max(0, this.pos - 1)]!.span;
  }

  private error(message: string, span: Span, hint?: string): ParseError {
    return new ParseError(diag(message, span, 'error', hint));
  }

  private recover(e: unknown): void {
    if (!(e instanceof ParseError)) throw e;
    this.diagnostics.push(e.diagnostic);
    this.skipToPipe();
  }

  /** To the next top-level '|': one inside parentheses belongs to an appended pipeline. */
  private skipToPipe(): void {
    let depth = 0;
    while (this.peek().kind !== 'eof' && !(depth <= 0 && this.isOp('|'))) {
      if (this.isOp('(')) depth++;
      if (this.isOp(')')) depth--;
      this.next();
    }
  }
}

function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the query';
  if (t.kind === 'string') return `the string '${t.value}'`;
  return `'${t.value}'`;
}
