/**
 * 지목 (land category): the 28 categories of the 공간정보관리법 with their official
 * two-digit codes and the one-character 부호 used in 연속지적도 JIBUN strings ('963-254도').
 * Note the four whose 부호 is not their first character: 장(공장용지), 차(주차장), 천(하천), 원(유원지).
 */
export interface Jimok {
  code: string;
  /** one-character name as written after the 지번, e.g. '대' */
  symbol: string;
  name: string;
}

export const JIMOK: readonly Jimok[] = [
  ['01', '전', '전'],
  ['02', '답', '답'],
  ['03', '과', '과수원'],
  ['04', '목', '목장용지'],
  ['05', '임', '임야'],
  ['06', '광', '광천지'],
  ['07', '염', '염전'],
  ['08', '대', '대'],
  ['09', '장', '공장용지'],
  ['10', '학', '학교용지'],
  ['11', '차', '주차장'],
  ['12', '주', '주유소용지'],
  ['13', '창', '창고용지'],
  ['14', '도', '도로'],
  ['15', '철', '철도용지'],
  ['16', '제', '제방'],
  ['17', '천', '하천'],
  ['18', '구', '구거'],
  ['19', '유', '유지'],
  ['20', '양', '양어장'],
  ['21', '수', '수도용지'],
  ['22', '공', '공원'],
  ['23', '체', '체육용지'],
  ['24', '원', '유원지'],
  ['25', '종', '종교용지'],
  ['26', '사', '사적지'],
  ['27', '묘', '묘지'],
  ['28', '잡', '잡종지'],
].map(([code, symbol, name]) => ({ code: code!, symbol: symbol!, name: name! }));

const BY_SYMBOL = new Map(JIMOK.map((j) => [j.symbol, j]));

export function jimokBySymbol(symbol: string): Jimok | undefined {
  return BY_SYMBOL.get(symbol);
}

/**
 * Splits a 연속지적도 JIBUN such as '963-254도' or '산12임' into 지번 and 지목 부호. A character after
 * the number that is none of the 28 부호 ('146-8하': 하천's 부호 is 천) comes back as `invalidSymbol`,
 * so the caller can say so rather than drop it silently.
 */
export function splitJibunJimok(jibun: string): { jibun: string; jimok: string | null; invalidSymbol?: string } {
  const trimmed = jibun.trim();
  const last = trimmed.slice(-1);
  if (/\d/.test(trimmed.slice(-2, -1)) && /\D/.test(last)) {
    const rest = trimmed.slice(0, -1).trim();
    return BY_SYMBOL.has(last) ? { jibun: rest, jimok: last } : { jibun: rest, jimok: null, invalidSymbol: last };
  }
  return { jibun: trimmed, jimok: null };
}
