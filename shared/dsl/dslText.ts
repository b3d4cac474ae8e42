import { PART_ROLES, type AddressMapping } from '../address/addressMapping';

const PLAIN = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** A name as DSL text: bare when it lexes as one identifier, else in backticks (`신청 면적`). */
export function dslIdent(name: string): string {
  return PLAIN.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

/** The query that joins a model to its parcels with a given mapping, as the user would write it. */
export function parcelJoinQuery(model: string, mapping: AddressMapping, keep: 'matched' | 'all' = 'matched'): string {
  const options =
    mapping.kind === 'address'
      ? [`address=${dslIdent(mapping.address)}`]
      : mapping.kind === 'pnu'
        ? [`pnu=${dslIdent(mapping.pnu)}`]
        : PART_ROLES.flatMap((r) => (mapping[r] === undefined ? [] : [`${r}=${dslIdent(mapping[r]!)}`]));
  return `from ${dslIdent(model)}\n| parcel_join ${options.join(' ')}${keep === 'all' ? ' keep=all' : ''}\n`;
}
