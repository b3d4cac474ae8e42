import { formatJibun, parsePnu } from '../cadastral/pnu';
import { invalid, mayResolveAsJibun, resolveAddress, type AddressResolution } from './matchAddress';
import { reason } from './matchReason';
import { sggWordsOf, type Place, type PlaceIndex } from './placeIndex';
import { fitsPrefix } from './resolvePlace';
import { parseRoadAddress, type RoadAddress } from './roadAddress';
import { UNDERGROUND_NAMES, type RoadBuilding, type RoadIndex, type RoadSgg } from './roadIndex';

/**
 * One address cell of a mixed list: 지번 or 도로명, read per row. Without a road index this is
 * the 지번 reading alone (a road address is refused as `road_address`). With one, a road reading
 * that names a road the index knows is resolved through it; where both readings name a parcel and
 * they differ, the row is ambiguous: never a guess between them.
 */
export function resolveAnyAddress(places: PlaceIndex, roads: RoadIndex | null, text: string): AddressResolution {
  if (!roads) return resolveAddress(places, text);
  const parsed = parseRoadAddress(text);
  if (!parsed) return resolveAddress(places, text);
  const known = roads.sggsWithRoad(parsed.road).length > 0;
  // a 지번 reading that can only be refused gives way to a known road (as below), so it is not made
  if (known && !mayResolveAsJibun(places, text)) return resolveRoadAddress(places, roads, parsed);
  const jibun = resolveAddress(places, text);
  if (jibun.status !== 'invalid' && !known) return jibun;
  const road = resolveRoadAddress(places, roads, parsed);
  if (jibun.status === 'resolved') {
    if (road.status !== 'resolved' || road.pnu === jibun.pnu) return jibun;
    const candidates = [`${jibun.place} (지번)`, `${road.place} (도로명)`];
    return {
      status: 'ambiguous',
      note: `both a 지번 and a road-name reading: ${candidates.join(', ')}`,
      reason: reason('ambiguous', { text, count: 2, candidates: candidates.join(', ') }),
      candidates,
    };
  }
  // a 지번 refusal of a text that names a known road: the road's answer says more
  if (jibun.status === 'invalid' && (known || jibun.reason.code === 'road_address')) return road;
  return road.status === 'resolved' ? road : jibun;
}

/** A parsed road address → its building's 대표지번, or why not (each failure its own reason). */
export function resolveRoadAddress(places: PlaceIndex, roads: RoadIndex, a: RoadAddress): AddressResolution {
  const detail = a.detail || undefined;
  const sggs = roads.sggsWithRoad(a.road);
  if (!sggs.length) return invalid(reason('road_unknown', { road: a.road, place: a.places.join(' ') || '-' }), detail);
  // The token before the road may be an 읍면동 ('반곡동 시청대로 365', '양지읍 …'): it is then
  // checked against the building's own, not read as part of the 시군구.
  let emd: string | undefined;
  let fits = fittingSggs(roads, a.road, sggs, a.places);
  const lastToken = a.places[a.places.length - 1];
  // (세종로, 남성로: a 법정동 name may end like a road; the code table says it is one)
  if (!fits.length && lastToken !== undefined && (/[읍면동가리]$/.test(lastToken) || isPlaceName(places, lastToken))) {
    fits = fittingSggs(roads, a.road, sggs, a.places.slice(0, -1));
    if (fits.length) emd = a.places[a.places.length - 1];
  }
  const number = `${a.bonbun}${a.bubun ? `-${a.bubun}` : ''}`;
  if (!fits.length) {
    const where =
      sggs
        .slice(0, 5)
        .map((c) => nameOf(roads.sgg(c)!))
        .join(', ') + (sggs.length > 5 ? ', …' : '');
    return invalid(reason('road_other_sgg', { place: a.places.join(' '), road: a.road, where }), detail);
  }
  if (fits.length > 1) {
    const written = a.places.join(' ');
    const names = fits.map(nameOf);
    return {
      status: 'ambiguous',
      note: `'${written} ${a.road}' fits ${names.length} places`,
      reason: reason('ambiguous', {
        text: `${written} ${a.road}`.trim(),
        count: names.length,
        candidates: names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : ''),
      }),
      candidates: names,
      ...(detail ? { detail } : {}),
    };
  }
  const sgg = fits[0]!;
  const ug = a.underground ? 1 : 0;
  const address = `${a.road} ${a.underground ? '지하 ' : ''}${number}`;
  const place = `${nameOf(sgg)} ${address}`;
  const hits = roads.buildings(sgg.code, a.road, ug, a.bonbun, a.bubun);
  if (!hits.length) {
    const other = roads.buildings(sgg.code, a.road, 1 - ug, a.bonbun, a.bubun);
    if (other.length)
      return invalid(
        reason('road_underground', {
          road: a.road,
          number,
          actual: UNDERGROUND_NAMES[other[0]!.underground]!,
          written: a.underground ? '지하' : '지상',
        }),
        detail,
      );
    return invalid(
      reason('road_no_building', { road: a.road, number: a.underground ? `지하 ${number}` : number, place: nameOf(sgg) }),
      detail,
    );
  }
  const pnus = hits.length === 1 ? [] : [...new Set(hits.map((b) => b.pnu))];
  if (pnus.length > 1) {
    return {
      status: 'ambiguous',
      note: `${place}: ${pnus.length} buildings`,
      reason: reason('ambiguous', { text: place, count: pnus.length, candidates: pnus.join(', ') }),
      candidates: pnus,
      ...(detail ? { detail } : {}),
    };
  }
  const b = hits[0]!;
  // A 법정동 written before the road or in the bracket must be the building's: a conflict is refused.
  for (const d of [emd, ...a.bracket.filter((n) => isPlaceName(places, n))]) {
    if (d !== undefined && !inPlace(b, d))
      return invalid(
        reason('road_dong_mismatch', {
          road: a.road,
          number: address.slice(a.road.length + 1),
          actual: [b.emd, b.ri].filter(Boolean).join(' '),
          written: d,
        }),
        detail,
      );
  }
  const jibun = `${[b.emd, b.ri].filter(Boolean).join(' ')} ${formatJibun(parsePnu(b.pnu)!)}`;
  // records of one address that share the 대표지번 may list different 관련지번: the building stands on all of them
  const related = relatedOf(hits, b.pnu);
  return {
    status: 'resolved',
    pnu: b.pnu,
    place,
    related,
    ...(detail ? { detail } : {}),
    reason: reason('road_matched', { address, jibun, building: b.name ? ` (${b.name})` : '' }),
  };
}

/** The parcels of the hits other than the 대표지번, once each, sorted. */
function relatedOf(hits: readonly RoadBuilding[], pnu: string): string[] {
  // (most buildings stand on one parcel)
  if (hits.length === 1 && !hits[0]!.related.length) return [];
  return [...new Set(hits.flatMap((h) => h.related))].filter((p) => p !== pnu).sort();
}

// fittingSggs' answers for roads in many 시군구, by index and 'road|written places': a road in
// every 시군구 (중앙로) would otherwise test each of them on every row, and a list repeats the
// same few spellings of its places. Cleared past a bound, so a long session cannot grow it.
const fitsMemo = new WeakMap<RoadIndex, Map<string, RoadSgg[]>>();
const FITS_MEMO_MAX = 100_000;

const nameOf = (s: RoadSgg) => (s.sido && s.sgg ? `${s.sido} ${s.sgg}` : s.sido || s.sgg);

function fittingSggs(roads: RoadIndex, road: string, codes: readonly string[], tokens: string[]): RoadSgg[] {
  if (codes.length < 3) return fitting(roads, codes, tokens);
  let memo = fitsMemo.get(roads);
  if (!memo) fitsMemo.set(roads, (memo = new Map()));
  const key = `${road}|${tokens.join(' ')}`;
  let fits = memo.get(key);
  if (!fits) {
    if (memo.size >= FITS_MEMO_MAX) memo.clear();
    memo.set(key, (fits = fitting(roads, codes, tokens)));
  }
  return fits;
}

function fitting(roads: RoadIndex, codes: readonly string[], tokens: string[]): RoadSgg[] {
  const all = codes.map((c) => roads.sgg(c)!).filter(Boolean);
  const strict = all.filter((s) => fitsPrefix(asPlace(s), tokens, false));
  return strict.length ? strict : all.filter((s) => fitsPrefix(asPlace(s), tokens, true));
}

const placeOf = new WeakMap<RoadSgg, Place>();

/** A 시군구 as the place resolution sees one (its prefix test is the same for 지번 and 도로명); made once per 시군구. */
function asPlace(s: RoadSgg): Place {
  const hit = placeOf.get(s);
  if (hit) return hit;
  const sgg = s.sgg ? s.sgg.split(' ') : [];
  const place: Place = {
    bjdCode: `${s.code}00000`,
    sido: s.sido,
    sgg,
    emd: '',
    ri: null,
    fullName: [s.sido, s.sgg].filter(Boolean).join(' '),
    ...(sgg.length === 2 ? { sggWords: sggWordsOf(sgg) } : {}),
  };
  placeOf.set(s, place);
  return place;
}

/** A bracket name is a place when the code table knows it as an 읍면동 or 리 (else it is a building name). */
function isPlaceName(places: PlaceIndex, name: string): boolean {
  return places.withLastName(name).length > 0 || /^[가-힣]+[읍면]$/.test(name);
}

function inPlace(b: RoadBuilding, name: string): boolean {
  if (name === b.emd || name === b.ri) return true;
  // a 면 promoted to 읍 keeps its name: 양지면 and 양지읍 are one place
  return /[읍면]$/.test(name) && /[읍면]$/.test(b.emd) && name.slice(0, -1) === b.emd.slice(0, -1);
}
