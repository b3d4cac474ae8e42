import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { resolveAddress } from '../shared/address/matchAddress';
import { PlaceIndex } from '../shared/address/placeIndex';

export interface AddressMeasurement {
  addresses: number;
  indexMs: number;
  resolveMs: number;
  perSecond: number;
}

const FORMS = ['서울 종로구 청운동 ', '경기도 안양시 관양동 ', '강원 춘천시 봉의동 ', '종로구 사직동 산 ', '전북 전주시 완산구 중앙동1가 '];

/** Parse + resolve `n` addresses in mixed spellings to PNUs (no store lookup). */
export function runAddressSuite(table: BjdTable, n: number): AddressMeasurement {
  let t0 = performance.now();
  const index = new PlaceIndex(table);
  const indexMs = performance.now() - t0;
  t0 = performance.now();
  let resolved = 0;
  for (let i = 0; i < n; i++)
    if (resolveAddress(index, `${FORMS[i % FORMS.length]}${1 + (i % 900)}-${i % 9}`).status === 'resolved') resolved++;
  const resolveMs = performance.now() - t0;
  if (resolved !== n) throw new Error(`only ${resolved} of ${n} addresses resolved`);
  return { addresses: n, indexMs, resolveMs, perSecond: n / (resolveMs / 1000) };
}
