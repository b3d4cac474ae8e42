/**
 * PNU (필지고유번호): the 19-digit parcel key used by every Korean cadastral dataset.
 *   bjdCode (10) + land type (1: '1' 일반, '2' 산) + bonbun (4) + bubun (4)
 * Always handled as a string: 19 digits do not survive a float64.
 */
export interface ParsedPnu {
  bjdCode: string;
  san: boolean;
  bonbun: number;
  bubun: number;
}

export function isPnu(value: string): boolean {
  return parsePnu(value) !== null;
}

/** Digit by digit rather than by a regular expression: imports parse one per record, millions of them. */
export function parsePnu(pnu: string): ParsedPnu | null {
  if (pnu.length !== 19) return null;
  let bonbun = 0;
  let bubun = 0;
  for (let i = 0; i < 19; i++) {
    const d = pnu.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (i >= 11 && i < 15) bonbun = bonbun * 10 + d;
    else if (i >= 15) bubun = bubun * 10 + d;
  }
  const land = pnu.charCodeAt(10);
  if (land !== 49 && land !== 50) return null; // '1' 일반, '2' 산
  return { bjdCode: pnu.slice(0, 10), san: land === 50, bonbun, bubun };
}

export function formatPnu(p: ParsedPnu): string {
  if (!/^\d{10}$/.test(p.bjdCode)) throw new RangeError(`bjdCode must be 10 digits: '${p.bjdCode}'`);
  for (const [name, n] of [
    ['bonbun', p.bonbun],
    ['bubun', p.bubun],
  ] as const) {
    if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`${name} out of range 0..9999: ${n}`);
  }
  return p.bjdCode + (p.san ? '2' : '1') + pad4(p.bonbun) + pad4(p.bubun);
}

/** Display form used by 연속지적도 JIBUN columns: '산12-3', '963' (without the 지목 suffix). */
export function formatJibun(p: Pick<ParsedPnu, 'san' | 'bonbun' | 'bubun'>): string {
  return (p.san ? '산' : '') + p.bonbun + (p.bubun > 0 ? `-${p.bubun}` : '');
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}
