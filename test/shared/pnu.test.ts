import { describe, expect, it } from 'vitest';
import { formatJibun, formatPnu, isPnu, parsePnu } from '../../shared/cadastral/pnu';
import { JIMOK, jimokBySymbol, splitJibunJimok } from '../../shared/cadastral/jimok';

describe('pnu', () => {
  it('round-trips a 19-digit PNU as text', () => {
    const pnu = '1111010100100120003';
    const p = parsePnu(pnu)!;
    expect(p).toEqual({ bjdCode: '1111010100', san: false, bonbun: 12, bubun: 3 });
    expect(formatPnu(p)).toBe(pnu);
  });

  it('encodes 산 as land type 2', () => {
    expect(formatPnu({ bjdCode: '5111025021', san: true, bonbun: 5, bubun: 0 })).toBe('5111025021200050000');
    expect(parsePnu('5111025021200050000')?.san).toBe(true);
  });

  it('rejects malformed PNUs and out-of-range numbers', () => {
    expect(isPnu('111101010010012000')).toBe(false); // 18 digits
    expect(isPnu('1111010100300120003')).toBe(false); // land type 3
    expect(parsePnu('1.11101E+18')).toBeNull();
    for (const bad of [
      '111101010010012000',
      '11110101001001200030',
      '1111010100300120003',
      '1111010100000120003',
      '111101010010012000a',
      '11110101001001 0003',
      '1111010100/00120003',
      '1111010100100:20003',
      '１111010100100120003',
    ]) {
      expect(parsePnu(bad), bad).toBeNull();
    }
    expect(() => formatPnu({ bjdCode: '1111010100', san: false, bonbun: 10000, bubun: 0 })).toThrow(/bonbun/);
    expect(() => formatPnu({ bjdCode: '11110101', san: false, bonbun: 1, bubun: 0 })).toThrow(/10 digits/);
  });

  it('formats the display 지번', () => {
    expect(formatJibun({ san: true, bonbun: 12, bubun: 0 })).toBe('산12');
    expect(formatJibun({ san: false, bonbun: 963, bubun: 254 })).toBe('963-254');
  });
});

describe('jimok', () => {
  it('has the 28 categories with unique symbols and codes', () => {
    expect(JIMOK).toHaveLength(28);
    expect(new Set(JIMOK.map((j) => j.symbol)).size).toBe(28);
    expect(jimokBySymbol('장')?.name).toBe('공장용지');
    expect(jimokBySymbol('천')?.name).toBe('하천');
  });

  it('splits JIBUN strings from LSMD files', () => {
    expect(splitJibunJimok('963-254도')).toEqual({ jibun: '963-254', jimok: '도' });
    expect(splitJibunJimok('산12임')).toEqual({ jibun: '산12', jimok: '임' });
    expect(splitJibunJimok('12')).toEqual({ jibun: '12', jimok: null });
    expect(splitJibunJimok('146-8하')).toEqual({ jibun: '146-8', jimok: null, invalidSymbol: '하' }); // 하천's 부호 is 천
  });
});
