/**
 * How people write each 시도: full name, short forms, '시' forms, and the names of renamed
 * provinces (강원도 → 강원특별자치도, 전라북도 → 전북특별자치도), keyed by the current 2-digit code.
 */
export const SIDO_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '11': ['서울특별시', '서울시', '서울'],
  '26': ['부산광역시', '부산시', '부산'],
  '27': ['대구광역시', '대구시', '대구'],
  '28': ['인천광역시', '인천시', '인천'],
  '29': ['광주광역시', '광주시', '광주'],
  '30': ['대전광역시', '대전시', '대전'],
  '31': ['울산광역시', '울산시', '울산'],
  '36': ['세종특별자치시', '세종시', '세종'],
  '41': ['경기도', '경기'],
  '43': ['충청북도', '충북'],
  '44': ['충청남도', '충남'],
  '46': ['전라남도', '전남'],
  '47': ['경상북도', '경북'],
  '48': ['경상남도', '경남'],
  '50': ['제주특별자치도', '제주도', '제주'],
  '51': ['강원특별자치도', '강원도', '강원'],
  '52': ['전북특별자치도', '전라북도', '전북'],
};

const BY_ALIAS = new Map<string, string>();
for (const [code, names] of Object.entries(SIDO_ALIASES)) for (const n of names) BY_ALIAS.set(n, code);

/** The 2-digit 시도 code an alias names, or undefined. '광주' is the city (광주광역시), as people mean. */
export function sidoCodeOf(token: string): string | undefined {
  return BY_ALIAS.get(token);
}
