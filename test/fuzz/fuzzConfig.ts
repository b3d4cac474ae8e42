import fc from 'fast-check';

/**
 * Fuzz budgets: small in `npm test` (seconds), large in `npm run fuzz` (PILJI_FUZZ_SCALE=100,
 * minutes). A failure prints fast-check's seed and shrunk input; replay it with PILJI_FUZZ_SEED.
 */
const scale = Number(process.env.PILJI_FUZZ_SCALE ?? 1);
const seed = process.env.PILJI_FUZZ_SEED ? Number(process.env.PILJI_FUZZ_SEED) : undefined;

export function fuzzParams(runs: number): fc.Parameters<unknown> {
  return { numRuns: Math.max(1, Math.round(runs * scale)), seed, verbose: 1 };
}

/** The vitest time limit for a fuzz test with `runs` cases of about `msPerRun` each. */
export function fuzzTimeout(runs: number, msPerRun: number): number {
  return Math.max(30_000, runs * scale * msPerRun * 3);
}

/** Mutations of a valid input: characters inserted, deleted, replaced or a slice repeated. */
export function mutated(seeds: readonly string[], alphabet: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.oneof(alphabet, fc.string({ maxLength: 6 }), fc.constant('')));
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
    let s = text;
    for (const [at, del, ins] of edits) {
      const i = s.length ? at % (s.length + 1) : 0;
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });
}
