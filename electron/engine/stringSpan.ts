import duckdb from '@duckdb/node-bindings';

/**
 * Memory is mapped in pages of at least this size: between two readable bytes closer than this
 * there is no page that could be unreadable, so reading the gap is safe.
 */
const MIN_PAGE = 4096;

/** The most one run may copy (a vector holds 2,048 rows). */
const MAX_RUN = 64 << 20;

/** Rows of a vector, as sort keys hold them beside an address (2,048 fit). */
const ROW_BITS = 2 ** 12;

/** Addresses this far apart or more are not sorted together (keys stay exact in a double). */
const MAX_DISTANCE = 2 ** 53 / ROW_BITS;

/** The address a duckdb_string_t of more than 12 bytes points at (user-space addresses fit 2^53). */
export function stringPointer(view: DataView, offset: number): number {
  return view.getUint32(offset + 8, true) + view.getUint32(offset + 12, true) * 2 ** 32;
}

/** One vector's long strings as a few copied runs of memory. */
export class StringRuns {
  private constructor(
    private readonly runOf: Uint16Array,
    private readonly from: Float64Array,
    private readonly runs: Uint8Array[],
  ) {}

  /**
   * Copies the bytes of one vector's long strings (> 12 bytes) in one native call per run of
   * strings that lie less than a page apart. Parquet pages and DuckDB's string heaps keep them so:
   * a vector of 400-2,048 PNUs, 한글 names or geometries lay in 1-4 runs (small bench store).
   * One call per string was most of the encoder's cost. Null when runs would not save calls.
   */
  static read(raw: Uint8Array, rows: number, valid: (i: number) => boolean): StringRuns | null {
    if (rows >= ROW_BITS) return null;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const at = new Float64Array(rows).fill(-1);
    let lowest = Infinity;
    let highest = 0;
    let count = 0;
    for (let i = 0; i < rows; i++) {
      if (view.getUint32(i * 16, true) <= 12 || !valid(i)) continue;
      const p = stringPointer(view, i * 16);
      at[i] = p;
      lowest = Math.min(lowest, p);
      highest = Math.max(highest, p);
      count++;
    }
    if (count < 2 || highest - lowest >= MAX_DISTANCE) return null;
    // rows in address order: the key is the distance from the lowest address, then the row
    const keys = new Float64Array(count);
    for (let i = 0, k = 0; i < rows; i++) if (at[i]! >= 0) keys[k++] = (at[i]! - lowest) * ROW_BITS + i;
    keys.sort();
    const runOf = new Uint16Array(rows);
    const from = new Float64Array(rows);
    const bounds: [number, number][] = [];
    for (const key of keys) {
      const i = key % ROW_BITS;
      const p = at[i]!;
      const end = p + view.getUint32(i * 16, true);
      const last = bounds[bounds.length - 1];
      if (last && p - last[1] < MIN_PAGE && Math.max(last[1], end) - last[0] <= MAX_RUN) last[1] = Math.max(last[1], end);
      else bounds.push([p, end]);
      runOf[i] = bounds.length - 1;
      from[i] = p - bounds[bounds.length - 1]![0];
    }
    if (bounds.length * 2 > count) return null;
    const address = new BigUint64Array(1);
    const runs = bounds.map(([start, end]) => {
      address[0] = BigInt(start);
      return duckdb.get_data_from_pointer(address.buffer, 0, end - start);
    });
    return new StringRuns(runOf, from, runs);
  }

  /** Row `i`'s string, `size` bytes. */
  bytes(i: number, size: number): Uint8Array {
    const from = this.from[i]!;
    return this.runs[this.runOf[i]!]!.subarray(from, from + size);
  }
}
