import { DuckDBDecimalType, DuckDBStructType, type DuckDBType, type DuckDBTypeId } from '@duckdb/node-api';

/** What the Arrow encoder needs to know of one DuckDB result column. */
export interface ColumnSpec {
  name: string;
  typeId: DuckDBTypeId;
  /** DECIMAL columns: digits in all */
  decimalWidth?: number;
  /** STRUCT columns: the entries, in order */
  entries?: ColumnSpec[];
}

export function columnSpec(name: string, type: DuckDBType): ColumnSpec {
  if (type instanceof DuckDBDecimalType) return { name, typeId: type.typeId, decimalWidth: type.width };
  if (type instanceof DuckDBStructType)
    return { name, typeId: type.typeId, entries: type.entryNames.map((n, i) => columnSpec(n, type.entryTypes[i]!)) };
  return { name, typeId: type.typeId };
}
