import { describe, expect, it } from 'vitest';
import { validMapping } from '../../shared/address/addressMapping';
import { inferMapping } from '../../shared/address/inferMapping';

describe('inferMapping', () => {
  it('one address column, found by its values even under an unusual name', () => {
    expect(
      inferMapping(
        ['번호', '신청지'],
        [
          ['1', '서울 종로구 청운동 12-3'],
          ['2', '종로구 효자동 산 4번지'],
        ],
      ),
    ).toEqual({ kind: 'address', address: '신청지' });
  });

  it('a known name breaks a tie between columns that both parse', () => {
    expect(
      inferMapping(
        ['비고', '소재지'],
        [
          ['청운동 1', '서울 종로구 청운동 1'],
          ['효자동 2', '서울 종로구 효자동 2'],
        ],
      ),
    ).toEqual({ kind: 'address', address: '소재지' });
  });

  it('separate columns by their usual names, 리 and 산 included', () => {
    expect(
      inferMapping(
        ['시도명', '시군구명', '읍면동명', '리명', '산여부', '본번', '부번', '면적'],
        [['강원도', '춘천시', '동내면', '고은리', 'N', '20', '7', '3.5']],
      ),
    ).toEqual({
      kind: 'parts',
      sido: '시도명',
      sgg: '시군구명',
      emd: '읍면동명',
      ri: '리명',
      san: '산여부',
      bonbun: '본번',
      bubun: '부번',
    });
  });

  it('a PNU column wins when its values are PNUs; 10-digit codes under the name are not', () => {
    expect(inferMapping(['고유번호', '주소'], [['1111010100100010000', '서울 종로구 청운동 1']])).toEqual({ kind: 'pnu', pnu: '고유번호' });
    expect(inferMapping(['고유번호', '주소'], [['1111010100', '서울 종로구 청운동 1']])).toEqual({ kind: 'address', address: '주소' });
  });

  it('nothing that looks like an address: no guess', () => {
    expect(inferMapping(['이름', '금액'], [['홍길동', '1000']])).toBeNull();
  });
});

describe('validMapping', () => {
  it('accepts the three kinds and says what is wrong otherwise', () => {
    expect(validMapping({ kind: 'address', address: '소재지' })).toEqual({ kind: 'address', address: '소재지' });
    expect(validMapping({ kind: 'parts', emd: '동', bonbun: '본번', ri: '리', extra: 1 })).toEqual({
      kind: 'parts',
      emd: '동',
      bonbun: '본번',
      ri: '리',
    });
    expect(validMapping({ kind: 'parts', emd: '동' })).toMatch(/at least 읍면동/);
    expect(validMapping({ kind: 'pnu' })).toMatch(/PNU column/);
    expect(validMapping({ kind: 'sql' })).toMatch(/kind is/);
    expect(validMapping('x')).toMatch(/must be an object/);
  });
});
