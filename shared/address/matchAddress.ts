import { formatPnu } from '../cadastral/pnu';
import { AFTER_PLACE, parseJibunAddress, type JibunAddress } from './jibunAddress';
import { cleanAddressText } from './normalize';
import { reason, type MatchReason } from './matchReason';
import type { Place, PlaceIndex } from './placeIndex';
import { renderReason } from './reasonMessages';
import { resolvePlace, type PlaceResolution } from './resolvePlace';

/**
 * Before the store is consulted: an address either resolves to one PNU, or says why not.
 * (`matched` / `not_found` come from the store lookup that follows.) `reason` is the code and
 * parameters the message catalogue renders; `note` is that reason in English, for logs and the
 * places that show it as it is. A resolved address carries a reason only when something about it
 * is worth saying (a renamed place). `detail` is the text after the lot number, if any.
 */
export type AddressResolution =
  | {
      status: 'resolved';
      pnu: string;
      place: string;
      detail?: string;
      reason?: MatchReason;
      /** a road address only: the building's other parcels (관련지번), its pnu being the 대표지번 */
      related?: readonly string[];
    }
  | { status: 'ambiguous'; note: string; reason: MatchReason; candidates: string[]; detail?: string }
  | { status: 'invalid'; note: string; reason: MatchReason; detail?: string };

export function invalid(r: MatchReason, detail?: string): AddressResolution {
  const refused = { status: 'invalid' } as Extract<AddressResolution, { status: 'invalid' }>;
  // The note is rendered when read: a mixed list's 지번 reading of a road address is refused and
  // dropped on every row, and the sentence was a tenth of the resolution's time. One getter for
  // all: a getter written in the literal is a new function per object, which gives each object
  // its own hidden class (made in the old generation, keeping the young objects it references
  // alive), and made resolution several times slower, more so the busier the machine.
  Object.defineProperty(refused, 'note', NOTE);
  refused.reason = r;
  if (detail) refused.detail = detail;
  return refused;
}

const NOTE: PropertyDescriptor = {
  get(this: { reason: MatchReason }) {
    return renderReason(this.reason, 'en');
  },
  enumerable: true,
  configurable: true,
};

// A road name: '세종대로', '테헤란로', '중앙로12번길', '12번길', '새싹길' (checked against the table first:
// 세종로 and 남성로 are also 법정동 names).
const ROAD = /(?:[로길]|\d+번?[가-]?[로길])$/;
// A 행정동 name: a number before 동 ('성수1동', '역삼제1동') or several joined ('종로1·2·3·4가동').
const ADMIN_DONG = /^(.+?)(?:제?\d+|[\d·.,]+가)동$/;

export function resolveAddress(index: PlaceIndex, address: string): AddressResolution {
  const parsed = parseJibunAddress(address);
  if (!parsed.ok) return invalid(parsed.reason);
  // Longest reading first ('서초동 1576-1 삼덕빌딩 2' is tried as 삼덕빌딩 2, then as 1576-1 with
  // the rest as detail). A road name or 행정동 reading is kept as the answer if no reading resolves.
  let notJibunAnswer: AddressResolution | null = null;
  let answer: AddressResolution | null = null;
  for (const reading of parsed.readings) {
    const refusal = notJibun(index, reading);
    if (refusal) {
      notJibunAnswer ??= invalid(refusal, reading.detail);
      continue;
    }
    const r = resolvePlace(index, reading.places);
    answer = resolutionOf(r, reading);
    if (r.status !== 'invalid') return answer;
    // A longer reading whose last name is a real place elsewhere ('청운동 12 사직동 5') is not a
    // building name to skip over: two addresses in one cell, refused as they are.
    if (r.reason.code !== 'unknown_place') break;
  }
  return notJibunAnswer ?? answer!;
}

// Where the last place name of a 지번 reading can end inside a word: where a lot starts after a
// letter that may stand before one ('청운동12', '청운동산12'), or before a '외 N필지' note that
// stripNotes cuts off ('청운동외 3필지').
const LOT_START = /[0-9산]/;
const PIECES = /[\s()[\]<>,，]+/;

/**
 * False when no reading of `text` can resolve as a 지번 address: every reading's places end with
 * a whitespace-, bracket- or comma-delimited piece of the text, or a piece cut before its lot, and
 * none of those is a name the code table knows. Far cheaper than the reading itself: a mixed
 * list's road addresses skip the 지번 reading they would only refuse.
 */
export function mayResolveAsJibun(index: PlaceIndex, text: string): boolean {
  for (const piece of cleanAddressText(text).split(PIECES)) {
    if (!piece) continue;
    if (index.withLastName(piece).length) return true;
    for (let i = 1; i < piece.length; i++) {
      const c = piece[i]!;
      const cut = c === '외' || (LOT_START.test(c) && AFTER_PLACE.has(piece[i - 1]!));
      if (cut && index.withLastName(piece.slice(0, i)).length) return true;
    }
  }
  return false;
}

/** A road-name address or a 행정동 is not a 지번 address, whatever its numbers. */
function notJibun(index: PlaceIndex, reading: JibunAddress): MatchReason | null {
  const places = reading.places;
  const underground = places[places.length - 1] === '지하';
  const name = underground ? places[places.length - 2] : places[places.length - 1];
  if (name === undefined || index.withLastName(name).length) return null;
  if (ROAD.test(name) || (underground && name)) {
    return reason('road_address', {
      road: underground ? `${name} 지하` : name,
      number: `${reading.bonbun}${reading.bubun ? `-${reading.bubun}` : ''}`,
    });
  }
  const admin = ADMIN_DONG.exec(name);
  if (admin) {
    const legal = index.legalDongsOf(admin[1]!);
    return reason('admin_dong', {
      name,
      hint: legal.length ? legal.slice(0, 3).join(', ') + (legal.length > 3 ? ', …' : '') : `${admin[1]}동…`,
    });
  }
  return null;
}

function resolutionOf(r: PlaceResolution, reading: JibunAddress): AddressResolution {
  const detail = reading.detail || undefined;
  if (r.status === 'invalid') return invalid(r.reason, detail);
  if (r.status === 'ambiguous')
    return {
      status: 'ambiguous',
      note: renderReason(r.reason, 'en'),
      reason: r.reason,
      candidates: r.candidates.map((p) => p.fullName),
      ...(detail ? { detail } : {}),
    };
  const { san, bonbun, bubun } = reading;
  return resolved(r, formatPnu({ bjdCode: r.place.bjdCode, san, bonbun, bubun }), detail);
}

function resolved(r: Extract<PlaceResolution, { status: 'resolved' }>, pnu: string, detail?: string): AddressResolution {
  const note = r.note ?? (r.place.formerName ? reason('renamed_from', { place: r.place.fullName, former: r.place.formerName }) : undefined);
  return { status: 'resolved', pnu, place: placeName(r.place), ...(detail ? { detail } : {}), ...(note ? { reason: note } : {}) };
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
  if (!SAN_YES.has(san) && !SAN_NO.has(san)) return invalid(reason('bad_san', { value: parts.san ?? '' }));
  const lot = (v: string | undefined, part: string, required: boolean): number | MatchReason => {
    const t = (v ?? '')
      .normalize('NFKC')
      .replace(/번지|호/g, '')
      .trim();
    if (t === '') return required ? reason('empty_lot', { part }) : 0;
    return /^\d{1,4}$/.test(t) ? Number(t) : reason('bad_lot', { part, value: v ?? '' });
  };
  const bonbun = lot(parts.bonbun, '본번', true);
  const bubun = lot(parts.bubun, '부번', false);
  if (typeof bonbun !== 'number') return invalid(bonbun);
  if (typeof bubun !== 'number') return invalid(bubun);
  if (bonbun === 0) return invalid(reason('lot_zero', { text: parts.bonbun }));
  const places = [parts.sido, ...(parts.sgg ?? '').split(/\s+/), parts.emd, parts.ri]
    .map((p) => (p ?? '').normalize('NFKC').trim())
    .filter(Boolean);
  const r = resolvePlace(index, places);
  if (r.status === 'invalid') return invalid(r.reason);
  if (r.status === 'ambiguous')
    return { status: 'ambiguous', note: renderReason(r.reason, 'en'), reason: r.reason, candidates: r.candidates.map((p) => p.fullName) };
  return resolved(r, formatPnu({ bjdCode: r.place.bjdCode, san: SAN_YES.has(san), bonbun, bubun }));
}
