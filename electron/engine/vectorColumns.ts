import duckdb from '@duckdb/node-bindings';
import { DuckDBTypeId, type DuckDBDataChunk } from '@duckdb/node-api';
import { StringRuns, stringPointer } from './stringSpan';
import { Binary, Bool, Float64, Int32, Int64, Struct, Utf8, makeData, type Data, type DataType } from 'apache-arrow';
import { growBytes, newBytes } from '../../shared/bytes/growBytes';
import type { ColumnSpec } from './columnSpec';
import { bitSet, ValidityBitmap } from './validityBitmap';

/**
 * DuckDB vectors read straight into Arrow buffers: one native call per chunk for fixed-width
 * columns and the string headers, bytes copied without decoding (both sides are UTF-8). Reading
 * through @duckdb/node-api's values cost about 15 µs a parcel row, 95% of a 100,000-parcel query.
 * Result chunks from DuckDB's C API are flat, so every vector is a plain array.
 */
export function vectorColumn(chunks: DuckDBDataChunk[], column: number, spec: ColumnSpec, type: DataType): Data | null {
  const vectors = chunks.map((c) => duckdb.data_chunk_get_vector(c.chunk, column));
  return vectorsData(
    vectors,
    chunks.map((c) => c.rowCount),
    spec,
    type,
  );
}

/** One column's vectors (one a chunk, `rows` in each) as Arrow; null for what only node-api's values read. */
function vectorsData(vectors: duckdb.Vector[], rows: number[], spec: ColumnSpec, type: DataType): Data | null {
  const { typeId } = spec;
  const read = FIXED[typeId];
  const isString = typeId === DuckDBTypeId.VARCHAR || typeId === DuckDBTypeId.BLOB || typeId === DuckDBTypeId.GEOMETRY;
  const isStruct = type instanceof Struct;
  if (!read && !isString && !isStruct && typeId !== DuckDBTypeId.DATE) return null;
  const n = rows.reduce((sum, r) => sum + r, 0);
  const { bits: bitmap, nullCount, nullBitmap } = validity(vectors, rows, n);
  if (read) return read(vectors, rows, n, type, nullCount, nullBitmap);
  if (isStruct) {
    // the entries' vectors are flat too, as long as the struct's
    const children = type.children.map((f, k) =>
      vectorsData(
        vectors.map((v) => duckdb.struct_vector_get_child(v, k)),
        rows,
        spec.entries![k]!,
        f.type,
      ),
    );
    return children.every((c) => c !== null) ? makeData({ type, length: n, nullCount, nullBitmap, children }) : null;
  }
  if (!isString) {
    const text = dateText(vectors, rows, n);
    return text && makeData({ type: type as Utf8, length: n, nullCount, nullBitmap, ...textBytes(n, bitmap, text) });
  }
  const { offsets, data } = stringBytes(vectors, rows, n, bitmap, typeId === DuckDBTypeId.VARCHAR);
  return type instanceof Utf8
    ? makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: offsets, data })
    : makeData({ type: type as Binary, length: n, nullCount, nullBitmap, valueOffsets: offsets, data });
}

/** Arrow's validity bitmap (LSB first, as DuckDB's 64-bit masks are on little-endian machines). */
function validity(vectors: duckdb.Vector[], rows: number[], n: number): ValidityBitmap {
  const bitmap = new ValidityBitmap(n);
  vectors.forEach((v, c) => {
    const count = rows[c]!;
    const mask = duckdb.vector_get_validity(v, Math.ceil(count / 64) * 8);
    for (let i = 0; i < count; i++) bitmap.push(!mask || bitSet(mask, i));
  });
  return bitmap;
}

/**
 * duckdb_string_t is 16 bytes: length, then the bytes inline when ≤ 12, else a 4-byte prefix and
 * a pointer. A vector's long strings are copied a few runs at a time (stringSpan.ts) when that
 * saves calls, else one by one: strings from a Parquet dictionary share a pointer, so text columns fetch each
 * distinct value once per batch; geometry is always fetched.
 */
function stringBytes(
  vectors: duckdb.Vector[],
  counts: number[],
  n: number,
  bitmap: Uint8Array,
  dedupe: boolean,
): { offsets: Int32Array; data: Uint8Array } {
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(1024, n * 16));
  let at = 0;
  let row = 0;
  const seen = new Map<number, Uint8Array>();
  vectors.forEach((v, c) => {
    const rows = counts[c]!;
    const raw = duckdb.vector_get_data(v, rows * 16);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const first = row;
    const runs = StringRuns.read(raw, rows, (i) => bitSet(bitmap, first + i));
    for (let i = 0; i < rows; i++, row++) {
      if (bitSet(bitmap, row)) {
        const o = i * 16;
        const size = view.getUint32(o, true);
        bytes = growBytes(bytes, at, at + size, newBytes);
        // a loop: a subarray for `set` costs more than copying 12 bytes (the short codes, 지목, 지번)
        if (size <= 12) for (let k = 0; k < size; k++) bytes[at + k] = raw[o + 4 + k]!;
        else if (runs) bytes.set(runs.bytes(i, size), at);
        else {
          const pointer = stringPointer(view, o);
          let src = dedupe ? seen.get(pointer) : undefined;
          if (src?.length !== size) {
            src = duckdb.get_data_from_pointer(raw.buffer as ArrayBuffer, raw.byteOffset + o + 8, size);
            if (dedupe) seen.set(pointer, src);
          }
          bytes.set(src, at);
        }
        at += size;
      }
      offsets[row + 1] = at;
    }
  });
  return { offsets, data: bytes.subarray(0, at) };
}

type FixedReader = (
  vectors: duckdb.Vector[],
  rows: number[],
  n: number,
  type: DataType,
  nullCount: number,
  nullBitmap: Uint8Array | undefined,
) => Data;

/** Copies each chunk's values (`width` bytes each) into one aligned buffer. */
function gather(vectors: duckdb.Vector[], rows: number[], n: number, width: number): ArrayBuffer {
  const out = new Uint8Array(n * width);
  let at = 0;
  vectors.forEach((v, c) => {
    out.set(duckdb.vector_get_data(v, rows[c]! * width), at);
    at += rows[c]! * width;
  });
  return out.buffer;
}

/** Values of a narrower or differently typed column, widened into the Arrow type's array. */
function widened<T extends Int32Array | Float64Array | BigInt64Array>(
  source: (b: ArrayBuffer) => ArrayLike<number>,
  width: number,
  target: (n: number) => T,
  convert: (x: number) => T[number],
): FixedReader {
  return (vectors, rows, n, type, nullCount, nullBitmap) => {
    const src = source(gather(vectors, rows, n, width));
    const data = target(n);
    for (let i = 0; i < n; i++) data[i] = convert(src[i]!);
    return makeData({ type: type as Int32, length: n, nullCount, nullBitmap, data: data as unknown as Int32Array });
  };
}

const same = (x: number) => x;
const FIXED: Partial<Record<DuckDBTypeId, FixedReader>> = {
  [DuckDBTypeId.BOOLEAN]: (vectors, rows, n, type, nullCount, nullBitmap) => {
    const src = new Uint8Array(gather(vectors, rows, n, 1));
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (src[i]) bits[i >> 3]! |= 1 << (i & 7);
    return makeData({ type: type as Bool, length: n, nullCount, nullBitmap, data: bits });
  },
  [DuckDBTypeId.TINYINT]: widened(
    (b) => new Int8Array(b),
    1,
    (n) => new Int32Array(n),
    same,
  ),
  [DuckDBTypeId.UTINYINT]: widened(
    (b) => new Uint8Array(b),
    1,
    (n) => new Int32Array(n),
    same,
  ),
  [DuckDBTypeId.SMALLINT]: widened(
    (b) => new Int16Array(b),
    2,
    (n) => new Int32Array(n),
    same,
  ),
  [DuckDBTypeId.USMALLINT]: widened(
    (b) => new Uint16Array(b),
    2,
    (n) => new Int32Array(n),
    same,
  ),
  [DuckDBTypeId.INTEGER]: (vectors, rows, n, type, nullCount, nullBitmap) =>
    makeData({ type: type as Int32, length: n, nullCount, nullBitmap, data: new Int32Array(gather(vectors, rows, n, 4)) }),
  [DuckDBTypeId.UINTEGER]: widened(
    (b) => new Uint32Array(b),
    4,
    (n) => new BigInt64Array(n),
    BigInt,
  ),
  [DuckDBTypeId.BIGINT]: (vectors, rows, n, type, nullCount, nullBitmap) =>
    makeData({ type: type as Int64, length: n, nullCount, nullBitmap, data: new BigInt64Array(gather(vectors, rows, n, 8)) }),
  [DuckDBTypeId.FLOAT]: widened(
    (b) => new Float32Array(b),
    4,
    (n) => new Float64Array(n),
    same,
  ),
  [DuckDBTypeId.DOUBLE]: (vectors, rows, n, type, nullCount, nullBitmap) =>
    makeData({ type: type as Float64, length: n, nullCount, nullBitmap, data: new Float64Array(gather(vectors, rows, n, 8)) }),
};

/** Text columns built in JS, UTF-8 encoded into one buffer. */
function textBytes(n: number, bitmap: Uint8Array, text: (row: number) => string): { valueOffsets: Int32Array; data: Uint8Array } {
  const encoder = new TextEncoder();
  const valueOffsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(Math.max(1024, n * 16));
  let at = 0;
  for (let row = 0; row < n; row++) {
    if (bitSet(bitmap, row)) {
      const s = text(row);
      // a UTF-16 unit is at most 3 UTF-8 bytes
      bytes = growBytes(bytes, at, at + s.length * 3, newBytes);
      at += encoder.encodeInto(s, bytes.subarray(at)).written;
    }
    valueOffsets[row + 1] = at;
  }
  return { valueOffsets, data: bytes.subarray(0, at) };
}

const MS_PER_DAY = 86_400_000;

/** DATE (days since 1970) as 'YYYY-MM-DD', as node-api prints it; other years fall back. */
function dateText(vectors: duckdb.Vector[], rows: number[], n: number): ((row: number) => string) | null {
  const days = new Int32Array(gather(vectors, rows, n, 4));
  const cache = new Map<number, string>();
  // 0001-01-01 .. 9999-12-31: the years ISO strings print in four digits
  if (days.some((d) => d < -719_162 || d > 2_932_896)) return null;
  return (row) => {
    const d = days[row]!;
    let s = cache.get(d);
    if (s === undefined) cache.set(d, (s = new Date(d * MS_PER_DAY).toISOString().slice(0, 10)));
    return s;
  };
}
