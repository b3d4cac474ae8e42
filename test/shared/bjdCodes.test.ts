import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentBjdCode, parseBjdTable } from '../../shared/cadastral/bjdCodes';

const csv = readFileSync(path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2020.csv'), 'utf8');
const table = parseBjdTable(csv);

describe('법정동 code table', () => {
  it('reads every row of the shipped 2020 table', () => {
    expect(table.size).toBe(46180);
  });

  it('names each level, with 시 and 구 together in the sgg', () => {
    expect(table.names('1111010100')).toEqual({ sido: '서울특별시', sgg: '종로구', emd: '청운동', ri: null });
    expect(table.names('4111110100')?.sgg).toBe('수원시 장안구');
  });

  it('applies the province renames the 2020 table lacks', () => {
    expect(currentBjdCode('4211010100')).toBe('5111010100');
    expect(table.names('4211010100')?.sido).toBe('강원특별자치도');
    expect(table.names('5111010100')?.sgg).toBe('춘천시');
    expect(table.names('4511110100')?.sido).toBe('전북특별자치도');
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
