/** What the checker knows about the data a query can read. The host builds it; the editor reads it for autocomplete. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'geometry' | 'struct' | 'other';

export interface CatalogColumn {
  name: string;
  type: ColumnType;
}

export interface CatalogTable {
  name: string;
  kind: 'store' | 'model';
  columns: CatalogColumn[];
}

export interface Catalog {
  tables: CatalogTable[];
}

/** The cadastral store's relation name in the DSL and in SQL. */
export const PARCELS = 'parcels';

/** Exact name first, then a case-insensitive match (PNU vs pnu), as SQL compares names. */
export function findColumn(columns: readonly CatalogColumn[], name: string): CatalogColumn | undefined {
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

export function findTable(catalog: Catalog, name: string): CatalogTable | undefined {
  return catalog.tables.find((t) => t.name === name) ?? catalog.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
}
