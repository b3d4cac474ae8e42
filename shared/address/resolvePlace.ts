import type { Place, PlaceIndex } from './placeIndex';
import { sidoCodeOf } from './sidoAliases';

export type PlaceResolution =
  | { status: 'resolved'; place: Place }
  | { status: 'ambiguous'; candidates: Place[]; reason: string }
  | { status: 'invalid'; reason: string };

/**
 * Finds the 법정동 (or 리) that place-name tokens name. The last token names the 읍면동 or 리;
 * the ones before it may give the 시도 (any alias), the 시군구 whole or in part ('안양시' for
 * 안양시 동안구, '장안구', '수원시장안구'), and the 읍면 of a 리. Missing parts are fine as long as
 * exactly one place fits; a wrong PNU is worse than an honest 'ambiguous'.
 */
export function resolvePlace(index: PlaceIndex, tokens: string[]): PlaceResolution {
  const last = tokens[tokens.length - 1];
  if (!last) return { status: 'invalid', reason: 'no place name' };
  const candidates = index.withLastName(last);
  if (!candidates.length) return { status: 'invalid', reason: `no 읍면동 or 리 named '${last}'` };
  const prefix = tokens.slice(0, -1);
  // A current name and an old one can both fit and lead to the same code: that is one place.
  const fits = uniqueCodes(candidates.filter((p) => fitsPrefix(p, prefix)));
  if (fits.length === 1) return { status: 'resolved', place: fits[0]! };
  if (fits.length === 0) {
    const where = candidates.slice(0, 5).map((p) => p.fullName).join(', ');
    return { status: 'invalid', reason: `'${prefix.join(' ')}' has no '${last}' (it exists in: ${where}${candidates.length > 5 ? ', …' : ''})` };
  }
  return {
    status: 'ambiguous',
    candidates: fits,
    reason: `'${tokens.join(' ')}' fits ${fits.length} places: ${fits.slice(0, 5).map((p) => p.fullName).join(', ')}${fits.length > 5 ? ', …' : ''}`,
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

function fitsPrefix(place: Place, prefix: string[]): boolean {
  let tokens = prefix;
  if (place.ri && tokens[tokens.length - 1] === place.emd) tokens = tokens.slice(0, -1);
  let i = 0;
  const sidoCode = tokens[0] !== undefined ? sidoCodeOf(tokens[0]) : undefined;
  if (sidoCode !== undefined) {
    // '광주' names 광주광역시 and is also how people write 경기도 광주시: try both readings.
    if (sidoCode === place.bjdCode.slice(0, 2)) i = 1;
    else if (!sggTokenMatches(place.sgg, tokens[0]!)) return false;
  }
  let part = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === place.sgg.join('')) {
      part = place.sgg.length;
      continue;
    }
    const at = place.sgg.findIndex((s, k) => k >= part && sggTokenMatches([s], t));
    if (at < 0) return false;
    part = at + 1;
  }
  return true;
}

/** '안양시' or '안양' for the part 안양시; '장안구' for 장안구; '양평' for 양평군. */
function sggTokenMatches(parts: string[], token: string): boolean {
  return parts.some((p) => p === token || p === `${token}시` || p === `${token}군` || p === `${token}구`);
}
