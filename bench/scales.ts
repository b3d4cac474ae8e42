import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { findSggOutline } from './synth/boundaries';

/** Benchmark scales: how many synthetic parcels, spread evenly over every 시군구 of every 시도. */
export const SCALES = {
  /** CI's smoke run: a few minutes end to end */
  small: 100_000,
  /** the store issue's import target is stated at this size */
  million: 1_000_000,
  /** about 서울 + 경기 */
  medium: 4_000_000,
  /** the whole 연속지적도 */
  national: 39_000_000,
} as const;

export type ScaleName = keyof typeof SCALES;

export function isScale(s: string): s is ScaleName {
  return Object.hasOwn(SCALES, s);
}

/**
 * The 시군구 parcels are generated in: every active 시군구 code with 읍면동 directly beneath it
 * (수원시's 동 sit under its 구, so 수원시 itself is skipped) and a KOSTAT 2018 outline to place
 * them in (미추홀구 and 대구 군위군 are newer than those outlines). 세종 is its own 시군구.
 */
export function benchSggCodes(table: BjdTable): string[] {
  const active = [...table.entries()].filter((e) => e.active);
  const withEmd = new Set(active.filter((e) => e.code.slice(5, 8) !== '000').map((e) => e.code.slice(0, 5)));
  return [...withEmd].sort().filter((sgg) => {
    const names = table.names(`${sgg}00000`);
    if (!names) return false;
    try {
      findSggOutline(names.sido, names.sgg);
      return true;
    } catch {
      return false;
    }
  });
}
