import { formatPnu } from '../cadastral/pnu';
import { parseJibunAddress } from './jibunAddress';
import type { PlaceIndex } from './placeIndex';
import { resolvePlace } from './resolvePlace';

/**
 * Before the store is consulted: an address either resolves to one PNU, or says why not.
 * (`matched` / `not_found` come from the store lookup that follows.)
 */
export type AddressResolution =
  | { status: 'resolved'; pnu: string; place: string }
  | { status: 'ambiguous'; note: string; candidates: string[] }
  | { status: 'invalid'; note: string };

export function resolveAddress(index: PlaceIndex, address: string): AddressResolution {
  const parsed = parseJibunAddress(address);
  if (!parsed.ok) return { status: 'invalid', note: parsed.reason };
  const { places, san, bonbun, bubun } = parsed.value;
  const r = resolvePlace(index, places);
  if (r.status === 'invalid') return { status: 'invalid', note: r.reason };
  if (r.status === 'ambiguous') return { status: 'ambiguous', note: r.reason, candidates: r.candidates.map((p) => p.fullName) };
  return { status: 'resolved', pnu: formatPnu({ bjdCode: r.place.bjdCode, san, bonbun, bubun }), place: r.place.fullName };
}
