/**
 * Arrow's validity bitmap (LSB first), filled row by row: a set bit is a value, a clear one a
 * null. Both ways to Arrow (DuckDB's vectors, node-api's values) fill it through here.
 */
export class ValidityBitmap {
  readonly bits: Uint8Array;
  nullCount = 0;
  private row = 0;

  constructor(readonly length: number) {
    this.bits = new Uint8Array((length + 7) >> 3);
  }

  push(valid: boolean): void {
    if (valid) this.bits[this.row >> 3]! |= 1 << (this.row & 7);
    else this.nullCount++;
    this.row++;
  }

  /** What Arrow takes: no bitmap at all when nothing is null. */
  get nullBitmap(): Uint8Array | undefined {
    return this.nullCount ? this.bits : undefined;
  }
}

/** Whether bit `i` of an LSB-first bitmap is set (Arrow's validity, DuckDB's 64-bit masks on little-endian machines). */
export function bitSet(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3]! >> (i & 7)) & 1) === 1;
}
