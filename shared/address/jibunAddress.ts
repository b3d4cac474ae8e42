import { normalizeAddress } from './normalize';

/** A 지번 address split into its place names and its lot number. */
export interface JibunAddress {
  /** place-name tokens in order: 시도, 시군구 (one or two), 읍면동, 리 — any may be missing */
  places: string[];
  san: boolean;
  bonbun: number;
  bubun: number;
}

export type ParseResult = { ok: true; value: JibunAddress } | { ok: false; reason: string };

// The lot number at the end: [산] 본번 [-부번] [번지] [부번호], in the spellings people use; it may
// follow the last place name without a space ('청운동산12-3').
const LOT = /(?:^|\s|(?<=[동리가]))(산)?\s*(\d{1,4})(?:\s*-\s*(\d{1,4}))?\s*(?:번지)?(?:\s*(\d{1,4})\s*호)?\s*$/;

/** Parses one address string ('서울 종로구 청운동 산 12 - 3번지'); the reason says what is missing. */
export function parseJibunAddress(raw: string): ParseResult {
  const text = normalizeAddress(raw);
  if (!text) return { ok: false, reason: 'the address is empty' };
  const m = LOT.exec(text);
  if (!m) return { ok: false, reason: `no lot number (본번) at the end of '${text}'` };
  if (m[3] && m[4]) return { ok: false, reason: `two 부번 in '${text}'` };
  const rest = text.slice(0, m.index).trim();
  const places = rest.split(' ').filter(Boolean);
  if (!places.length) return { ok: false, reason: `no place name before the lot number in '${text}'` };
  const bonbun = Number(m[2]);
  const bubun = Number(m[3] ?? m[4] ?? 0);
  if (bonbun === 0) return { ok: false, reason: `본번 0 in '${text}'` };
  return { ok: true, value: { places, san: m[1] === '산', bonbun, bubun } };
}
