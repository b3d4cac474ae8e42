import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentBjdCode, parseBjdTable } from '../../shared/cadastral/bjdCodes';

const csv = readFileSync(path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2025.tsv'), 'utf8');
const table = parseBjdTable(csv);

describe('법정동 code table', () => {
  it('reads every row of the shipped 2024-25 table', () => {
    // 49,861 rows, each its own code: the table lists 강원도's 42… and 경상북도 군위군's 47720…
    // codes as abolished beside their successors, so PROVINCE_RENAMES rewrites nothing
    expect(csv.trim().split('\n').length - 1).toBe(49861);
    expect(table.size).toBe(49861);
    expect(table.get('5111010100')).toMatchObject({ name: '강원특별자치도 춘천시 봉의동', active: true });
  });

  it('knows the places created after 2020', () => {
    expect(table.names('3611012000')).toEqual({ sido: '세종특별자치시', sgg: null, emd: '누리동', ri: null });
    expect(table.get('4119210200')).toMatchObject({ name: '경기도 부천시 원미구 심곡동', active: true });
  });

  it('names each level, with 시 and 구 together in the sgg', () => {
    expect(table.names('1111010100')).toEqual({ sido: '서울특별시', sgg: '종로구', emd: '청운동', ri: null });
    expect(table.names('4111110100')?.sgg).toBe('수원시 장안구');
  });

  it('leads the codes of renamed provinces to their successors by name, not by rewriting the code', () => {
    expect(currentBjdCode('4211010100')).toBe('5111010100');
    expect(table.names('4211010100')?.sido).toBe('강원도');
    expect(table.successor('4211010100')).toBe('5111010100');
    expect(table.names('5111010100')?.sgg).toBe('춘천시');
    expect(table.names(table.successor('4511110100')!)?.sido).toBe('전북특별자치도');
    // 군위군's 리 were renumbered when it moved to 대구: 경상북도 … 운산리 4772036032 is 2772036025
    // today, and 2772036032 is no code at all; rewriting the prefix would have given that
    expect(table.successor('4772036032')).toBe('2772036025');
    expect(table.get('2772036032')).toBeUndefined();
  });

  it('rewrites an older table that lacks the new codes (the 2020 vintage)', () => {
    const old = parseBjdTable(
      '법정동코드,법정동명,폐지여부\n4200000000,강원도,존재\n4211000000,강원도 춘천시,존재\n4211010100,강원도 춘천시 봉의동,존재\n',
    );
    expect(old.get('5111010100')).toMatchObject({ name: '강원특별자치도 춘천시 봉의동', active: true });
    expect(old.names('4211010100')?.sido).toBe('강원특별자치도');
    expect(table.names('2772025021')).toMatchObject({ sido: '대구광역시', sgg: '군위군' });
  });

  it('names 세종, which has no 2-digit 시도 entry and no 시군구 level', () => {
    expect(table.names('3611010100')).toEqual({ sido: '세종특별자치시', sgg: null, emd: '반곡동', ri: null });
    expect(table.names('3611000000')).toEqual({ sido: '세종특별자치시', sgg: null, emd: null, ri: null });
    expect(table.names('3611025021')).toMatchObject({ sido: '세종특별자치시', sgg: null, emd: '조치원읍' });
  });

  it('names 리 under 읍/면', () => {
    const ri = [...table.entries()].find((e) => e.active && e.code.startsWith('51110') && e.code.slice(8) !== '00')!;
    const names = table.names(ri.code)!;
    expect(names.ri).toMatch(/리$/);
    expect(names.emd).toMatch(/[읍면]$/);
  });

  it('reports the line of a malformed row', () => {
    expect(() => parseBjdTable('법정동코드,법정동명,폐지여부\n1100000000,서울특별시,존재\n12,x,존재\n')).toThrow(/line 3/);
    expect(() => parseBjdTable('code,name\n')).toThrow(/unexpected header/);
  });

  it('reads the tab-separated official download format', () => {
    const t = parseBjdTable('법정동코드\t법정동명\t폐지여부\r\n1100000000\t서울특별시\t존재\r\n');
    expect(t.get('1100000000')?.name).toBe('서울특별시');
  });
});
