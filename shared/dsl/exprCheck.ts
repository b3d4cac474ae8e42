import type { Expr } from './ast';
import { findColumn, type CatalogColumn } from './catalog';
import { checkCall, checkWindow } from './callCheck';
import { compare, isNull, unify } from './compareCheck';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { numberLiteralType } from './numberLiteral';
import type { Context, Scope } from './scope';
import { unknownName } from './suggest';
import { kindOf, literalText, rewriteLiteral, typeWords, type ValueType } from './valueTypes';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

/** Types the expressions of one step against the columns entering it. */
export class ExprScope implements Scope {
  constructor(
    readonly cols: CatalogColumn[],
    readonly out: Diagnostic[],
    readonly dates: Map<Expr, string>,
    readonly windows: boolean,
  ) {}

  resolve(name: string): string | null {
    return findColumn(this.cols, name)?.name ?? null;
  }

  unknownColumn(name: string, span: Span): void {
    const names = this.cols.map((c) => c.name);
    this.out.push(diag(unknownName('column', name, names), span));
  }

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
        } else compare(this, e.left, l, e.right, r, e.span);
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
        return checkCall(this, e, context);
      case 'list':
        e.items.forEach((i) => this.expr(i, context));
        this.out.push(diag('a list [...] only follows `in`', e.span, 'error', "write x in ['a', 'b']"));
        return 'unknown';
      case 'in':
        unify(
          this,
          [e.expr, ...e.list].map((x) => ({ expr: x, type: this.expr(x, context) })),
        );
        return 'boolean';
      case 'isNull':
        this.expr(e.expr, context);
        return 'boolean';
      case 'between':
        unify(
          this,
          [e.expr, e.low, e.high].map((x) => ({ expr: x, type: this.expr(x, context) })),
        );
        return 'boolean';
      case 'window':
        return checkWindow(this, e, context);
      case 'cast': {
        const t = this.expr(e.expr, context);
        const k = kindOf(t);
        if (k === 'geometry' || k === 'struct' || k === 'opaque')
          this.out.push(diag(`cast converts values, not ${typeWords(t)}`, e.expr.span));
        return e.to === 'text' ? 'string' : e.to;
      }
      case 'like':
        return this.like(e, context);
    }
  }

  name(e: Expr): string | null {
    if (e.kind === 'column') return this.resolve(e.name) ?? e.name;
    return literalText(e);
  }

  private like(e: Extract<Expr, { kind: 'like' }>, context: Context): ValueType {
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
        diag(`the \`like\` pattern is text, not ${typeWords(p)}`, e.pattern.span, 'error', rewriteLiteral(e.pattern, 'text') ?? undefined),
      );
    }
    return 'boolean';
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
}
