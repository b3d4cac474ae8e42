import { isPnu } from '../cadastral/pnu';
import { invalid, resolveAddressParts, type AddressResolution } from './matchAddress';
import { reason, type MatchReason } from './matchReason';
import type { PlaceIndex } from './placeIndex';
import type { RoadIndex } from './roadIndex';
import { resolveAnyAddress } from './resolveRoadAddress';

/** Which columns of the analyst's data hold the address: one string, separate parts, or a PNU. */
export type AddressMapping =
  | { kind: 'address'; address: string }
  | { kind: 'parts'; sido?: string; sgg?: string; emd: string; ri?: string; san?: string; bonbun: string; bubun?: string }
  | { kind: 'pnu'; pnu: string };

export type MatchStatus = 'matched' | 'not_found' | 'ambiguous' | 'invalid';

export const MATCH_STATUSES: readonly MatchStatus[] = ['matched', 'not_found', 'ambiguous', 'invalid'];

/**
 * Which parcels a road address stands for: its building's 대표지번 alone (the default), or
 * ('all') every parcel the building stands on, one row each. A 지번 address names one parcel either way.
 */
export type ParcelChoice = 'main' | 'all';

/** The `match_parcel` flag of a matched row: how the row's parcel came from its address. */
export const PARCEL_ROLES = { main: '대표지번', related: '관련지번', jibun: '지번' } as const;

/** The separate-column roles, in the order an address is written. */
export const PART_ROLES = ['sido', 'sgg', 'emd', 'ri', 'san', 'bonbun', 'bubun'] as const;
export type PartRole = (typeof PART_ROLES)[number];

/** The roles a mapping is given by name (parcel_join's options, `pilji match`'s flags). */
export type MappingRole = 'address' | 'pnu' | PartRole;

/** Why the roles given make no mapping: none given, several ways, or parts without emd/bonbun. */
export type MappingProblem = { problem: 'none' } | { problem: 'several' } | { problem: 'missing'; missing: ('emd' | 'bonbun')[] };

/**
 * The mapping named by the roles given (`column(role)`, undefined when not given): exactly one way
 * of finding the parcel, and any part role means the separate columns, which need emd and bonbun.
 */
export function mappingFromRoles(column: (role: MappingRole) => string | undefined): AddressMapping | MappingProblem {
  const address = column('address');
  const pnu = column('pnu');
  const parts = PART_ROLES.some((r) => column(r) !== undefined);
  const ways = [address !== undefined, pnu !== undefined, parts].filter(Boolean).length;
  if (ways !== 1) return { problem: ways ? 'several' : 'none' };
  if (address !== undefined) return { kind: 'address', address };
  if (pnu !== undefined) return { kind: 'pnu', pnu };
  const emd = column('emd');
  const bonbun = column('bonbun');
  if (emd === undefined || bonbun === undefined)
    return { problem: 'missing', missing: (['emd', 'bonbun'] as const).filter((r) => column(r) === undefined) };
  const mapping = { kind: 'parts', emd, bonbun } as Extract<AddressMapping, { kind: 'parts' }>;
  for (const r of PART_ROLES) {
    const c = column(r);
    if (c !== undefined) mapping[r] = c;
  }
  return mapping;
}

/** The columns a mapping reads, in a fixed order (the key a match is looked up by). */
export function mappingColumns(m: AddressMapping): string[] {
  if (m.kind === 'address') return [m.address];
  if (m.kind === 'pnu') return [m.pnu];
  return PART_ROLES.flatMap((r) => (m[r] === undefined ? [] : [m[r]!]));
}

/** The same mapping with each column name passed through `rename` (e.g. to its exact catalog spelling). */
export function renameMapping(m: AddressMapping, rename: (column: string) => string): AddressMapping {
  if (m.kind === 'address') return { kind: 'address', address: rename(m.address) };
  if (m.kind === 'pnu') return { kind: 'pnu', pnu: rename(m.pnu) };
  const parts = { kind: 'parts', emd: rename(m.emd), bonbun: rename(m.bonbun) } as Extract<AddressMapping, { kind: 'parts' }>;
  for (const r of PART_ROLES) if (m[r] !== undefined) parts[r] = rename(m[r]!);
  return parts;
}

/**
 * Resolves one row's key (values of `mappingColumns(mapping)`, in that order; null for a blank
 * cell) to a PNU or the reason it has none. The store is consulted afterwards.
 */
export function keyResolver(
  index: PlaceIndex,
  mapping: AddressMapping,
  roads: RoadIndex | null = null,
): (values: readonly (string | null)[]) => AddressResolution {
  if (mapping.kind === 'address') {
    // one address column may mix 지번 and 도로명 rows; road addresses resolve when a 도로명주소 DB was imported
    return ([v]) => (v === null || v === undefined || v.trim() === '' ? invalid(reason('empty')) : resolveAnyAddress(index, roads, v));
  }
  if (mapping.kind === 'pnu') {
    return ([v]) => {
      const p = (v ?? '').trim();
      if (!isPnu(p)) return invalid(reason('bad_pnu', { value: p }));
      // PNUs written before a code change (강원도 42…, 부천시 원미구 …) lead to today's code; a
      // code the table does not know is left to the store to judge.
      const former = p.slice(0, 10);
      const code = index.currentCode(former) ?? former;
      if (code === former) return { status: 'resolved', pnu: p, place: code };
      return {
        status: 'resolved',
        pnu: code + p.slice(10),
        place: `${code}, formerly ${former}`,
        reason: reason('pnu_recoded', { code, former }),
      };
    };
  }
  const roles = PART_ROLES.filter((r) => mapping[r] !== undefined);
  return (values) => {
    const part = (r: PartRole) => {
      const i = roles.indexOf(r);
      return i < 0 ? undefined : (values[i] ?? undefined);
    };
    return resolveAddressParts(index, {
      sido: part('sido'),
      sgg: part('sgg'),
      emd: part('emd') ?? '',
      ri: part('ri'),
      san: part('san'),
      bonbun: part('bonbun') ?? '',
      bubun: part('bubun'),
    });
  };
}

/** What matching found, by rows: counts per status and the distinct unmatched keys with reasons. */
export interface MatchReport {
  rows: number;
  counts: Record<MatchStatus, number>;
  /** distinct unmatched keys, most frequent first, at most `UNMATCHED_LIMIT` */
  unmatched: UnmatchedKey[];
  /** how many distinct unmatched keys there were in all */
  unmatchedKeys: number;
  /**
   * With parcels=all: the rows added for the 관련지번 of matched buildings (`parcels`), and the
   * 관련지번 left out because the store has no such parcel (`missing`). The counts above stay per
   * source row: a building over five parcels is one row matched.
   */
  related?: { parcels: number; missing: number };
}

export interface UnmatchedKey {
  /** the key's values, as in `mappingColumns` */
  values: (string | null)[];
  status: Exclude<MatchStatus, 'matched'>;
  note: string;
  /** the reason as a code with parameters, for the message catalogue (reasonMessages.ts) */
  reason?: MatchReason;
  /** the text after the lot number, when the address had one */
  detail?: string;
  /** how many rows have this key */
  rows: number;
}

export const UNMATCHED_LIMIT = 1000;

/** Checks a mapping that arrived as JSON; returns it, or what is wrong with it. */
export function validMapping(x: unknown): AddressMapping | string {
  if (typeof x !== 'object' || x === null) return 'the mapping must be an object';
  const m = x as Record<string, unknown>;
  const str = (k: string) => m[k] === undefined || (typeof m[k] === 'string' && m[k] !== '');
  if (m.kind === 'address')
    return typeof m.address === 'string' && m.address
      ? { kind: 'address', address: m.address }
      : 'address mapping needs the address column';
  if (m.kind === 'pnu') return typeof m.pnu === 'string' && m.pnu ? { kind: 'pnu', pnu: m.pnu } : 'pnu mapping needs the PNU column';
  if (m.kind !== 'parts') return "the mapping kind is 'address', 'parts' or 'pnu'";
  if (!PART_ROLES.every(str)) return 'each part is a column name';
  if (!m.emd || !m.bonbun) return 'separate columns need at least 읍면동 (emd) and 본번 (bonbun)';
  const parts = { kind: 'parts', emd: m.emd, bonbun: m.bonbun } as Extract<AddressMapping, { kind: 'parts' }>;
  for (const r of PART_ROLES) if (m[r] !== undefined) parts[r] = m[r] as string;
  return parts;
}
