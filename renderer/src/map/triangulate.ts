import earcut from 'earcut';

/**
 * Triangle vertex indices (into the polygon's own vertices) for a polygon given as flat lon/lat
 * pairs of its rings, back to back, each ring closed. Most parcels are convex rings without
 * holes: those are fanned from their first vertex, which is exact for them and several times
 * cheaper than earcut's linked lists; everything else goes to earcut.
 */
export function triangulate(flat: ArrayLike<number>, holes: number[], push: (index: number) => void): void {
  if (!holes.length && isConvexRing(flat)) {
    const vertices = flat.length / 2 - 1;
    for (let i = 1; i + 1 < vertices; i++) {
      push(0);
      push(i);
      push(i + 1);
    }
    return;
  }
  for (const t of earcut(flat as number[], holes, 2)) push(t);
}

/**
 * A closed ring (first point repeated last) that turns one way only and winds once: every
 * non-zero turn has the same sign, and walking it the x direction reverses at most twice (a
 * pentagram turns one way too, but its x direction reverses four times).
 */
export function isConvexRing(ring: ArrayLike<number>): boolean {
  const n = ring.length / 2 - 1;
  if (n < 3 || ring[0] !== ring[2 * n] || ring[1] !== ring[2 * n + 1]) return false;
  let turn = 0;
  let reversals = 0;
  let firstDx = 0;
  let lastDx = 0;
  for (let i = 0; i < n; i++) {
    const a = 2 * i;
    const b = 2 * ((i + 1) % n);
    const c = 2 * ((i + 2) % n);
    const dx = ring[b]! - ring[a]!;
    const dy = ring[b + 1]! - ring[a + 1]!;
    const cross = dx * (ring[c + 1]! - ring[b + 1]!) - dy * (ring[c]! - ring[b]!);
    if (cross !== 0) {
      const sign = cross > 0 ? 1 : -1;
      if (turn === 0) turn = sign;
      else if (sign !== turn) return false;
    }
    if (dx !== 0) {
      if (firstDx === 0) firstDx = dx;
      else if (dx > 0 !== lastDx > 0) reversals++;
      lastDx = dx;
    }
  }
  if (firstDx !== 0 && firstDx > 0 !== lastDx > 0) reversals++;
  return turn !== 0 && reversals <= 2;
}
