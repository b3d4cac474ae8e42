import { diag, type Diagnostic, type Span } from './diagnostics';
import type { Token } from './lexer';

class ParseError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** The parser's position in the tokens, and how it reads, expects and recovers from them. */
export class TokenCursor {
  private pos = 0;

  constructor(
    protected readonly tokens: Token[],
    protected readonly diagnostics: Diagnostic[],
  ) {}

  protected commaList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.isOp(',')) {
      this.next();
      items.push(item());
    }
    return items;
  }

  protected name(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident' && t.kind !== 'quotedIdent') throw this.error(`expected ${what}, found ${describe(t)}`, t.span);
    return this.next();
  }

  protected integer(what: string): number {
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) throw this.error(`expected ${what}, found ${describe(t)}`, t.span);
    // beyond this a row count is no longer exact as a JavaScript number (and no result is that long)
    if (!Number.isSafeInteger(Number(t.value)))
      throw this.error(`${t.value} rows is more than can be counted exactly`, t.span, `at most ${Number.MAX_SAFE_INTEGER}`);
    this.next();
    return Number(t.value);
  }

  protected keyword(word: string): boolean {
    if (this.peekKeyword(word)) {
      this.next();
      return true;
    }
    return false;
  }

  protected peekKeyword(word: string): boolean {
    return this.peekWord(0) === word;
  }

  protected peekWord(ahead: number): string {
    const t = this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
    return t.kind === 'ident' ? t.value.toLowerCase() : '';
  }

  protected isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === op;
  }

  protected expectOp(op: string, message: string): void {
    if (!this.isOp(op)) throw this.error(`${message}, found ${describe(this.peek())}`, this.peek().span);
    this.next();
  }

  protected peek(): Token {
    return this.tokens[this.pos]!;
  }

  protected peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  protected next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  protected prevSpan(): Span {
    return this.tokens[Math.max(0, this.pos - 1)]!.span;
  }

  protected error(message: string, span: Span, hint?: string): ParseError {
    return new ParseError(diag(message, span, 'error', hint));
  }

  protected recover(e: unknown): void {
    if (!(e instanceof ParseError)) throw e;
    this.diagnostics.push(e.diagnostic);
    this.skipToPipe();
  }

  /** To the next top-level '|': one inside parentheses belongs to an appended pipeline. */
  protected skipToPipe(): void {
    let depth = 0;
    while (this.peek().kind !== 'eof' && !(depth <= 0 && this.isOp('|'))) {
      if (this.isOp('(')) depth++;
      if (this.isOp(')')) depth--;
      this.next();
    }
  }
}

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the query';
  if (t.kind === 'string') return `the string '${t.value}'`;
  return `'${t.value}'`;
}
