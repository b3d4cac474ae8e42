import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyResolver } from '../../shared/address/addressMapping';
import { resolveAddress } from '../../shared/address/matchAddress';
import { normalizeAddress } from '../../shared/address/normalize';
import { PlaceIndex } from '../../shared/address/placeIndex';
import { isPnu } from '../../shared/cadastral/pnu';
import { bjdTable } from '../store/synthFixtures';
import { fuzzParams, fuzzTimeout, mutated } from './fuzzConfig';

/** Address text as analysts' lists hold it, and worse: never a throw, always a status and a reason. */
const index = new PlaceIndex(bjdTable);
const SEEDS = [
  '서울특별시 종로구 청운동 12-3',
  '경기도 수원시 장안구 파장동 산 12번지',
  '세종시 조치원읍 원리 3-1',
  '강원특별자치도 춘천시 신북읍 천전리 100',
  '중구 태평로1가 31',
  '서울 종로구 이화동 21-3 (외 2필지)',
  '부산광역시 해운대구 우동 1408',
  '전북 전주시 완산구 효자동1가 12 - 3',
];
const pieces = fc.constantFrom(
  '서울',
  '특별시',
  '종로구',
  '청운동',
  '산',
  '리',
  '읍',
  '면',
  '동',
  '가',
  '번지',
  '호',
  '-',
  ' ',
  '  ',
  '(',
  ')',
  '외',
  '필지',
  '12',
  '0',
  '9999',
  '10000',
  '１２',
  '－',
  '\u00a0',
  '\t',
  ',',
  '.',
  '세종',
  '강원',
  '광주',
  '수원시',
  '장안구',
  '\u200b',
);
const texts = fc.oneof(
  fc.constantFrom(...SEEDS),
  fc.string({ maxLength: 60 }),
  fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
  mutated(SEEDS, pieces),
);

describe('fuzz: address parsing and resolution', () => {
  const runs = 5000;
  it(
    `${runs}× resolves, is ambiguous or says why not; a resolved PNU is 19 digits`,
    () => {
      const seen = new Set<string>();
      fc.assert(
        fc.property(texts, (text) => {
          const r = resolveAddress(index, text);
          seen.add(r.status);
          if (r.status === 'resolved') expect(isPnu(r.pnu)).toBe(true);
          else if (r.status === 'ambiguous') expect(r.candidates.length).toBeGreaterThan(1);
          else expect(r.note.trim()).not.toBe('');
        }),
        fuzzParams(runs),
      );
      expect([...seen].sort()).toEqual(['ambiguous', 'invalid', 'resolved']); // the generator reaches every outcome
    },
    fuzzTimeout(runs, 1),
  );

  it(
    `${runs}× normalizing twice changes nothing`,
    () => {
      fc.assert(
        fc.property(texts, (text) => {
          const once = normalizeAddress(text);
          expect(normalizeAddress(once)).toBe(once);
        }),
        fuzzParams(runs),
      );
    },
    fuzzTimeout(runs, 1),
  );

  it(
    `${runs}× separate columns (시도, 시군구, 읍면동, 리, 산, 본번, 부번) never throw`,
    () => {
      const resolve = keyResolver(index, { kind: 'parts', sido: 'a', sgg: 'b', emd: 'c', ri: 'd', san: 'e', bonbun: 'f', bubun: 'g' });
      const value = fc.option(fc.oneof(fc.string({ maxLength: 12 }), pieces, fc.integer({ min: -5, max: 20000 }).map(String)), {
        nil: null,
      });
      fc.assert(
        fc.property(fc.array(value, { minLength: 7, maxLength: 7 }), (values) => {
          const r = resolve(values);
          expect(['resolved', 'ambiguous', 'invalid']).toContain(r.status);
          if (r.status === 'resolved') expect(isPnu(r.pnu)).toBe(true);
        }),
        fuzzParams(runs),
      );
    },
    fuzzTimeout(runs, 1),
  );
});
