/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(w.length, 2) / 3));
  // Korean names are short but dense: '시군구명' vs '시군구' is one edit in four.
  return best !== null && (bestDistance <= allowed || best.includes(word) || word.includes(best)) ? best : null;
}

/** `unknown <what> 'name'`, naming the closest candidate when it is a likely typo: one wording for every kind of name. */
export function unknownName(what: string, name: string, candidates: Iterable<string>): string {
  const hint = suggest(name, candidates);
  return `unknown ${what} '${name}'${hint ? ` — did you mean '${hint}'?` : ''}`;
}

export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[B.length]!;
}
