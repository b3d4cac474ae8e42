import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../electron/host/hostCore';
import { paths } from '../electron/host/paths';
import { matchRelation } from '../electron/models/parcelMatcher';
import { RoadIndex, type RoadBuilding } from '../shared/address/roadIndex';
import { tempDir } from './store/synthFixtures';

/**
 * parcels=all against the store as it is: a building's 관련지번 the store lacks are left out and
 * counted, a building whose 대표지번 the store lacks gives no parcel at all, and the counts stay one
 * per source row. (The roads are made in memory; the store is the sample's, in real DuckDB.)
 */
describe('parcels=all and the store', () => {
  const workspace = tempDir('parcels-all');
  let core: HostCore;
  let inStore: string[];
  const absent = ['1111010100199990000', '1111010100199980000'];
  beforeAll(async () => {
    core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: workspace });
    inStore = (await core.engine.rows<{ p: string }>(`SELECT PNU AS p FROM parcels WHERE PNU LIKE '11110%' ORDER BY PNU LIMIT 4`)).map(
      (r) => r.p,
    );
    const present = await core.engine.rows(`SELECT PNU FROM parcels WHERE PNU IN ('${absent.join("', '")}')`);
    expect(present).toEqual([]);
  });
  afterAll(async () => core?.close());

  const building = (bonbun: number, pnu: string, related: string[]): RoadBuilding => ({
    sgg: '11110',
    road: '시험로',
    underground: 0,
    bonbun,
    bubun: 0,
    pnu,
    related,
    name: '',
    emd: '청운동',
    ri: '',
  });

  it('keeps the 관련지번 the store has, counts the others, and gives a building without its 대표지번 no parcel', async () => {
    const roads = RoadIndex.fromBuildings(
      [
        // on three parcels, one of which the store does not have
        building(1, inStore[0]!, [inStore[1]!, absent[0]!]),
        // its 대표지번 is not in the store: not_found, and its 관련지번 (in the store) do not stand in
        building(3, absent[1]!, [inStore[2]!]),
      ],
      [{ code: '11110', sido: '서울특별시', sgg: '종로구' }],
      '20241031',
    );
    const rows = `SELECT * FROM (VALUES ('종로구 시험로 1'), ('종로구 시험로 1'), ('종로구 시험로 3'), ('종로구 시험로 5')) AS t(주소)`;
    const run = async (parcels: 'main' | 'all') => {
      const table = `__m_${parcels}`;
      const { report } = await matchRelation(
        core.engine,
        core.placeIndex(),
        rows,
        { kind: 'address', address: '주소' },
        table,
        workspace,
        roads,
        parcels,
      );
      const matched = await core.engine.rows<{
        k0: string;
        pnu: string | null;
        match_status: string;
        match_parcel: string | null;
        n: bigint;
      }>(`SELECT k0, pnu, match_status, match_parcel, n FROM ${table} ORDER BY k0, match_parcel = '관련지번', pnu`);
      return { report, matched: matched.map((r) => [r.k0, r.pnu, r.match_status, r.match_parcel, Number(r.n)]) };
    };
    const main = await run('main');
    const all = await run('all');
    // the same counts, per source row, either way
    for (const r of [main.report, all.report]) {
      expect(r.rows).toBe(4);
      expect(r.counts).toEqual({ matched: 2, not_found: 1, ambiguous: 0, invalid: 1 });
    }
    expect(main.report.related).toBeUndefined();
    // two source rows hold the first address: its 관련지번 in the store is added for both
    expect(all.report.related).toEqual({ parcels: 2, missing: 2 });
    expect(main.matched).toEqual([
      ['종로구 시험로 1', inStore[0], 'matched', '대표지번', 2],
      ['종로구 시험로 3', absent[1], 'not_found', '대표지번', 1],
      ['종로구 시험로 5', null, 'invalid', null, 1],
    ]);
    expect(all.matched).toEqual([
      ['종로구 시험로 1', inStore[0], 'matched', '대표지번', 2],
      ['종로구 시험로 1', inStore[1], 'matched', '관련지번', 2],
      ['종로구 시험로 3', absent[1], 'not_found', '대표지번', 1],
      ['종로구 시험로 5', null, 'invalid', null, 1],
    ]);
    expect(all.report.unmatched.map((u) => [u.values, u.status, u.rows])).toEqual([
      [['종로구 시험로 5'], 'invalid', 1],
      [['종로구 시험로 3'], 'not_found', 1],
    ]);
  });
});
