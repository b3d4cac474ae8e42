import {
  Binary, Bool, Field, Float64, Int32, Int64, RecordBatch, Schema, Struct, Utf8, makeData, vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBValue } from '@duckdb/node-api';

/**
 * DuckDB result columns → Arrow. Integers wider than 32 bits stay Int64 (bigint), never float64,
 * so 19-digit codes and counts survive; geometry and blobs become Binary (WKB).
 */
export interface ColumnSpec {
  name: string;
  typeId: DuckDBTypeId;
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

export function schemaFor(columns: ColumnSpec[], metadata: Map<string, string>): Schema {
  return new Schema(columns.map((c) => new Field(c.name, arrowType(c.typeId), true)), metadata);
}

function convert(value: DuckDBValue, typeId: DuckDBTypeId): unknown {
  if (value === null) return null;
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

/** One Arrow record batch from several DuckDB chunks (fewer, larger batches are cheaper to ship). */
export function chunksToBatch(schema: Schema, columns: ColumnSpec[], chunks: DuckDBDataChunk[]): RecordBatch {
  const length = chunks.reduce((n, c) => n + c.rowCount, 0);
  const children = columns.map((col, i) => {
    const values: unknown[] = [];
    for (const chunk of chunks) for (const v of chunk.getColumnValues(i)) values.push(convert(v, col.typeId));
    return vectorFromArray(values, schema.fields[i]!.type).data[0]!;
  });
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
