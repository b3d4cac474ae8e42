import { reason, type MatchReason } from './matchReason';
import { cleanAddressText, stripNotes } from './normalize';

/** A 지번 address split into its place names, its lot number and whatever follows the lot. */
export interface JibunAddress {
  /** place-name tokens in order: 시도, 시군구 (one or two), 읍면동, 리 — any may be missing */
  places: string[];
  san: boolean;
  bonbun: number;
  bubun: number;
  /** the text after the lot number (building, 동/호/층, notes), '' when none; never a place */
  detail: string;
}

/** `readings`: every way the text splits into places + lot + detail, the longest address first. */
export type ParseResult = { ok: true; value: JibunAddress; readings: JibunAddress[] } | { ok: false; reason: MatchReason };

// A lot number: [산] 본번 [-부번] [번지] [N호]. It may follow the last place name without a space
// ('청운동산12-3'); it must end at a word boundary unless 번지/호 closes it ('1550-3번지3층').
// What may stand just before it is checked apart (AFTER_PLACE): a lookbehind costs more.
const LOT = /(산\s*)?(\d{1,4})(?:\s*-\s*(\d{1,4}))?(\s*번지)?(?:\s*(\d{1,4})\s*호(?![실가-힣]))?/g;
/** What stripNotes would change: checked first, since most addresses have none. */
const NOTES = /[([<,，외]/;
export const AFTER_PLACE = new Set([' ', ')', ']', '>', '동', '리', '가', '로', '길']);
const BOUNDARY = /^(?:$|[\s([<,;/-])/;
// What may start the detail with a digit: a unit ('28동', '3층', '8단지', '504호'), never a bare number.
const UNIT = /^\d{1,5}\s*(?:동|층|단지|차|블록|세대|호|bl\b|f\b)/i;

/**
 * Parses one address string ('서울 종로구 청운동 산 12 - 3번지 (청운빌라) 2층'). Each place where a
 * lot number can stand gives a reading; the caller tries the longest first. A lot followed by
 * something that could continue it (a bare number, '-', '가') is no reading: guessing where a lot
 * ends could name a wrong parcel.
 */
export function parseJibunAddress(raw: string): ParseResult {
  const text = cleanAddressText(raw);
  if (!text) return { ok: false, reason: reason('empty') };
  const readings: JibunAddress[] = [];
  let refusal: MatchReason | null = null;
  for (const m of text.matchAll(LOT)) {
    if (m.index > 0 && !AFTER_PLACE.has(text[m.index - 1]!)) continue; // '종로1가' is no lot 1
    const [, san, bon, bu, beonji, ho] = m;
    let end = m.index + m[0].length;
    let bubun = bu;
    if (ho !== undefined && bu === undefined && beonji === undefined) {
      // '316 1205호' could be 316-1205 or unit 1205 of lot 316
      refusal ??= reason('lot_unclear', { text, after: `${ho}호` });
      continue;
    }
    if (ho !== undefined && bu !== undefined) {
      // '12-3 504호': with a 부번 already, the 호 is a unit, part of the detail
      end -= m[0].length - m[0].replace(/\s*\d{1,4}\s*호$/, '').length;
    } else if (ho !== undefined) bubun = ho; // '12번지 3호': the old way of writing 12-3
    const after = text.slice(end);
    if (beonji === undefined && ho === undefined && !BOUNDARY.test(after)) continue; // '종로1가', '3층'
    const before = text.slice(0, m.index);
    const places = (NOTES.test(before) ? stripNotes(before) : before).split(' ').filter(Boolean);
    const detail = after.replace(/^[\s,;/]+/, '').trimEnd(); // '12, 2층': the comma only separates
    const lot = text.slice(m.index, end).trim();
    if (!places.length) {
      refusal ??= reason('no_place', { text });
      continue;
    }
    if (/^산?[\d-]+(?:번지)?$/.test(places[places.length - 1]!)) {
      // '청운동 12 3': the number before this one is a lot, not a place
      refusal ??= reason('lot_unclear', { text, after: text.slice(m.index).trim().split(' ')[0]! });
      continue;
    }
    if (/^-\s*$/.test(detail)) {
      refusal ??= reason('partial_lot', { text, lot: `${lot}-` });
      continue;
    }
    if (!detailMayFollow(detail)) {
      refusal ??= reason('lot_unclear', { text, after: detail.slice(0, 12) });
      continue;
    }
    if (Number(bon) === 0) {
      refusal ??= reason('lot_zero', { text });
      continue;
    }
    readings.push({ places, san: san !== undefined, bonbun: Number(bon), bubun: Number(bubun ?? 0), detail });
  }
  if (readings.length) {
    readings.reverse();
    return { ok: true, value: readings[0]!, readings };
  }
  if (refusal) return { ok: false, reason: refusal };
  if (!stripNotes(text)) return { ok: false, reason: reason('empty') };
  if (/(?:산|-)\s*$/.test(text)) return { ok: false, reason: reason('partial_lot', { text, lot: text.split(' ').at(-1)! }) };
  return { ok: false, reason: reason('no_lot', { text: stripNotes(text) }) };
}

/** Whether `detail` can follow a lot number without being part of it. */
function detailMayFollow(detail: string): boolean {
  if (detail === '') return true;
  const d = detail.replace(/^[,;/]\s*/, '');
  if (/^\d/.test(d)) return UNIT.test(d);
  // '-4' (a second 부번), '가 1' (a split '1가'), '번 3' or '산 3' would change the lot itself
  return !/^(?:-|[가번](?:\s|\d|$)|산\s*\d)/.test(d);
}
