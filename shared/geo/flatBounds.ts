export type Bounds = [number, number, number, number];

/** Bounds that contain nothing yet: what flatBounds starts from. */
export const emptyBounds = (): Bounds => [Infinity, Infinity, -Infinity, -Infinity];

/**
 * [xmin, ymin, xmax, ymax] of the x/y pairs numbered `from` (inclusive) to `to` (exclusive) of a
 * flat coordinate array, grown into `into` (so the rings of one shape share one call's result).
 */
export function flatBounds(c: ArrayLike<number>, from = 0, to = c.length / 2, into: Bounds = emptyBounds()): Bounds {
  let [x0, y0, x1, y1] = into;
  for (let i = from * 2; i < to * 2; i += 2) {
    const x = c[i]!;
    const y = c[i + 1]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  into[0] = x0;
  into[1] = y0;
  into[2] = x1;
  into[3] = y1;
  return into;
}
