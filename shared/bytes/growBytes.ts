/**
 * Room for `needed` bytes: `bytes` itself when it is long enough, else a new array at least twice
 * as long (appending stays amortised O(1)) holding the `used` bytes that start at `from`, moved
 * to its start. `allocate` makes the new array (Node's Buffer.allocUnsafe skips zeroing).
 */
export function growBytes<T extends Uint8Array>(bytes: T, used: number, needed: number, allocate: (size: number) => T, from = 0): T {
  if (needed <= bytes.length) return bytes;
  const bigger = allocate(Math.max(bytes.length * 2, needed));
  bigger.set(bytes.subarray(from, from + used));
  return bigger;
}

export const newBytes = (size: number) => new Uint8Array(size);
