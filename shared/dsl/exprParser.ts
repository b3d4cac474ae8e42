import { CAST_TYPES, type BinaryOp, type CastType, type Expr, type SortItem } from './ast';
import { diag } from './diagnostics';
import { numberLiteralProblem } from './numberLiteral';
import { suggest } from './suggest';
import type { Token } from './lexer';
import { describe, join, TokenCursor } from './tokenCursor';

const COMPARISON: Record<string, BinaryOp> = { '==': '==', '=': '==', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Parentheses, `not` and unary minus the parser follows before it refuses (its own call stack). */
const MAX_NESTING = 200;

/** Expressions, by recursive descent, lowest precedence first; `$name` stands for its `let` value. */
export class ExprParser extends TokenCursor {
  private nesting = 0;
  /** the values of `let`, by name */
  protected readonly lets = new Map<string, Expr>();

  expr(): Expr {
    return this.nested(() => this.or());
  }

  /** Follows one more level of nesting, or refuses with a located error before the stack runs out. */
  protected nested<T>(parse: () => T): T {
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
    return this.chain(
      () => this.and(),
      () => (this.keyword('or') ? 'or' : null),
    );
  }

  private and(): Expr {
    return this.chain(
      () => this.not(),
      () => (this.keyword('and') ? 'and' : null),
    );
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
      // SQL's `in ('대', '전')` is read as the list it is: parentheses cannot hold a list otherwise
      if (this.isOp('(')) {
        this.next();
        const items = this.isOp(')') ? [] : this.commaList(() => this.expr());
        this.expectOp(')', "expected ')' to close the list after `in`");
        return { kind: 'in', expr: left, list: items, negated, span: join(left.span, this.prevSpan()) };
      }
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
    return this.chain(
      () => this.multiplicative(),
      () => this.operator(['+', '-']),
    );
  }

  private multiplicative(): Expr {
    return this.chain(
      () => this.unary(),
      () => this.operator(['*', '/', '%']),
    );
  }

  /**
   * operand (op operand)…, left-associative: read by a loop, not recursion, so a long chain
   * does not count as nesting. `op` takes the next operator of this level, or returns null.
   */
  private chain(operand: () => Expr, op: () => BinaryOp | null): Expr {
    let left = operand();
    for (let o = op(); o; o = op()) {
      const right = operand();
      left = { kind: 'binary', op: o, left, right, span: join(left.span, right.span) };
    }
    return left;
  }

  /** The next token when it is one of these operators (taken), else null. */
  private operator(ops: readonly BinaryOp[]): BinaryOp | null {
    const op = ops.find((o) => this.isOp(o));
    if (op) this.next();
    return op ?? null;
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

  protected sortItem(): SortItem {
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

  /** SQL's `partition by` / `order by` inside over (…): a located error with this language's spelling. */
  private sqlWindowWords(word: 'partition' | 'order', hint: string): void {
    if (this.peekWord(0) !== word || this.peekWord(1) !== 'by') return;
    throw this.error(`\`${word} by\` is SQL's spelling`, join(this.peek().span, this.peekAt(1).span), hint);
  }

  /** After `f(...)`: over (group columns sort order), either part optional. */
  private window(call: Extract<Expr, { kind: 'call' }>): Expr {
    this.expectOp('(', 'expected `(` after `over`, e.g. over (JIMOK sort AREA_M2 desc) or over ()');
    this.sqlWindowWords('partition', 'the group columns come first, without a keyword: over (SGG_NM sort AREA_M2 desc)');
    const partition = this.isOp(')') || this.peekKeyword('sort') ? [] : this.commaList(() => this.expr());
    this.sqlWindowWords('order', 'write `sort`: over (SGG_NM sort AREA_M2 desc)');
    const order = this.keyword('sort') ? this.commaList(() => this.sortItem()) : [];
    this.expectOp(')', "expected ')' to close `over (`");
    return { kind: 'window', call, partition, order, span: join(call.span, this.prevSpan()) };
  }
}
