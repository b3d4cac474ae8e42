import { formatPnu } from '../cadastral/pnu';
import { parseJibunAddress } from './jibunAddress';
import type { Place, PlaceIndex } from './placeIndex';
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
  return { status: 'resolved', pnu: formatPnu({ bjdCode: r.place.bjdCode, san, bonbun, bubun }), place: placeName(r.place) };
}

function placeName(p: Place): string {
  return p.formerName ? `${p.fullName}, formerly ${p.formerName}` : p.fullName;
}

/** An address given in separate columns (as many registers keep it). */
export interface AddressParts {
  sido?: string;
  sgg?: string;
  emd: string;
  ri?: string;
  /** '산', 'Y', '2' (the PNU's land type) or 'true' mean 산; blank, 'N', '1', '0' do not */
  san?: string;
  bonbun: string;
  bubun?: string;
}

const SAN_YES = new Set(['산', 'y', 'yes', '2', 'true', '임야']);
const SAN_NO = new Set(['', 'n', 'no', '1', '0', 'false', '일반', '토지']);

export function resolveAddressParts(index: PlaceIndex, parts: AddressParts): AddressResolution {
  const san = (parts.san ?? '').trim().toLowerCase();
  if (!SAN_YES.has(san) && !SAN_NO.has(san)) return { status: 'invalid', note: `cannot read 산 '${parts.san}' (use 산/Y/2 or blank/N/1)` };
  const lot = (v: string | undefined, what: string, required: boolean): number | string => {
    const t = (v ?? '').normalize('NFKC').replace(/번지|호/g, '').trim();
    if (t === '') return required ? `${what} is empty` : 0;
    return /^\d{1,4}$/.test(t) ? Number(t) : `${what} '${v}' is not a number of up to 4 digits`;
  };
  const bonbun = lot(parts.bonbun, '본번', true);
  const bubun = lot(parts.bubun, '부번', false);
  if (typeof bonbun === 'string') return { status: 'invalid', note: bonbun };
  if (typeof bubun === 'string') return { status: 'invalid', note: bubun };
  if (bonbun === 0) return { status: 'invalid', note: '본번 is 0' };
  const places = [parts.sido, ...(parts.sgg ?? '').split(/\s+/), parts.emd, parts.ri].map((p) => (p ?? '').normalize('NFKC').trim()).filter(Boolean);
  const r = resolvePlace(index, places);
  if (r.status === 'invalid') return { status: 'invalid', note: r.reason };
  if (r.status === 'ambiguous') return { status: 'ambiguous', note: r.reason, candidates: r.candidates.map((p) => p.fullName) };
  return { status: 'resolved', pnu: formatPnu({ bjdCode: r.place.bjdCode, san: SAN_YES.has(san), bonbun, bubun }), place: placeName(r.place) };
}
