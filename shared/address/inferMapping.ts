import { isPnu } from '../cadastral/pnu';
import { PART_ROLES, type AddressMapping, type PartRole } from './addressMapping';
import { parseJibunAddress } from './jibunAddress';

/** Column names people give each part, compared without spaces, dots and case. */
const PART_NAMES: Record<PartRole, readonly string[]> = {
  sido: ['시도', '시도명', '광역시도', '시·도', 'sido', 'si_nm', 'ctp_kor_nm'],
  sgg: ['시군구', '시군구명', '시군', 'sgg', 'sgg_nm', 'sig_kor_nm'],
  emd: ['읍면동', '읍면동명', '법정동', '법정동명', '동', '동명', '읍면', 'emd', 'emd_nm', 'emd_kor_nm'],
  ri: ['리', '리명', '법정리', 'ri', 'ri_nm'],
  san: ['산', '산여부', '산구분', '대장구분', '특수지구분', '산번지', 'san'],
  bonbun: ['본번', '번지', '본번지', '지번본번', 'bonbun', 'mnnm'],
  bubun: ['부번', '호', '부번지', '지번부번', 'bubun', 'slno'],
};
const ADDRESS_NAMES = [
  '소재지',
  '주소',
  '지번주소',
  '소재지지번주소',
  '토지소재지',
  '소재지주소',
  '지번',
  '위치',
  '물건소재지',
  'address',
  'addr',
  'jibun',
];
const PNU_NAMES = ['pnu', '필지고유번호', '고유번호', '토지고유번호', '필지번호'];

const key = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/[\s._·-]/g, '')
    .toLowerCase();

/**
 * Guesses the address mapping from column names and sample values, in order of exactness:
 * a PNU column whose values are PNUs; separate columns with at least 읍면동 and 본번; one column
 * whose values read as 지번 addresses. The user confirms or changes the guess.
 */
export function inferMapping(columns: readonly string[], samples: readonly (readonly (string | null)[])[]): AddressMapping | null {
  const values = (i: number) => samples.map((r) => r[i]).filter((v): v is string => v !== null && v !== undefined && v.trim() !== '');
  const share = (i: number, test: (v: string) => boolean) => {
    const vs = values(i);
    return vs.length ? vs.filter(test).length / vs.length : 0;
  };
  const named = (names: readonly string[]) => columns.findIndex((c) => names.some((n) => key(n) === key(c)));

  // Values decide: a '고유번호' column of 10-digit codes is not a PNU column. Names break ties.
  const pnuColumns = columns.map((_, i) => i).filter((i) => share(i, (v) => isPnu(v.trim())) >= 0.9);
  const pnu = pnuColumns.find((i) => PNU_NAMES.includes(key(columns[i]!))) ?? pnuColumns[0];
  if (pnu !== undefined) return { kind: 'pnu', pnu: columns[pnu]! };

  const parts = Object.fromEntries(PART_ROLES.map((r) => [r, named(PART_NAMES[r])]).filter(([, i]) => (i as number) >= 0)) as Partial<
    Record<PartRole, number>
  >;
  if (parts.emd !== undefined && parts.bonbun !== undefined) {
    const mapping = { kind: 'parts', emd: columns[parts.emd]!, bonbun: columns[parts.bonbun]! } as Extract<
      AddressMapping,
      { kind: 'parts' }
    >;
    for (const r of PART_ROLES) if (parts[r] !== undefined) mapping[r] = columns[parts[r]!]!;
    return mapping;
  }

  // The column whose values parse best as addresses; a known name breaks ties.
  let best = -1;
  let bestScore = 0;
  columns.forEach((c, i) => {
    const score = share(i, (v) => parseJibunAddress(v).ok && /\p{L}/u.test(v)) + (ADDRESS_NAMES.includes(key(c)) ? 0.01 : 0);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  if (best >= 0 && bestScore >= 0.5) return { kind: 'address', address: columns[best]! };
  const byName = named(ADDRESS_NAMES);
  return byName >= 0 ? { kind: 'address', address: columns[byName]! } : null;
}
