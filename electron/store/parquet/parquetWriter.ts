import { closeSync, openSync, writeSync } from 'node:fs';
import { growBytes } from '../../../shared/bytes/growBytes';
import { bin, encodeStruct, i32, i64, list, struct, type ThriftValue } from './thriftCompact';

/**
 * A small Parquet writer for staging: every column REQUIRED (no nulls, so pages hold values only),
 * PLAIN encoding, no compression, one data page per column per row group. It exists because
 * writing text for DuckDB to parse cost more than everything else in an import; DuckDB reads
 * these files directly.
 */
export type ParquetType = 'int32' | 'int64' | 'double' | 'boolean' | 'string' | 'binary';

export interface ParquetColumn {
  name: string;
  type: ParquetType;
}

const PHYSICAL: Record<ParquetType, number> = { boolean: 0, int32: 1, int64: 2, double: 5, string: 6, binary: 6 };
const PAR1 = Buffer.from('PAR1');

/** Growable byte buffer for one column's PLAIN values. */
export class ColumnValues {
  buf = Buffer.allocUnsafe(1 << 16);
  /** numbers go through a DataView: ~15× cheaper than Buffer's write methods */
  private view = viewOf(this.buf);
  len = 0;
  count = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    this.buf = growBytes(this.buf, this.len, this.len + n, Buffer.allocUnsafe);
    this.view = viewOf(this.buf);
  }

  int32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.len, v, true);
    this.len += 4;
    this.count++;
  }

  /** Integers up to 2^53 (JS numbers). */
  int64(v: number): void {
    this.ensure(8);
    this.view.setUint32(this.len, v % 0x100000000, true);
    this.view.setInt32(this.len + 4, Math.floor(v / 0x100000000), true);
    this.len += 8;
    this.count++;
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
    this.count++;
  }

  /** One byte per value here; packed to bits when the page is written. */
  boolean(v: boolean): void {
    this.ensure(1);
    this.buf[this.len++] = v ? 1 : 0;
    this.count++;
  }

  string(s: string): void {
    this.ensure(4 + s.length * 3);
    const { buf } = this;
    const at = this.len + 4;
    // Short ASCII text (codes, numbers, dates) is copied in JavaScript: cheaper than a native call.
    let n = 0;
    if (s.length <= 32) {
      for (; n < s.length; n++) {
        const c = s.charCodeAt(n);
        if (c > 0x7f) break;
        buf[at + n] = c;
      }
    }
    if (n < s.length) n = buf.write(s, at, 'utf8');
    this.view.setInt32(this.len, n, true);
    this.len = at + n;
    this.count++;
  }

  binary(b: Uint8Array): void {
    this.ensure(4 + b.length);
    this.view.setInt32(this.len, b.length, true);
    // names and codes are a few bytes: a loop beats TypedArray.set's call for those
    if (b.length <= 32) for (let i = 0, o = this.len + 4; i < b.length; i++) this.buf[o + i] = b[i]!;
    else this.buf.set(b, this.len + 4);
    this.len += 4 + b.length;
    this.count++;
  }

  reset(): void {
    this.len = 0;
    this.count = 0;
  }
}

export class ParquetWriter {
  readonly values: ColumnValues[];
  private readonly fd: number;
  private offset = 0;
  private rows = 0;
  private readonly rowGroups: ThriftValue[] = [];

  constructor(
    readonly path: string,
    private readonly columns: ParquetColumn[],
  ) {
    this.values = columns.map(() => new ColumnValues());
    this.fd = openSync(path, 'w');
    this.write(PAR1);
  }

  /** Rows buffered since the last row group. */
  get pending(): number {
    return this.values[0]!.count;
  }

  /** Writes the buffered rows as one row group. */
  flushRowGroup(): void {
    const n = this.pending;
    if (n === 0) return;
    if (this.values.some((v) => v.count !== n)) throw new Error(`${this.path}: columns have different row counts`);
    const chunks: ThriftValue[] = [];
    let groupBytes = 0;
    this.columns.forEach((col, i) => {
      const v = this.values[i]!;
      const data = col.type === 'boolean' ? packBits(v.buf, v.len) : v.buf.subarray(0, v.len);
      const header = encodeStruct([
        [1, i32(0)], // DATA_PAGE
        [2, i32(data.length)],
        [3, i32(data.length)],
        [5, struct([1, i32(n)], [2, i32(0)], [3, i32(3)], [4, i32(3)])], // PLAIN values, RLE levels (none: required)
      ]);
      const start = this.offset;
      this.write(header);
      this.write(data);
      const size = header.length + data.length;
      groupBytes += size;
      chunks.push(
        struct(
          [2, i64(start)],
          [
            3,
            struct(
              [1, i32(PHYSICAL[col.type])],
              [2, list('i32', [i32(0), i32(3)])],
              [3, list('bin', [bin(col.name)])],
              [4, i32(0)], // UNCOMPRESSED
              [5, i64(n)],
              [6, i64(size)],
              [7, i64(size)],
              [9, i64(start)],
            ),
          ],
        ),
      );
      v.reset();
    });
    this.rowGroups.push(struct([1, list('struct', chunks)], [2, i64(groupBytes)], [3, i64(n)]));
    this.rows += n;
  }

  close(): void {
    this.flushRowGroup();
    const schema = [
      struct([4, bin('schema')], [5, i32(this.columns.length)]),
      ...this.columns.map((c) =>
        struct(
          [1, i32(PHYSICAL[c.type])],
          [3, i32(0)], // REQUIRED
          [4, bin(c.name)],
          [6, c.type === 'string' ? i32(0) : undefined], // UTF8
        ),
      ),
    ];
    const footer = encodeStruct([
      [1, i32(1)],
      [2, list('struct', schema)],
      [3, i64(this.rows)],
      [4, list('struct', this.rowGroups)],
      [6, bin('pilji staging')],
    ]);
    const len = Buffer.alloc(4);
    len.writeInt32LE(footer.length, 0);
    this.write(footer);
    this.write(len);
    this.write(PAR1);
    closeSync(this.fd);
  }

  destroy(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private write(b: Uint8Array): void {
    let done = 0;
    try {
      while (done < b.length) done += writeSync(this.fd, b, done, b.length - done);
    } catch (e) {
      throw new Error(`${this.path}: ${(e as Error).message}`, { cause: e }); // write errors name no file
    }
    this.offset += b.length;
  }
}

export function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function packBits(bytes: Buffer, n: number): Buffer {
  const out = Buffer.alloc(Math.ceil(n / 8));
  for (let i = 0; i < n; i++) if (bytes[i]) out[i >> 3]! |= 1 << (i & 7);
  return out;
}
