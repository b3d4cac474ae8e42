/** A parcel's place and lot, as the store holds them. */
export interface AddressParts {
  SI_NM: string;
  SGG_NM: string | null;
  EMD_NM: string;
  RI_NM: string | null;
  SAN: boolean;
  BONBUN: number;
  BUBUN: number;
}

/**
 * A 지번 address the way analysts' lists write it: the 시도 left out on every third row, '번지'
 * after the number, spacing as it comes.
 */
export function writtenAddress(p: AddressParts, i: number): string {
  return `${i % 3 ? p.SI_NM : ''} ${p.SGG_NM ?? ''} ${p.EMD_NM} ${p.RI_NM ?? ''} ${p.SAN ? '산' : ''}${p.BONBUN}${p.BUBUN ? `-${p.BUBUN}` : ''}번지`;
}
