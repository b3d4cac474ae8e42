/**
 * Why an address matched the way it did, as a code with parameters: the host and `shared` never
 * write sentences, the message catalogue (reasonMessages.ts) does, in Korean or English.
 */
export const REASON_CODES = [
  // the text could not be read as a 지번 address
  'empty',
  'no_lot',
  'partial_lot',
  'lot_unclear',
  'lot_zero',
  'no_place',
  'road_address',
  'admin_dong',
  // separate columns and PNUs
  'bad_san',
  'bad_lot',
  'empty_lot',
  'bad_pnu',
  // the place names
  'unknown_place',
  'place_mismatch',
  'ambiguous',
  // road-name addresses, through the imported 도로명주소 DB (roadIndex.ts)
  'road_unknown',
  'road_other_sgg',
  'road_no_building',
  'road_underground',
  'road_dong_mismatch',
  // the store
  'not_found',
  // resolved, with something worth saying
  'matched',
  'renamed_from',
  'table_has',
  'pnu_recoded',
  'road_matched',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type ReasonParams = Readonly<Record<string, string | number>>;

export interface MatchReason {
  code: ReasonCode;
  params: ReasonParams;
}

export const reason = (code: ReasonCode, params: ReasonParams = {}): MatchReason => ({ code, params });
