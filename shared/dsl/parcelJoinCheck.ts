import { mappingFromRoles, PART_ROLES, renameMapping, type AddressMapping, type ParcelChoice } from '../address/addressMapping';
import type { Option, Step } from './ast';
import { findColumn, findTable, PARCELS, type Catalog, type CatalogColumn } from './catalog';
import { diag, type Diagnostic } from './diagnostics';
import { addJoinedColumns, renamedList, type JoinedColumn } from './joinedColumns';
import { unknownName } from './suggest';

/** A checked `parcel_join`: which input columns hold the address, and what the join adds. */
export interface ParcelJoinSpec {
  /** index of the step in the pipeline */
  step: number;
  /** input column names, exactly as the catalog spells them */
  mapping: AddressMapping;
  keep: 'matched' | 'all';
  /** 'all': a road address joins every parcel of its building (대표지번 and 관련지번), flagged in match_parcel */
  parcels: ParcelChoice;
  /** parcel columns added, with the name each gets (prefixed when the input already has it) */
  parcelColumns: JoinedColumn[];
}

/** The columns keep=all adds (parcels=all adds match_parcel). */
export const MATCH_COLUMNS = ['match_status', 'match_note', 'match_detail'];

const OPTION_KEYS = ['address', 'pnu', ...PART_ROLES, 'keep', 'parcels'];

/** Checks the options of a parcel_join step; returns the spec and the columns after the join. */
export function checkParcelJoin(
  step: Extract<Step, { kind: 'parcelJoin' }>,
  index: number,
  cols: CatalogColumn[],
  catalog: Catalog,
  out: Diagnostic[],
): { spec: ParcelJoinSpec; columns: CatalogColumn[] } | null {
  const parcels = findTable(catalog, PARCELS);
  if (!parcels) {
    out.push(diag('parcel_join needs the cadastral store, and none is attached', step.span));
    return null;
  }
  const before = out.length;
  const given = new Map<string, Option>();
  for (const o of step.options) {
    if (!OPTION_KEYS.includes(o.key)) {
      out.push(diag(unknownName('parcel_join option', o.key, OPTION_KEYS), o.keySpan));
    } else if (given.has(o.key)) out.push(diag(`'${o.key}' is given twice`, o.keySpan));
    else given.set(o.key, o);
  }
  const keepOption = given.get('keep');
  if (keepOption && keepOption.value !== 'matched' && keepOption.value !== 'all') {
    out.push(diag(`keep is 'matched' (the default) or 'all', not '${keepOption.value}'`, keepOption.valueSpan));
  }
  const parcelsOption = given.get('parcels');
  if (parcelsOption && parcelsOption.value !== 'main' && parcelsOption.value !== 'all') {
    out.push(
      diag(
        `parcels is 'main' (the default: a road address's 대표지번) or 'all' (every parcel of its building), not '${parcelsOption.value}'`,
        parcelsOption.valueSpan,
      ),
    );
  }
  if (out.length > before) return null;
  const mapping = mappingOf(given, step, out);
  if (!mapping) return null;

  const resolved = renameMapping(mapping, (name) => {
    const col = findColumn(cols, name);
    if (!col) {
      const o = [...given.values()].find((x) => x.value === name)!;
      const names = cols.map((c) => c.name);
      out.push(diag(unknownName('column', name, names), o.valueSpan));
      return name;
    }
    if (col.type === 'geometry' || col.type === 'struct')
      out.push(
        diag(`'${col.name}' holds ${col.type} values, not an address`, [...given.values()].find((x) => x.value === name)!.valueSpan),
      );
    return col.name;
  });
  if (out.length > before) return null;

  const keep = keepOption?.value === 'all' ? 'all' : 'matched';
  const choice: ParcelChoice = parcelsOption?.value === 'all' ? 'all' : 'main';
  const taken = new Set(cols.map((c) => c.name.toLowerCase()));
  const columns = [...cols];
  const added = [...(keep === 'all' ? MATCH_COLUMNS : []), ...(choice === 'all' ? ['match_parcel'] : [])];
  for (const name of added) {
    if (taken.has(name)) {
      const option = name === 'match_parcel' ? 'parcels=all' : 'keep=all';
      out.push(diag(`the input already has a column '${name}': rename it before parcel_join ${option}`, step.span));
      return null;
    }
    taken.add(name);
    columns.push({ name, type: 'string' });
  }
  const parcelColumns = addJoinedColumns(parcels.columns, 'parcel_', taken, columns);
  const renamed = renamedList(parcelColumns);
  if (renamed) out.push(diag(`the input already has columns named like the parcel's: ${renamed}`, step.span, 'warning'));
  return { spec: { step: index, mapping: resolved, keep, parcels: choice, parcelColumns }, columns };
}

function mappingOf(given: Map<string, Option>, step: Extract<Step, { kind: 'parcelJoin' }>, out: Diagnostic[]): AddressMapping | null {
  const mapping = mappingFromRoles((role) => given.get(role)?.value);
  if (!('problem' in mapping)) return mapping;
  const message =
    mapping.problem === 'several'
      ? 'give one way to find the parcel: address=, pnu=, or the separate columns, not several'
      : mapping.problem === 'none'
        ? 'parcel_join needs address=<column>, pnu=<column>, or sido=.. sgg=.. emd=.. bonbun=..'
        : `separate columns need at least emd= and bonbun=; missing ${mapping.missing.join(', ')}=`;
  out.push(diag(message, step.span));
  return null;
}
