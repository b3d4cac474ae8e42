import type { CatalogColumn } from './catalog';

/** A column a join adds: its name in the joined table, and the name it gets in the output. */
export interface JoinedColumn {
  name: string;
  as: string;
}

/**
 * Appends the joined table's columns to `columns`, each prefixed with `prefix` until its name
 * is free. SQL names compare case-insensitively, so `taken` holds lower-case names (a model's
 * 'pnu' would clash with the parcel's 'PNU'); it grows with each name added.
 */
export function addJoinedColumns(
  joined: readonly CatalogColumn[],
  prefix: string,
  taken: Set<string>,
  columns: CatalogColumn[],
): JoinedColumn[] {
  return joined.map((c) => {
    let as = c.name;
    while (taken.has(as.toLowerCase())) as = `${prefix}${as}`;
    taken.add(as.toLowerCase());
    columns.push({ name: as, type: c.type });
    return { name: c.name, as };
  });
}

/** 'PNU → parcel_PNU, …' for the columns that were renamed, or null when none was. */
export function renamedList(added: readonly JoinedColumn[]): string | null {
  const renamed = added.filter((c) => c.as !== c.name);
  return renamed.length ? renamed.map((c) => `${c.name} → ${c.as}`).join(', ') : null;
}
