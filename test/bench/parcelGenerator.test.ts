import { expect, it } from 'vitest';
import { parsePnu } from '../../shared/cadastral/pnu';
import { generateSggParcels } from '../../bench/synth/parcelGenerator';
import { bjdTable } from '../store/synthFixtures';

it(
  'a 시군구 of two 법정동 holds as many parcels as the national scale gives it, every PNU valid and distinct',
  { timeout: 300_000 },
  () => {
    // 연제구 has two 동 (거제동, 연산동): 100,000 parcels number their 본번 past 9999
    const parcels = generateSggParcels(bjdTable, '26470', 100_000, 7);
    expect(parcels).toHaveLength(100_000);
    expect(new Set(parcels.map((p) => p.pnu)).size).toBe(100_000);
    const misnumbered = parcels.filter((p) => {
      const parsed = parsePnu(p.pnu);
      return p.bonbun < 1 || p.bonbun > 9999 || parsed?.bonbun !== p.bonbun || parsed.bubun !== p.bubun || parsed.san !== p.san;
    });
    expect(misnumbered).toEqual([]);
    // the second round of 본번 exists, its 부번 from 100
    expect(parcels.some((p) => p.bubun >= 100)).toBe(true);
  },
);
