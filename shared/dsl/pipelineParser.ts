import { COMMANDS, type Option, type Pipeline, type SelectItem, type Source, type Step } from './ast';
import { diag } from './diagnostics';
import { ExprParser } from './exprParser';
import { suggest } from './suggest';
import { describe, join } from './tokenCursor';

/**
 * The pipeline: `let`s, the source and the steps. Errors inside one step are recorded and
 * parsing resumes at the next top-level `|`, so several mistakes are reported in one pass.
 */
export class PipelineParser extends ExprParser {
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
        const foreign = FOREIGN_COMMANDS[word];
        if (foreign) throw this.error(`unknown command '${t.value}'`, t.span, foreign);
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

  private selectItem(): SelectItem {
    const expr = this.expr();
    if (this.keyword('as')) {
      const alias = this.name('a name after `as`');
      return { expr, alias: alias.value, span: join(expr.span, alias.span) };
    }
    return { expr, alias: null, span: expr.span };
  }
}

/** Step names of SQL, PRQL, dplyr and pandas, and the step that does the same here. */
const FOREIGN_COMMANDS: Readonly<Record<string, string>> = {
  filter: 'keep rows with `where <condition>`',
  order: 'order rows with `sort a, b desc`',
  arrange: 'order rows with `sort a, b desc`',
  group: 'aggregate per group with `stats count(), sum(x) by a, b`',
  groupby: 'aggregate per group with `stats count(), sum(x) by a, b`',
  aggregate: 'aggregate with `stats count(), sum(x) by a, b`',
  summarise: 'aggregate with `stats count(), sum(x) by a, b`',
  summarize: 'aggregate with `stats count(), sum(x) by a, b`',
  mutate: 'add computed columns with `derive name = <expression>`',
  limit: 'keep the first rows with `take N`',
  head: 'keep the first rows with `take N`',
  top: 'keep the first rows with `sort x desc | take N`',
  rename: 'rename with `select a as b, …` (it keeps only the columns named) or `derive b = a`',
  union: 'add the rows of another pipeline with `append (from <model> | …)`',
};
