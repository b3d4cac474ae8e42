import { Binary, Bool, DataType, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Utf8, makeData, type Data } from 'apache-arrow';
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBStructValue, type DuckDBValue } from '@duckdb/node-api';
import { growBytes } from '../../shared/bytes/growBytes';
import type { ColumnSpec } from './columnSpec';
import { ValidityBitmap } from './validityBitmap';
import { vectorColumn } from './vectorColumns';

/**
 * DuckDB result columns → Arrow. Integers wider than 32 bits stay Int64 (bigint), never float64,
 * so 19-digit codes and counts survive; a DECIMAL travels as float64 only while a double holds
 * all its digits (15), wider ones as their exact text; geometry and blobs become Binary (WKB); a
 * struct of numbers (the store's bbox) stays a struct of numbers, other structs become text.
 */

/** The most decimal digits a float64 gives back exactly as written. */
const DOUBLE_DIGITS = 15;

function exactAsText(c: ColumnSpec): boolean {
  return c.typeId === DuckDBTypeId.DECIMAL && (c.decimalWidth ?? 38) > DOUBLE_DIGITS;
}

export function arrowType(typeId: DuckDBTypeId): DataType {
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return new Bool();
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return new Int32();
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return new Int64();
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return new Float64();
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.GEOMETRY:
      return new Binary();
    default:
      // VARCHAR, dates, HUGEINT/UBIGINT (exact as text), nested types (as text)
      return new Utf8();
  }
}

function fieldType(c: ColumnSpec): DataType {
  if (exactAsText(c)) return new Utf8();
  if (c.entries) {
    const entries = c.entries.map((e) => new Field(e.name, fieldType(e), true));
    const plain = (t: DataType) => DataType.isInt(t) || DataType.isFloat(t) || DataType.isBool(t);
    return entries.length && entries.every((f) => plain(f.type)) ? new Struct(entries) : new Utf8();
  }
  return arrowType(c.typeId);
}

export function schemaFor(columns: ColumnSpec[], metadata: Map<string, string>): Schema {
  return new Schema(
    columns.map((c) => new Field(c.name, fieldType(c), true)),
    metadata,
  );
}

function convert(value: DuckDBValue, typeId: DuckDBTypeId, asText: boolean): unknown {
  if (value === null) return null;
  if (asText) return String(value);
  switch (typeId) {
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.GEOMETRY:
      return (value as { bytes: Uint8Array }).bytes;
    case DuckDBTypeId.DECIMAL:
      return (value as { toDouble(): number }).toDouble();
    case DuckDBTypeId.UINTEGER:
      return BigInt(value as number);
    default:
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
        return arrowType(typeId) instanceof Utf8 ? String(value) : value;
      }
      return String(value);
  }
}

/**
 * One Arrow record batch from several DuckDB chunks (fewer, larger batches are cheaper to ship).
 * Encoding is JavaScript on the host's event loop, so it yields between columns: a large result
 * holds other requests back by one column's work at most.
 */
export async function chunksToBatch(schema: Schema, columns: ColumnSpec[], chunks: DuckDBDataChunk[]): Promise<RecordBatch> {
  const length = chunks.reduce((n, c) => n + c.rowCount, 0);
  const children: Data[] = [];
  for (const [i, col] of columns.entries()) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    const type = schema.fields[i]!.type;
    children.push(vectorColumn(chunks, i, col, type) ?? valuesColumn(chunks, i, col, type));
  }
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/** A batch of no rows, for an empty answer to still carry its columns (a struct's entries included). */
export function emptyBatch(schema: Schema): RecordBatch {
  // makeData goes by the type's id at run time: the cast only lets every type pass children
  const empty = (type: DataType): Data<Struct> =>
    makeData({ type: type as Struct, length: 0, nullCount: 0, children: (type.children ?? []).map((f: Field) => empty(f.type)) });
  return new RecordBatch(schema, empty(new Struct(schema.fields)));
}

/**
 * Column `i` through node-api's values (about 15 µs a row): the way for the types the vector
 * reader does not take, and the reference it is tested against.
 */
export function valuesColumn(chunks: DuckDBDataChunk[], i: number, col: ColumnSpec, type: DataType): Data {
  return valuesData(
    chunks.flatMap((c) => c.getColumnValues(i)),
    col,
    type,
  );
}

function valuesData(values: DuckDBValue[], col: ColumnSpec, type: DataType): Data {
  if (type instanceof Struct) {
    const validity = new ValidityBitmap(values.length);
    for (const v of values) validity.push(v !== null);
    const children = col.entries!.map((e, k) =>
      valuesData(
        values.map((v) => (v === null ? null : (v as DuckDBStructValue).entries[e.name]!)),
        e,
        type.children[k]!.type,
      ),
    );
    const { nullCount, nullBitmap } = validity;
    return makeData({ type, length: values.length, nullCount, nullBitmap, children });
  }
  const asText = exactAsText(col);
  return columnData(
    type,
    values.map((v) => convert(v, col.typeId, asText)),
  );
}

/**
 * Arrow buffers written directly (offsets, bytes, validity): Arrow's generic builders cost about
 * 2 µs a value, which made streaming 100,000 parcels take seconds.
 */
function columnData(type: DataType, values: unknown[]): Data {
  const n = values.length;
  const validity = new ValidityBitmap(n);
  for (let i = 0; i < n; i++) validity.push(values[i] !== null && values[i] !== undefined);
  const { nullCount, nullBitmap } = validity;
  if (type instanceof Utf8 || type instanceof Binary) {
    const offsets = new Int32Array(n + 1);
    let bytes = Buffer.allocUnsafe(Math.max(1024, n * 16));
    let at = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) {
        const size = typeof v === 'string' ? Buffer.byteLength(v) : (v as Uint8Array).byteLength;
        bytes = growBytes(bytes, at, at + size, Buffer.allocUnsafe);
        if (typeof v === 'string') bytes.write(v, at, 'utf8');
        else bytes.set(v as Uint8Array, at);
        at += size;
      }
      offsets[i + 1] = at;
    }
    const data = new Uint8Array(bytes.buffer, bytes.byteOffset, at);
    return type instanceof Utf8
      ? makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: offsets, data })
      : makeData({ type: type as Binary, length: n, nullCount, nullBitmap, valueOffsets: offsets, data });
  }
  if (type instanceof Bool) {
    const bits = new Uint8Array((n + 7) >> 3);
    for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3]! |= 1 << (i & 7);
    return makeData({ type, length: n, nullCount, nullBitmap, data: bits });
  }
  if (type instanceof Int64) {
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = BigInt(values[i] as bigint | number);
    return makeData({ type, length: n, nullCount, nullBitmap, data });
  }
  if (type instanceof Int32) {
    const data = new Int32Array(n);
    for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = Number(values[i]);
    return makeData({ type, length: n, nullCount, nullBitmap, data });
  }
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = Number(values[i]);
  return makeData({ type: type as Float64, length: n, nullCount, nullBitmap, data });
}
