import type { MatchReason, ReasonCode } from './matchReason';

/**
 * The sentences for match reasons, Korean first, in the UI catalogue's style (renderer/src/i18n.ts:
 * flat keys, `{param}` placeholders) so the renderer can merge these keys into its own.
 * Add both languages together.
 */
const ko: Record<`reason_${ReasonCode}`, string> = {
  reason_empty: '주소가 비어 있음',
  reason_no_lot: "'{text}' 끝에 지번(본번)이 없음",
  reason_partial_lot: "'{text}'의 지번이 끝나지 않음 ('{lot}')",
  reason_lot_unclear: "'{text}'에서 지번이 어디서 끝나는지 알 수 없음 (지번 뒤 '{after}')",
  reason_lot_zero: "'{text}'의 본번이 0",
  reason_no_place: "'{text}'에 지번 앞의 지명이 없음",
  reason_road_address: '도로명주소 ({road} {number}): 지번 주소가 아님 (도로명주소 DB를 가져오면 찾을 수 있음)',
  reason_admin_dong: "'{name}'은(는) 행정동 이름: 법정동(예: {hint})으로 적어야 함",
  reason_bad_san: "산 '{value}'을(를) 읽을 수 없음 (산/Y/2 또는 빈칸/N/1)",
  reason_bad_lot: "{part} '{value}'은(는) 4자리 이하의 숫자가 아님",
  reason_empty_lot: '{part}이(가) 비어 있음',
  reason_bad_pnu: "'{value}'은(는) 19자리 PNU가 아님",
  reason_unknown_place: "'{name}'이라는 읍면동·리가 없음",
  reason_place_mismatch: "'{prefix}'에 '{name}'이(가) 없음 (있는 곳: {where})",
  reason_ambiguous: "'{text}'에 맞는 곳이 {count}곳: {candidates}",
  reason_road_unknown: "도로명주소 DB에 '{road}' 도로가 없음 ({place})",
  reason_road_other_sgg: "'{place}'에 '{road}' 도로가 없음 (있는 곳: {where})",
  reason_road_no_building: "'{road}'에 건물번호 {number}이(가) 없음 ({place})",
  reason_road_underground: "'{road} {number}'은(는) {actual} 건물: {written}(으)로 적힘",
  reason_road_dong_mismatch: "'{road} {number}'은(는) {actual}에 있음: '{written}'과(와) 다름",
  reason_not_found: '저장소에 필지 {pnu} 없음 ({place})',
  reason_matched: '{place}',
  reason_renamed_from: '{place} (옛 이름 {former})',
  reason_table_has: "{place} ('{written}'을(를) 코드표의 '{table}'(으)로 읽음)",
  reason_pnu_recoded: 'PNU의 옛 코드 {former} → 현재 코드 {code}',
  reason_road_matched: '{address} → 대표지번 {jibun}{building}',
};

const en: Record<`reason_${ReasonCode}`, string> = {
  reason_empty: 'the address is empty',
  reason_no_lot: "no lot number (본번) at the end of '{text}'",
  reason_partial_lot: "the lot number in '{text}' is incomplete ('{lot}')",
  reason_lot_unclear: "cannot tell where the lot number ends in '{text}' ('{after}' follows it)",
  reason_lot_zero: "본번 0 in '{text}'",
  reason_no_place: "no place name before the lot number in '{text}'",
  reason_road_address: 'a road-name address ({road} {number}), not a 지번 address (import the 도로명주소 DB to resolve it)',
  reason_admin_dong: "'{name}' is an administrative 동 (행정동): write the legal 동 (법정동, e.g. {hint})",
  reason_bad_san: "cannot read 산 '{value}' (use 산/Y/2 or blank/N/1)",
  reason_bad_lot: "{part} '{value}' is not a number of up to 4 digits",
  reason_empty_lot: '{part} is empty',
  reason_bad_pnu: "'{value}' is not a 19-digit PNU",
  reason_unknown_place: "no 읍면동 or 리 named '{name}'",
  reason_place_mismatch: "'{prefix}' has no '{name}' (it exists in: {where})",
  reason_ambiguous: "'{text}' fits {count} places: {candidates}",
  reason_road_unknown: "no road '{road}' in the 도로명주소 DB ({place})",
  reason_road_other_sgg: "'{place}' has no road '{road}' (it exists in: {where})",
  reason_road_no_building: "'{road}' has no building number {number} ({place})",
  reason_road_underground: "'{road} {number}' is a building {actual}, written {written}",
  reason_road_dong_mismatch: "'{road} {number}' is in {actual}, not '{written}'",
  reason_not_found: 'no parcel {pnu} in the store ({place})',
  reason_matched: '{place}',
  reason_renamed_from: '{place}, formerly {former}',
  reason_table_has: "{place} ('{written}' read as '{table}' of the code table)",
  reason_pnu_recoded: 'old code {former} in the PNU → current code {code}',
  reason_road_matched: '{address} → representative lot {jibun}{building}',
};

export type ReasonLang = 'ko' | 'en';
export const REASON_MESSAGES: Readonly<Record<ReasonLang, Readonly<Record<`reason_${ReasonCode}`, string>>>> = { ko, en };

/** The reason as a sentence; a parameter the message does not name is ignored. */
export function renderReason(r: MatchReason, lang: ReasonLang = 'ko'): string {
  return REASON_MESSAGES[lang][`reason_${r.code}`].replace(/\{(\w+)\}/g, (m, k: string) => (k in r.params ? String(r.params[k]) : m));
}
