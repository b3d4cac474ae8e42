import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../shared/dsl/compile';
import { completionsAt } from '../../shared/dsl/completion';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { EXAMPLES } from '../../shared/dsl/examples';
import { catalog } from '../shared/dslFixtures';
import { fuzzParams, fuzzTimeout, mutated } from './fuzzConfig';

/**
 * The DSL compiler on hostile and broken text: it never throws, every error is located inside
 * the text, and whatever compiles is exactly one SELECT by DuckDB's own parser (or, for the
 * text of a `sql "..."` source, which DuckDB checks when the host describes it, nothing at all).
 */
const TOKENS = [
  'parcels',
  'from',
  '주소목록',
  '|',
  'where',
  'derive',
  'select',
  'sort',
  'take',
  'stats',
  'by',
  'map',
  'color=',
  'parcel_join',
  'address=',
  'keep=',
  'within',
  'bbox(',
  'near(',
  'sql',
  '"SELECT 1"',
  ' ',
  '\n',
  '==',
  '!=',
  '<',
  'and',
  'or',
  'not',
  'in',
  '[',
  ']',
  '(',
  ')',
  ',',
  "'",
  '"',
  '`',
  'PNU',
  'SGG_NM',
  '시도',
  '본번',
  '12',
  '-3.5',
  'like',
  'is null',
  'between',
  'as',
  'desc',
  ';',
  '--',
  '/*',
  '\\',
  '\u0000',
  '산',
];
const token = fc.constantFrom(...TOKENS);
const SEEDS = [
  ...EXAMPLES.map((e) => e.dsl),
  "from 주소목록 | parcel_join address=소재지 keep=all | where JIMOK == '대' | select 시도, PNU, 면적 = AREA_M2 | take 10",
  "parcels | where SGG_NM in ['종로구', '중구'] and not (BONBUN between 1 and 100) | stats count() as n, avg(AREA_M2) by JIMOK | sort n desc",
  'parcels | within bbox(126.9, 37.5, 127.0, 37.6) | derive `평 수` = AREA_M2 / 3.3058 | map color=`평 수`',
];
const texts = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(token, { maxLength: 30 }).map((t) => t.join(' ')),
  mutated(SEEDS, token),
);

let parser: DuckDBConnection;
beforeAll(async () => {
  parser = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => parser.closeSync());

describe('fuzz: DSL compiler', () => {
  const runs = 5000;
  it(
    `${runs}× never throws; errors located inside the text; what compiles is one SELECT`,
    async () => {
      let compiled = 0;
      await fc.assert(
        fc.asyncProperty(texts, fc.nat(), async (text, cursor) => {
          const r = compile(text, catalog);
          for (const d of r.diagnostics) {
            expect(d.span.start).toBeGreaterThanOrEqual(0);
            expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
            expect(d.span.end).toBeLessThanOrEqual(text.length);
            expect(d.line).toBeGreaterThan(0);
            expect(d.message.trim()).not.toBe('');
            expect(formatDiagnostic(d)).toMatch(/^\d+:\d+: /);
          }
          if (r.sql === null) {
            expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          } else {
            compiled++;
            expect(r.sql.trimStart()).toMatch(/^(WITH|SELECT)\b/);
            const statements = await parser.extractStatements(r.sql).catch((e: Error) => e);
            if (statements instanceof Error) {
              // Only a `sql "..."` source is checked by DuckDB itself (the host describes it before
              // running and reports its error located); nothing runs from text DuckDB cannot parse.
              expect(text).toMatch(/\bsql\s*"/);
              expect(statements.message).toMatch(/Parser Error/);
            } else {
              expect(statements.count).toBe(1);
            }
          }
          completionsAt(text, cursor % (text.length + 1), catalog); // must not throw either
        }),
        fuzzParams(runs),
      );
      expect(compiled).toBeGreaterThan(0); // the generator reaches valid queries too
    },
    fuzzTimeout(runs, 2),
  );
});
