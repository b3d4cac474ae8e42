import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { PlaceIndex } from '../shared/address/placeIndex';
import { openHostCore } from '../electron/host/hostCore';
import { matchKeys } from '../electron/models/parcelMatcher';

export interface MatchMeasurement {
  addresses: number;
  storeRows: number;
  matched: number;
  seconds: number;
}

/**
 * `n` addresses of parcels sampled from the store, written as people write them, matched back:
 * parse + resolve + one store check, end to end in the host.
 */
export async function runMatchSuite(table: BjdTable, storeDir: string, workspaceDir: string, n: number): Promise<MatchMeasurement> {
  const core = await openHostCore({ storeDir, workspaceDir });
  try {
    const sample = await core.engine.rows<{ SI_NM: string; SGG_NM: string | null; EMD_NM: string; RI_NM: string | null; SAN: boolean; BONBUN: number; BUBUN: number }>(
      `SELECT SI_NM, SGG_NM, EMD_NM, RI_NM, SAN, BONBUN, BUBUN FROM parcels USING SAMPLE ${n} ROWS (reservoir, 11)`);
    const keys = sample.map((p, i) => [`${i % 3 ? p.SI_NM : ''} ${p.SGG_NM ?? ''} ${p.EMD_NM} ${p.RI_NM ?? ''} ${p.SAN ? '산' : ''}${p.BONBUN}${p.BUBUN ? `-${p.BUBUN}` : ''}번지`]);
    const index = new PlaceIndex(table);
    const t0 = performance.now();
    const matches = await matchKeys(keys, { kind: 'address', address: '소재지' }, index, core.engine, workspaceDir);
    const seconds = (performance.now() - t0) / 1000;
    return { addresses: keys.length, storeRows: core.store()?.rows ?? 0, matched: matches.filter((m) => m.status === 'matched').length, seconds };
  } finally {
    await core.close();
  }
}
