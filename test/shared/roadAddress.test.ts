import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyResolver } from '../../shared/address/addressMapping';
import { PlaceIndex } from '../../shared/address/placeIndex';
import { parseRoadAddress } from '../../shared/address/roadAddress';
import { RoadIndex, type RoadBuilding } from '../../shared/address/roadIndex';
import { resolveAnyAddress } from '../../shared/address/resolveRoadAddress';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';

const table = parseBjdTable(readFileSync(path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2025.tsv'), 'utf8'));
const places = new PlaceIndex(table);

describe('reading road-name addresses as people write them', () => {
  it.each([
    ['서울특별시 종로구 세종대로 209', ['서울특별시', '종로구'], '세종대로', false, 209, 0, ''],
    ['서울 종로구 세종대로 지하 110', ['서울', '종로구'], '세종대로', true, 110, 0, ''],
    ['세종대로지하110', [], '세종대로', true, 110, 0, ''],
    ['세종특별자치시 반곡동 시청대로 365', ['세종특별자치시', '반곡동'], '시청대로', false, 365, 0, ''],
    ['종로구 율곡로 4길 5, 3층 (운니동, 삼환빌딩)', ['종로구'], '율곡로4길', false, 5, 0, '3층 (운니동, 삼환빌딩)'],
    ['종로구 율곡로4길 5', ['종로구'], '율곡로4길', false, 5, 0, ''],
    ['종로구 율곡로4길5', ['종로구'], '율곡로4길', false, 5, 0, ''],
    ['춘천시 중앙로 100번길 12', ['춘천시'], '중앙로100번길', false, 12, 0, ''],
    ['강남구 테헤란로 212', ['강남구'], '테헤란로', false, 212, 0, ''],
    ['강남구 테헤란로 12 - 3 (역삼동)', ['강남구'], '테헤란로', false, 12, 3, '(역삼동)'],
    ['종로구 세종대로２０９', ['종로구'], '세종대로', false, 209, 0, ''],
    ['중구 세종대로 110 (태평로1가)', ['중구'], '세종대로', false, 110, 0, '(태평로1가)'],
    ['중구 세종대로 110번 2층', ['중구'], '세종대로', false, 110, 0, '2층'],
  ])('%s', (raw, placesWritten, road, underground, bonbun, bubun, detail) => {
    expect(parseRoadAddress(raw)).toEqual(expect.objectContaining({ places: placesWritten, road, underground, bonbun, bubun, detail }));
  });

  it.each([
    ['종로구 청운동 12-3'], // a 지번: no road name before the number
    ['종로구 세종대로 209 3'], // a bare number after the building number: 209-3 or unit 3?
    ['종로구 세종대로 0'],
    ['종로구 세종대로'],
    ['100번길 12'], // a numbered road without its base name
  ])('%s is no road address', (raw) => {
    expect(parseRoadAddress(raw)).toBeNull();
  });
});

/** A small index in memory: the building numbers of real roads, on made-up parcels of real 법정동. */
function index(): RoadIndex {
  const b = (
    sgg: string,
    road: string,
    underground: number,
    bonbun: number,
    bubun: number,
    pnu: string,
    emd: string,
    name = '',
  ): RoadBuilding => ({ sgg, road, underground, bonbun, bubun, pnu, related: [], name, emd, ri: '' });
  return RoadIndex.fromBuildings(
    [
      b('11110', '세종대로', 0, 209, 0, '1111011900100010000', '세종로', '정부서울청사'),
      b('11140', '세종대로', 0, 110, 0, '1114010300100310000', '태평로1가', '서울특별시청'),
      b('11140', '세종대로', 1, 110, 0, '1114010300100320000', '태평로1가'),
      b('11110', '율곡로4길', 0, 5, 0, '1111013700100050000', '운니동'),
      b('11140', '중앙로', 0, 5, 0, '1114010300100400000', '태평로1가'),
      b('51110', '중앙로', 0, 5, 0, '5111010100100050000', '중앙로1가'),
      b('11110', '율곡로', 1, 7, 0, '1111013700100070000', '운니동'),
    ],
    [
      { code: '11110', sido: '서울특별시', sgg: '종로구' },
      { code: '11140', sido: '서울특별시', sgg: '중구' },
      { code: '51110', sido: '강원특별자치도', sgg: '춘천시' },
    ],
    '20241031',
  );
}

describe('resolving road-name addresses through the index', () => {
  const roads = index();
  const any = (t: string) => resolveAnyAddress(places, roads, t);

  it("a road address leads to its building's 대표지번, with a note naming the address and the building", () => {
    expect(any('서울특별시 종로구 세종대로 209')).toMatchObject({
      status: 'resolved',
      pnu: '1111011900100010000',
      reason: { code: 'road_matched', params: { address: '세종대로 209', jibun: '세종로 1', building: ' (정부서울청사)' } },
    });
    expect(any('서울 중구 세종대로 110 (태평로1가)')).toMatchObject({
      status: 'resolved',
      pnu: '1114010300100310000',
      detail: '(태평로1가)',
    });
    expect(any('중구 세종대로 지하 110')).toMatchObject({ status: 'resolved', pnu: '1114010300100320000' });
    expect(any('종로구 율곡로 4길 5, 2층')).toMatchObject({ status: 'resolved', pnu: '1111013700100050000', detail: '2층' });
    expect(any('강원 춘천시 중앙로 5')).toMatchObject({ status: 'resolved', pnu: '5111010100100050000' });
    expect(any('춘천 중앙로 5')).toMatchObject({ status: 'resolved', pnu: '5111010100100050000' });
    // a road in one 시군구 only, written without it
    expect(any('세종대로 209')).toMatchObject({ status: 'ambiguous' });
    expect(any('율곡로4길 5')).toMatchObject({ status: 'resolved', pnu: '1111013700100050000' });
    // a 법정동 whose name ends like a road, written before the road
    expect(any('종로구 세종로 세종대로 209')).toMatchObject({ status: 'resolved', pnu: '1111011900100010000' });
  });

  it('each refusal has its own reason', () => {
    const code = (t: string) => {
      const r = any(t);
      return r.status === 'resolved' ? `resolved ${r.pnu}` : `${r.status} ${r.reason.code}`;
    };
    expect(code('종로구 없는대로 5')).toBe('invalid road_unknown');
    expect(code('종로구 세종대로 211')).toBe('invalid road_no_building');
    expect(code('강원 춘천시 율곡로4길 5')).toBe('invalid road_other_sgg');
    expect(code('종로구 율곡로 7')).toBe('invalid road_underground'); // only 지하 7
    expect(code('종로구 세종대로 지하 209')).toBe('invalid road_underground');
    expect(code('중구 세종대로 110 (청운동)')).toBe('invalid road_dong_mismatch');
    expect(code('종로구 청운동 세종대로 209')).toBe('invalid road_dong_mismatch');
    expect(code('중앙로 5')).toBe('ambiguous ambiguous'); // 중구 and 춘천시
    expect(any('중구 세종대로 110 (서울시청)')).toMatchObject({ status: 'resolved' }); // a building name in the bracket is no place
  });

  it('a 지번 and a road reading that name different parcels are ambiguous; a 지번 alone stays a 지번', () => {
    // 세종로 is a 법정동 of 종로구 (지번 세종로 1) and here also a road with a building 1 elsewhere
    const both = RoadIndex.fromBuildings(
      [
        {
          sgg: '11110',
          road: '세종로',
          underground: 0,
          bonbun: 1,
          bubun: 0,
          pnu: '1111011900100990000',
          related: [],
          name: '',
          emd: '세종로',
          ri: '',
        },
      ],
      [{ code: '11110', sido: '서울특별시', sgg: '종로구' }],
      '',
    );
    expect(resolveAnyAddress(places, both, '종로구 세종로 1')).toMatchObject({ status: 'ambiguous' });
    expect(resolveAnyAddress(places, roads, '종로구 세종로 1')).toMatchObject({ status: 'resolved', pnu: '1111011900100010000' });
    expect(resolveAnyAddress(places, roads, '종로구 청운동 12-3 (세종대로빌딩)')).toMatchObject({
      status: 'resolved',
      pnu: '1111010100100120003',
    });
    // a 지번 whose place is glued to its lot, or cut off by a '외 N필지' note, before a known road
    // that does not fit: the 지번 reading stands (the road reading is not made alone)
    expect(resolveAnyAddress(places, roads, '종로구 청운동12-3 세종대로 209')).toMatchObject({
      status: 'resolved',
      pnu: '1111010100100120003',
    });
    expect(resolveAnyAddress(places, roads, '종로구 청운동외 2필지 세종대로 209')).toMatchObject({
      status: 'resolved',
      pnu: '1111010100102090000',
    });
  });

  it('without an index a road address keeps the road_address refusal; the address mapping resolves mixed rows', () => {
    expect(resolveAnyAddress(places, null, '종로구 세종대로 209')).toMatchObject({ status: 'invalid', reason: { code: 'road_address' } });
    const resolve = keyResolver(places, { kind: 'address', address: 'a' }, roads);
    expect(resolve(['종로구 세종대로 209'])).toMatchObject({ status: 'resolved', pnu: '1111011900100010000' });
    expect(resolve(['종로구 청운동 12-3'])).toMatchObject({ status: 'resolved', pnu: '1111010100100120003' });
  });
});
