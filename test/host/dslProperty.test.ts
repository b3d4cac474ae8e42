import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogColumn } from '../../shared/dsl/catalog';
import { dslIdent } from '../../shared/dsl/dslText';
import { FUNCTIONS } from '../../shared/dsl/functions';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';
import { fuzzParams, fuzzTimeout } from '../fuzz/fuzzConfig';

/**
 * The checker's promise, on the real engine: a random query over the sample store's columns
 * (well-typed or not), on the store and on a model with Korean column names, either runs on DuckDB without a binder or conversion error, or is refused
 * by the checker with diagnostics located inside the text. Only data-dependent errors (an
 * overflow, a cast of a value that does not convert) may still come from the engine, located at
 * the step that caused them.
 */
let core: HostCore;
let sources: { from: string; columns: CatalogColumn[] }[];
beforeAll(async () => {
  const workspace = tempDir('dsl-property');
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
  // a model with Korean names, and a name that needs backticks, beside the store
  const file = `${workspace}/목록.parquet`;
  await core.engine
    .exec(`COPY (SELECT PNU AS 필지번호, JIMOK AS 지목, BONBUN AS 본번, AREA_M2 AS "신청 면적", SOURCE_DATE AS 기준일, SAN AS 산
    FROM parcels LIMIT 200) TO '${file}' (FORMAT parquet)`);
  await core.addModel('신청_목록', file);
  const columnsOf = (name: string) => core.catalog().tables.find((t) => t.name === name)!.columns;
  sources = [
    { from: 'parcels', columns: columnsOf('parcels') },
    { from: 'from 신청_목록', columns: columnsOf('신청_목록') },
  ];
});
afterAll(async () => core.close());

const LITERALS = [
  '0',
  '1',
  '12',
  '-3',
  '2.5',
  '3.3058',
  '1e3',
  '1111010200',
  '1111010200100190001',
  '99999999999999999999',
  '0.123456789012345678',
  "'대'",
  "'전'",
  "'종로구'",
  "'1111010200'",
  "'12'",
  "'%구'",
  "'2024.06.30'",
  "'20240630'",
  "'2024-06-30'",
  "'2024/6/30'",
  "'2024.13.01'",
  'true',
  'false',
  'null',
];
const SCALARS = Object.entries(FUNCTIONS).filter(([, f]) => !f.aggregate);
const AGGREGATES = Object.keys(FUNCTIONS).filter((n) => FUNCTIONS[n]!.aggregate);
const COMPARISONS = ['==', '!=', '<', '<=', '>', '>='];
const ARITHMETIC = ['+', '-', '*', '/', '%'];

/**
 * Well-typed expressions, so that many queries get past the checker and reach the engine: numbers,
 * texts and conditions built from the store's columns of those types.
 */
function typed(cols: CatalogColumn[]) {
  const of = (...types: string[]) => fc.constantFrom(...cols.filter((c) => types.includes(c.type)).map((c) => dslIdent(c.name)));
  const numLiteral = fc.constantFrom(
    '0',
    '1',
    '12',
    '2.5',
    '3.3058',
    '1111010200100190001',
    '99999999999999999999',
    '0.123456789012345678',
  );
  const textLiteral = fc.constantFrom("'대'", "'종로구'", "'1111010200'", "'%구'", "''");
  const dateLiteral = fc.constantFrom("'2024.06.30'", "'20240101'", "'2024-06-30'", "'2024/7/1'");
  return fc.letrec<{ num: string; text: string; cond: string }>((tie) => ({
    num: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'typed' },
      of('integer', 'number'),
      numLiteral,
      fc.tuple(tie('num'), fc.constantFrom(...ARITHMETIC), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('num').map((a) => `round(${a}, 1)`),
      tie('num').map((a) => `abs(${a})`),
      tie('text').map((t) => `length(${t})`),
      fc.tuple(tie('num'), tie('num')).map(([a, b]) => `greatest(${a}, ${b})`),
    ),
    text: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'typed' },
      of('string'),
      textLiteral,
      tie('text').map((t) => `lower(${t})`),
      fc.tuple(tie('text'), of('integer')).map(([t, n]) => `left(${t}, ${n})`),
      fc.tuple(tie('text'), tie('num')).map(([t, n]) => `concat(${t}, '-', ${n})`),
      fc.tuple(tie('text'), textLiteral).map(([t, d]) => `coalesce(${t}, ${d})`),
    ),
    cond: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'typed' },
      fc.tuple(tie('num'), fc.constantFrom(...COMPARISONS), tie('num')).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(tie('text'), fc.constantFrom(...COMPARISONS), tie('text')).map(([a, op, b]) => `${a} ${op} ${b}`),
      fc.tuple(tie('text'), textLiteral).map(([t, p]) => `${t} like ${p}`),
      fc.tuple(of('date'), fc.constantFrom(...COMPARISONS), dateLiteral).map(([d, op, l]) => `${d} ${op} ${l}`),
      fc.tuple(of('date'), dateLiteral, dateLiteral).map(([d, a, b]) => `${d} between ${a} and ${b}`),
      fc.tuple(tie('text'), fc.array(textLiteral, { minLength: 1, maxLength: 3 })).map(([t, l]) => `${t} in [${l.join(', ')}]`),
      of('boolean'),
      fc.tuple(tie('cond'), fc.constantFrom('and', 'or'), tie('cond')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      tie('cond').map((c) => `not ${c}`),
    ),
  }));
}

function queries(source: string, cols: CatalogColumn[]): fc.Arbitrary<string> {
  const column = fc.constantFrom(...cols.map((c) => dslIdent(c.name)));
  const { num, text, cond } = typed(cols);
  const atom = fc.oneof({ weight: 3, arbitrary: column }, { weight: 2, arbitrary: fc.constantFrom(...LITERALS) });
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'expr' },
      atom,
      fc
        .tuple(tie('expr'), fc.constantFrom(...COMPARISONS, ...ARITHMETIC, 'and', 'or'), tie('expr'))
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(fc.constantFrom(...SCALARS), fc.array(tie('expr'), { maxLength: 3 })).map(([[name, spec], args]) => {
        const n = Math.min(Math.max(args.length, spec.minArgs), spec.maxArgs);
        const filled = Array.from({ length: n }, (_, i) => args[i] ?? '1');
        return `${name}(${filled.join(', ')})`;
      }),
      fc.tuple(tie('expr'), fc.array(atom, { minLength: 1, maxLength: 3 })).map(([a, items]) => `${a} in [${items.join(', ')}]`),
      fc.tuple(atom, atom, atom).map(([a, lo, hi]) => `${a} between ${lo} and ${hi}`),
      fc.tuple(atom, atom).map(([a, p]) => `${a} like ${p}`),
      tie('expr').map((a) => `not ${a}`),
      tie('expr').map((a) => `${a} is not null`),
      tie('expr').map((a) => `-${a}`),
    ),
  }));
  const call = fc.tuple(fc.constantFrom(...AGGREGATES), fc.oneof(column, num, expr), fc.boolean()).map(([name, arg, rounded]) => {
    const c = name === 'count' ? 'count()' : `${name}(${arg})`;
    return rounded ? `round(${c}, 1)` : c;
  });
  // an aggregate alone, or in an expression with row values (which must then be `by` columns)
  const aggregate = fc.oneof(
    call,
    fc.tuple(call, fc.constantFrom(...COMPARISONS, ...ARITHMETIC), expr).map(([c, op, e]) => `${c} ${op} ${e}`),
  );
  // half of the values well-typed, half anything: both sides of the promise get exercised
  const value = fc.oneof(expr, num, text);
  const condition = fc.oneof(expr, cond);
  const step = fc.oneof(
    condition.map((e) => `where ${e}`),
    value.map((e) => `derive v = ${e}`),
    fc.tuple(column, value).map(([c, e]) => `select ${c}, ${e} as w`),
    value.map((e) => `sort ${e} desc`),
    fc.constantFrom('within bbox(126.9, 37.5, 127.1, 37.7)', 'within near(126.98, 37.57, 800)'),
    fc
      .tuple(fc.array(aggregate, { minLength: 1, maxLength: 2 }), column)
      .map(([aggs, by]) => `stats ${aggs.map((a, i) => `${a} as a${i}`).join(', ')} by ${by}`),
    // the language of the plan stage: windows, if, cast, distinct, sample
    fc
      .tuple(fc.constantFrom('row_number()', 'rank()', 'lag(PNU)', 'sum(AREA_M2)', 'count()'), column, value)
      .map(([f, g, o]) => `derive r = ${f} over (${g} sort ${o} desc)`),
    fc.tuple(condition, value, value).map(([c, a, b]) => `derive i = if(${c}, ${a}, ${b})`),
    fc.tuple(value, fc.constantFrom('integer', 'number', 'text', 'date', 'boolean')).map(([v, t]) => `derive c = cast(${v} as ${t})`),
    column.map((c) => `distinct ${c}`),
    fc.constant('sample 20'),
  );
  return fc.array(step, { minLength: 1, maxLength: 3 }).map((steps) => [source, ...steps, 'take 50'].join('\n| '));
}

describe('property: checked queries run on the engine', () => {
  const runs = 300;
  it(
    `${runs} random queries over the sample store: run cleanly, or refused with located diagnostics`,
    async () => {
      let ran = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.oneof(...sources.map((s) => queries(s.from, s.columns))), async (dsl) => {
          const outcome = await core.queries.run(dsl);
          if (!outcome.ok) {
            if (outcome.error.code === 'engine') {
              // data the engine cannot compute (an overflow, a cast of a value that does not convert, a
              // buffer distance out of range): located at its step
              expect(outcome.error.error).toMatch(/Out of Range|Conversion Error|buffer\(\): the distance is at most/);
              expect(outcome.error.diagnostics?.length).toBe(1);
            } else {
              expect(outcome.error.code).toBe('dsl');
              refused++;
              const diagnostics = outcome.error.diagnostics ?? [];
              expect(diagnostics.length).toBeGreaterThan(0);
              for (const d of diagnostics) {
                expect(d.span.start).toBeGreaterThanOrEqual(0);
                expect(d.span.end).toBeLessThanOrEqual(dsl.length);
                expect(d.line).toBeGreaterThan(0);
              }
            }
            return;
          }
          try {
            await new Response(outcome.body).arrayBuffer();
            ran++;
          } catch (e) {
            expect((e as Error).message).toMatch(/Out of Range|Conversion Error/); // an error met while streaming rows
          }
        }),
        fuzzParams(runs),
      );
      // the generator reaches both sides of the promise
      expect(ran).toBeGreaterThan((ran + refused) / 5);
      expect(refused).toBeGreaterThan((ran + refused) / 5);
    },
    fuzzTimeout(runs, 60),
  );
});
