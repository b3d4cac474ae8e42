import type { Expr } from './ast';
import { diag, type Diagnostic } from './diagnostics';

/**
 * The engine's regular expressions are RE2: no lookaround and no back-references, and a bad
 * pattern fails only when rows are read. A written pattern is judged here instead, at its place.
 * JavaScript's parser stands in for RE2's syntax (they agree on what analysts write); the
 * constructs RE2 lacks are refused by name.
 */
export function regexPatternProblem(pattern: string): string | null {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookahead and lookbehind ((?=…), (?!…)) are not supported';
  if (/\\[1-9]/.test(pattern)) return 'back-references (\\1) are not supported';
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/.*\/u?: /, '');
  }
}

/** matches(text, pattern) and extract(text, pattern, group): a written pattern that parses, a group 0–9 written as a number. */
export function checkRegexCall(e: Extract<Expr, { kind: 'call' }>, out: Diagnostic[]): void {
  const pattern = e.args[1];
  if (pattern?.kind === 'literal' && typeof pattern.value === 'string') {
    const problem = regexPatternProblem(pattern.value);
    if (problem) out.push(diag(`not a regular expression: ${problem}`, pattern.span));
  }
  const group = e.args[2];
  if (e.name === 'extract' && group && !(group.kind === 'number' && /^[0-9]$/.test(group.text))) {
    out.push(
      diag(
        'the group of extract() is a number from 0 (the whole match) to 9, written as a number',
        group.span,
        'error',
        "e.g. extract(JIBUN, '([0-9]+)-', 1)",
      ),
    );
  }
}
