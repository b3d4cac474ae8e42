import { describe, expect, it } from 'vitest';
import { compile, MAX_DIAGNOSTICS, MAX_DSL_CHARS } from '../../shared/dsl/compile';
import { PARCELS, type Catalog } from '../../shared/dsl/catalog';

/**
 * Hostile or runaway query text: every case ends in located diagnostics, never a JavaScript
 * error (a stack overflow) and never an unbounded list of them. The host and the editor run the
 * same compiler.
 */
const catalog: Catalog = {
  tables: [
    {
      name: PARCELS,
      kind: 'store',
      columns: [
        { name: 'PNU', type: 'string' },
        { name: 'AREA_M2', type: 'number' },
      ],
    },
  ],
};

const errors = (dsl: string) => {
  const r = compile(dsl, catalog);
  expect(r.sql).toBeNull();
  return r.diagnostics;
};

describe('limits of the compiler', () => {
  it.each([
    ['3,000 nested parentheses', `parcels | where ${'('.repeat(3000)}1${')'.repeat(3000)} == 1`, /nested more than 200 levels/],
    ['3,000 nested lists', `parcels | derive x = ${'['.repeat(3000)}`, /nested more than 200 levels/],
    ['3,000 nots', `parcels | where ${'not '.repeat(3000)}true`, /nested more than 200 levels/],
    ['3,000 minus signs', `parcels | derive x = ${'- '.repeat(3000)}1`, /nested more than 200 levels/],
    ['3,000 nested calls', `parcels | derive x = ${'abs('.repeat(3000)}1${')'.repeat(3000)}`, /nested more than 200 levels/],
    [
      'a chain of 20,000 additions',
      `parcels | derive x = 1${' + AREA_M2'.repeat(5000)}`,
      /nested more than 500 levels deep.*in \[\.\.\.\]/,
    ],
    ['a chain of 3,000 ors', `parcels | where PNU == 'a'${" or PNU == 'b'".repeat(3000)}`, /nested more than 500 levels deep/],
  ])('%s: one located error', (_name, dsl, why) => {
    const d = errors(dsl);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(why);
    expect(d[0]!.line).toBe(1);
    expect(d[0]!.col).toBeGreaterThan(16);
  });

  it('a chain just under the depth limit still compiles', () => {
    expect(compile(`parcels | where PNU == 'a'${" or PNU == 'b'".repeat(400)}`, catalog).sql).toMatch(/^WITH/);
  });

  it(`text over ${MAX_DSL_CHARS} characters is refused whole, located where the limit is passed`, () => {
    const dsl = `parcels\n| where PNU == '${'1'.repeat(MAX_DSL_CHARS)}'`;
    const d = errors(dsl);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/the limit is 65,536/);
    expect(d[0]!.line).toBe(2);
  });

  it(`thousands of mistakes give ${MAX_DIAGNOSTICS} diagnostics and a count of the rest`, () => {
    const d = errors(`parcels${' | foo'.repeat(5000)}`);
    expect(d).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(d[MAX_DIAGNOSTICS]!.message).toMatch(/^4900 more problems not shown/);
    expect(d.every((x) => x.line === 1)).toBe(true);
  });

  it('a sql source of thousands of calls gets a bounded list of editor hints', () => {
    const r = compile(`sql "SELECT 1 FROM parcels WHERE 1 IN (${', a('.repeat(10_000)}"`, catalog);
    expect(r.diagnostics.length).toBeLessThanOrEqual(20);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});
