import { PROVINCE_RENAMES } from '../cadastral/bjdCodes';
import { reason, type MatchReason } from './matchReason';
import type { Place, PlaceIndex } from './placeIndex';
import { sidoCodeOf } from './sidoAliases';

export type PlaceResolution =
  | { status: 'resolved'; place: Place; note?: MatchReason }
  | { status: 'ambiguous'; candidates: Place[]; reason: MatchReason }
  | { status: 'invalid'; reason: MatchReason };

/**
 * Finds the 법정동 (or 리) that place-name tokens name. The last token names the 읍면동 or 리;
 * the ones before it may give the 시도 (any alias), the 시군구 whole or in part ('안양시' for
 * 안양시 동안구, '장안구', '수원시장안구', '고양덕양구'), and the 읍면 of a 리. Missing parts are
 * fine as long as exactly one place fits; a wrong PNU is worse than an honest 'ambiguous'.
 *
 * Only when nothing fits as written are two known kinds of outdated writing read: a 읍 written as
 * the 면 it was (or the reverse), and a 군 written under the 시도 it left (경상북도 군위군). The
 * resolution then carries a note saying what was read how.
 */
export function resolvePlace(index: PlaceIndex, tokens: string[]): PlaceResolution {
  const last = tokens[tokens.length - 1];
  if (!last) return { status: 'invalid', reason: reason('no_place', { text: '' }) };
  const candidates = index.withLastName(last);
  if (!candidates.length) return { status: 'invalid', reason: reason('unknown_place', { name: last }) };
  const prefix = tokens.slice(0, -1);
  // A current name and an old one can both fit and lead to the same code: that is one place.
  let fits = uniqueCodes(candidates.filter((p) => fitsPrefix(p, prefix, false)));
  let lenient = false;
  if (fits.length === 0) {
    fits = uniqueCodes(candidates.filter((p) => fitsPrefix(p, prefix, true)));
    lenient = true;
  }
  if (fits.length === 1) {
    const place = fits[0]!;
    return { status: 'resolved', place, note: lenient ? lenientNote(place, prefix) : undefined };
  }
  if (fits.length === 0) {
    const where =
      candidates
        .slice(0, 5)
        .map((p) => p.fullName)
        .join(', ') + (candidates.length > 5 ? ', …' : '');
    return { status: 'invalid', reason: reason('place_mismatch', { prefix: prefix.join(' '), name: last, where }) };
  }
  const names =
    fits
      .slice(0, 5)
      .map((p) => p.fullName)
      .join(', ') + (fits.length > 5 ? ', …' : '');
  return {
    status: 'ambiguous',
    candidates: fits,
    reason: reason('ambiguous', { text: tokens.join(' '), count: fits.length, candidates: names }),
  };
}

function uniqueCodes(places: Place[]): Place[] {
  const byCode = new Map<string, Place>();
  for (const p of places) {
    const seen = byCode.get(p.bjdCode);
    if (!seen || (seen.formerName && !p.formerName)) byCode.set(p.bjdCode, p);
  }
  return [...byCode.values()];
}

/** '양지읍' for 양지면 and '양지면' for 양지읍: a 면 promoted to 읍 keeps its name and its lots. */
const otherEupMyeon = (name: string) =>
  name.endsWith('면') ? `${name.slice(0, -1)}읍` : name.endsWith('읍') ? `${name.slice(0, -1)}면` : null;

/** The 시도 a 시군구 belonged to before it moved (27720 대구 군위군 ← 47 경상북도), from PROVINCE_RENAMES. */
function formerSido(bjdCode: string): { code: string; name: string } | null {
  for (const r of PROVINCE_RENAMES) {
    if (r.from.length > 2 && bjdCode.startsWith(r.to)) return { code: r.from.slice(0, 2), name: r.oldName };
  }
  return null;
}

/** Whether the tokens before a place's last name (시도, 시군구, 읍면 of a 리) fit it; also used for road addresses. */
export function fitsPrefix(place: Place, prefix: string[], lenient: boolean): boolean {
  let tokens = prefix;
  const emdToken = tokens[tokens.length - 1];
  if (place.ri && emdToken !== undefined && (emdToken === place.emd || (lenient && emdToken === otherEupMyeon(place.emd))))
    tokens = tokens.slice(0, -1);
  let i = 0;
  const sidoCode = tokens[0] !== undefined ? sidoCodeOf(tokens[0]) : undefined;
  if (sidoCode !== undefined) {
    // '광주' names 광주광역시 and is also how people write 경기도 광주시: try both readings.
    if (sidoCode === place.bjdCode.slice(0, 2) || (lenient && sidoCode === formerSido(place.bjdCode)?.code)) i = 1;
    else if (!sggTokenMatches(place.sgg, tokens[0]!)) return false;
  }
  let part = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === place.sgg[0] && place.sgg.length === 1) {
      part = 1;
      continue;
    }
    if (place.sggWords?.includes(t)) {
      part = place.sgg.length; // '수원시장안구', and '고양덕양구' with the 시 dropped
      continue;
    }
    const at = place.sgg.findIndex((s, k) => k >= part && sggTokenMatches([s], t));
    if (at < 0) return false;
    part = at + 1;
  }
  return true;
}

/** What a lenient reading read differently from how it was written. */
function lenientNote(place: Place, prefix: string[]): MatchReason {
  const emdToken = prefix[prefix.length - 1];
  if (place.ri && emdToken !== undefined && emdToken !== place.emd && emdToken === otherEupMyeon(place.emd)) {
    return reason('table_has', { place: place.fullName, written: emdToken, table: place.emd });
  }
  const moved = formerSido(place.bjdCode);
  return reason('renamed_from', { place: place.fullName, former: moved ? moved.name : prefix.join(' ') });
}

const UNIT_SUFFIX = new Set(['시', '군', '구']);

/** '안양시' or '안양' for the part 안양시; '장안구' for 장안구; '양평' for 양평군. */
function sggTokenMatches(parts: string[], token: string): boolean {
  return parts.some((p) => p === token || (p.length === token.length + 1 && p.startsWith(token) && UNIT_SUFFIX.has(p[token.length]!)));
}
