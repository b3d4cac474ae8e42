import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';
import { parseJibunAddress } from '../../shared/address/jibunAddress';
import { keyResolver } from '../../shared/address/addressMapping';
import { resolveAddress } from '../../shared/address/matchAddress';
import { normalizeAddress } from '../../shared/address/normalize';
import { PlaceIndex } from '../../shared/address/placeIndex';

const table = parseBjdTable(readFileSync(path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2025.tsv'), 'utf8'));
const index = new PlaceIndex(table);
const pnu = (a: string) => {
  const r = resolveAddress(index, a);
  return r.status === 'resolved' ? r.pnu : `${r.status}: ${r.note}`;
};

describe('normalizing and parsing 지번 addresses', () => {
  it.each([
    ['서울특별시 종로구 청운동 12-3', ['서울특별시', '종로구', '청운동'], false, 12, 3],
    ['서울 종로구 청운동 산 12 - 3', ['서울', '종로구', '청운동'], true, 12, 3],
    ['서울 종로구 청운동 산12-3번지', ['서울', '종로구', '청운동'], true, 12, 3],
    ['종로구 청운동 12번지 3호', ['종로구', '청운동'], false, 12, 3],
    ['종로구  청운동   １２－３ ', ['종로구', '청운동'], false, 12, 3],
    ['종로구 청운동12', ['종로구', '청운동'], false, 12, 0],
    ['종로구 청운동산12', ['종로구', '청운동'], true, 12, 0],
  ])('%s', (raw, places, san, bonbun, bubun) => {
    expect(parseJibunAddress(raw)).toMatchObject({ ok: true, value: { places, san, bonbun, bubun, detail: '' } });
  });

  it.each([
    ['종로구 청운동 12-3 (청운빌라)', 12, 3, '(청운빌라)'],
    ['종로구 청운동 12-3 외 2필지', 12, 3, '외 2필지'],
    ['종로구 청운동 12-3 외, 2필지', 12, 3, '외, 2필지'], // a comma inside '외 N필지' (found by fuzzing)
    ['강남구 율현동 217 강남한신휴플러스 8단지', 217, 0, '강남한신휴플러스 8단지'],
    ['서초구 서초동 1576-1 삼덕빌딩', 1576, 1, '삼덕빌딩'],
    ['서구 가좌동 273-29번지 3층', 273, 29, '3층'],
    ['서구 가좌동 273-29번지3층', 273, 29, '3층'],
    ['남동구 구월동 1550-3번지 C동 504호, 505호', 1550, 3, 'C동 504호, 505호'],
    ['강남구 대치동 316 (은마아파트) 28동 1205호', 316, 0, '(은마아파트) 28동 1205호'],
    ['종로구 청운동 12-3 504호', 12, 3, '504호'], // with a 부번 already, the 호 is a unit
    ['종로구 청운동 12번지 3호 2층', 12, 3, '2층'], // '12번지 3호' is the old way of writing 12-3
  ])('text after the lot number is detail: %s', (raw, bonbun, bubun, detail) => {
    const r = parseJibunAddress(raw);
    expect(r.ok && r.readings.at(-1)).toMatchObject({ bonbun, bubun, detail });
  });

  it('says what is missing', () => {
    const code = (raw: string) => {
      const r = parseJibunAddress(raw);
      return r.ok ? 'ok' : r.reason.code;
    };
    expect(code('서울 종로구 청운동')).toBe('no_lot');
    expect(code('   ')).toBe('empty');
    expect(code('12-3')).toBe('no_place');
    expect(code('서울 종로구 청운동 12-')).toBe('partial_lot');
    expect(code('서울 종로구 청운동 산')).toBe('partial_lot');
    expect(code('서울 종로구 청운동 0')).toBe('lot_zero');
    // where the lot ends is unclear: never guessed
    for (const a of ['청운동 12 3', '청운동 12-3-1', '청운동 12, 13', '대치동 316 1205호']) expect(code(a), a).toBe('lot_unclear');
  });

  it('normalizes full-width text and notes', () => {
    expect(normalizeAddress('서울　종로구 ［참고］ 청운동 １２')).toBe('서울 종로구 청운동 12');
  });
});

describe('resolving to the current 법정동 code and PNU', () => {
  it('full, short and 시 forms of the 시도', () => {
    for (const sido of ['서울특별시', '서울시', '서울', '']) expect(pnu(`${sido} 종로구 청운동 12-3`)).toBe('1111010100100120003');
    expect(pnu('경기 수원시 장안구 파장동 1')).toBe('4111112900100010000');
  });

  it('세종 addresses, with no 시군구 between the 시도 and the 동', () => {
    expect(pnu('세종특별자치시 반곡동 12')).toBe('3611010100100120000');
    expect(pnu('세종시 조치원읍 원리 3-1')).toBe('3611025021100030001');
  });

  it('old and new names of renamed provinces give the current codes', () => {
    for (const sido of ['강원도', '강원특별자치도', '강원']) expect(pnu(`${sido} 춘천시 봉의동 5`)).toBe('5111010100100050000');
    for (const sido of ['전라북도', '전북특별자치도', '전북']) expect(pnu(`${sido} 전주시 완산구 중앙동1가 1`)).toMatch(/^52111/);
  });

  it('시 without its 구 when the 동 settles it: 안양시 관양동 → 안양시 동안구 관양동', () => {
    expect(pnu('경기도 안양시 관양동 123')).toBe('4117310200101230000');
    expect(pnu('안양시 동안구 관양동 123')).toBe('4117310200101230000');
    expect(pnu('수원시장안구 파장동 1')).toBe('4111112900100010000');
  });

  it('리 under 읍/면, with or without the 읍/면', () => {
    const ri = [...table.entries()].find((e) => e.active && e.code.startsWith('51110') && e.code.slice(8) !== '00')!;
    const n = table.names(ri.code)!;
    const expected = `${ri.code}100070000`;
    expect(pnu(`강원 ${n.sgg} ${n.emd} ${n.ri} 7`)).toBe(expected);
    expect(pnu(`${n.sgg} ${n.emd} ${n.ri} 7번지`)).toBe(expected);
  });

  it('ambiguous when several places fit, with the candidates', () => {
    const r = resolveAddress(index, '중구 도원동 1');
    expect(r.status).toBe('ambiguous');
    if (r.status === 'ambiguous') expect(r.candidates.sort()).toEqual(['대구광역시 중구 도원동', '인천광역시 중구 도원동']);
    expect(pnu('인천 중구 도원동 1')).toMatch(/^28110/);
  });

  it('invalid with the part that failed', () => {
    expect(pnu('서울 종로구 없는동 1')).toBe("invalid: no 읍면동 or 리 named '없는동'");
    expect(resolveAddress(index, '서울 종로구 없는동 1')).toMatchObject({ reason: { code: 'unknown_place', params: { name: '없는동' } } });
    expect(pnu('부산 종로구 청운동 1')).toMatch(/^invalid: '부산 종로구' has no '청운동' \(it exists in: 서울특별시 종로구 청운동\)/);
    expect(pnu('서울 종로구 청운동')).toMatch(/^invalid: no lot number/);
  });

  it('abolished names lead to the code in use today, and only where exactly one successor exists', () => {
    // 부천시's 구 were abolished in 2016 (41195 → 41190) and restored in 2024 with new codes (41192)
    expect(pnu('경기도 부천시 원미구 심곡동 12')).toBe('4119210200100120000');
    expect(pnu('부천시 심곡동 12')).toBe('4119210200100120000');
    expect(table.successor('4119010200')).toBe('4119210200');
    expect(table.successor('4119510200')).toBe('4119210200');
    // a 시 later split into 구: 수원시 오목천동 is now in 권선구
    expect(pnu('수원시 오목천동 5')).toBe(`${table.successor('4111011800')}100050000`);
    expect(table.get(table.successor('4111011800')!)!.name).toBe('경기도 수원시 권선구 오목천동');
    const r = resolveAddress(index, '경기도 부천시 원미구 심곡동 12');
    expect(r).toMatchObject({ status: 'resolved', place: '경기도 부천시 원미구 심곡동' });
    expect(r.status === 'resolved' && r.reason).toBeUndefined();
    // a 동 moved between two 구 that still exist: its lots may be renumbered, so no guess
    expect(table.successor('4111111100')).toBeNull();
  });

  it('renamed places resolve with a note saying what they were read as', () => {
    const r = (a: string) => resolveAddress(index, a);
    // a 시군구 renamed with a new code, derived from the table: its 동 live on under 미추홀구
    expect(r('인천광역시 남구 숭의동 1')).toMatchObject({
      status: 'resolved',
      pnu: '2817710100100010000',
      reason: { code: 'renamed_from', params: { place: '인천광역시 미추홀구 숭의동', former: '인천광역시 남구 숭의동' } },
    });
    // a 군 that moved 시도, written under the old one
    for (const sido of ['경상북도', '경북']) {
      expect(r(`${sido} 군위군 군위읍 서부리 1`)).toMatchObject({
        status: 'resolved',
        pnu: '2772025022100010000',
        reason: { code: 'renamed_from', params: { former: '경상북도 군위군' } },
      });
    }
    // a 면 written as the 읍 it became, while the table still has the 면; and the reverse
    expect(r('경기도 용인시 처인구 양지읍 양지리 614')).toMatchObject({
      status: 'resolved',
      pnu: '4146136021106140000',
      reason: { code: 'table_has', params: { written: '양지읍', table: '양지면' } },
    });
    expect(r('부산 기장군 일광면 이천리 1')).toMatchObject({
      status: 'resolved',
      pnu: '2671025922100010000',
      reason: { code: 'table_has', params: { written: '일광면', table: '일광읍' } },
    });
    // an exact reading wins over a lenient one: 경상북도 alone never reaches 대구's other 군
    expect(r('경상북도 달성군 화원읍 천내리 1').status).toBe('invalid');
    // two possible successors: ambiguous, with both
    const twice = r('충청남도 천안시 쌍용동 12');
    expect(twice).toMatchObject({ status: 'ambiguous', reason: { code: 'ambiguous', params: { count: 2 } } });
    expect(twice.status === 'ambiguous' && twice.candidates.sort()).toEqual([
      '충청남도 천안시 동남구 쌍용동',
      '충청남도 천안시 서북구 쌍용동',
    ]);
    expect(table.successor('4413012300')).toBeNull();
  });

  it('시 and 구 fused or abbreviated', () => {
    for (const sgg of ['고양덕양구', '고양시덕양구', '고양시 덕양구', '고양 덕양', '덕양구'])
      expect(pnu(`경기도 ${sgg} 지축동 1`), sgg).toBe('4128110900100010000');
    expect(pnu('용인처인구 양지면 양지리 614')).toBe('4146136021106140000');
    expect(pnu('경기 성남 분당 정자동 1')).toBe(pnu('성남시분당구 정자동 1'));
  });

  it('road-name addresses and 행정동 names are refused as such, never read as 지번', () => {
    const code = (a: string) => {
      const x = resolveAddress(index, a);
      return x.status === 'resolved' ? x.pnu : x.reason.code;
    };
    for (const a of [
      '서울특별시 중구 세종대로 110',
      '서울 강남구 역삼동 테헤란로 212',
      '세종대로 지하 110',
      '수원시 팔달구 중앙로12번길 5',
      '서울 중구 세종대로 110 (태평로1가)',
    ])
      expect(code(a), a).toBe('road_address');
    for (const a of ['서울 성동구 성수1동 685', '강남구 역삼제1동 12']) expect(code(a), a).toBe('admin_dong');
    expect(resolveAddress(index, '서울 성동구 성수1동 685')).toMatchObject({
      reason: { params: { name: '성수1동', hint: '성수동1가, 성수동2가' } },
    });
    // 세종로 and 상도1동 are 법정동 names: 지번 addresses
    expect(code('서울 종로구 세종로 1')).toBe('1111011900100010000');
    expect(code('서울 동작구 상도1동 1')).toBe('1159010300100010000');
    // a 지번 with a road address after it is the 지번, the rest is detail
    expect(resolveAddress(index, '서울 강남구 역삼동 736-1 테헤란로 212')).toMatchObject({
      status: 'resolved',
      pnu: '1168010100107360001',
      detail: '테헤란로 212',
    });
  });

  it('PNUs with old codes are rewritten to the current code', () => {
    const resolve = keyResolver(index, { kind: 'pnu', pnu: 'PNU' });
    expect(resolve(['4119510200100120000'])).toMatchObject({ status: 'resolved', pnu: '4119210200100120000' });
    expect(resolve(['4119010200100120000'])).toMatchObject({ status: 'resolved', pnu: '4119210200100120000' });
    expect(resolve(['4211010100100010000'])).toMatchObject({ status: 'resolved', pnu: '5111010100100010000' });
    expect(resolve(['9999999999100010000'])).toMatchObject({ status: 'resolved', pnu: '9999999999100010000' });
  });
});
