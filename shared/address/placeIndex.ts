import type { BjdTable } from '../cadastral/bjdCodes';

/** One place a lot number can be in: an active 읍면동 without 리, or a 리. */
export interface Place {
  bjdCode: string;
  sido: string;
  /** the 시군구 name split into its words: ['수원시', '장안구'], [] for 세종 */
  sgg: string[];
  emd: string;
  ri: string | null;
  fullName: string;
  /** set for an abolished name that leads to its successor's code */
  formerName?: string;
  /** the 시군구 written as one word: '수원시장안구', and '수원장안구' with the 시 dropped */
  sggWords?: string[];
}

/** A two-word 시군구 written as one word: '수원시장안구', and '수원장안구' with the 시 dropped. */
export const sggWordsOf = (sgg: readonly string[]): string[] => [sgg.join(''), sgg[0]!.replace(/시$/, '') + sgg[1]];

/**
 * Places indexed by their last name (리, else 읍면동), the token that ends the place part of
 * an address. Built once per code table; a lookup is one Map hit and a short filter.
 */
export class PlaceIndex {
  private readonly byLastName = new Map<string, Place[]>();

  constructor(private readonly table: BjdTable) {
    const parents = new Set<string>();
    const active = [...table.entries()].filter((e) => e.active && e.code.slice(5, 8) !== '000');
    for (const e of active) if (e.code.slice(8) !== '00') parents.add(e.code.slice(0, 8));
    for (const e of active) {
      const isRi = e.code.slice(8) !== '00';
      // An 읍/면 with 리 holds no lots of its own: its lots are in the 리.
      if (!isRi && parents.has(e.code.slice(0, 8))) continue;
      const names = table.names(e.code);
      if (!names?.emd) continue;
      const place: Place = {
        bjdCode: e.code,
        sido: names.sido,
        sgg: names.sgg ? names.sgg.split(' ') : [],
        emd: names.emd,
        ri: names.ri,
        fullName: e.name,
      };
      this.add(names.ri ?? names.emd, place);
    }
    // Old names people still write (부천시 원미구 심곡동) lead to the code in use today.
    // Where an old place has two possible successors both are listed, so that it reads as ambiguous.
    for (const e of table.entries()) {
      if (e.active) continue;
      const successors = table.successorsOf(e.code);
      const names = successors.length ? table.names(e.code) : null;
      if (!names?.emd) continue;
      const sgg = names.sgg ? names.sgg.split(' ') : [];
      const last = names.ri ?? names.emd;
      for (const s of successors) {
        // 강원도 춘천시 봉의동 → 강원특별자치도 춘천시 봉의동: the same 시군구 and 읍면동 names under the
        // same code read exactly as the current place (the 시도 is checked by code), so it is left out
        const same = this.withLastName(last).some(
          (p) => !p.formerName && p.bjdCode === s && p.emd === names.emd && p.ri === names.ri && p.sgg.join(' ') === sgg.join(' '),
        );
        if (!same)
          this.add(last, {
            bjdCode: s,
            sido: names.sido,
            sgg,
            emd: names.emd,
            ri: names.ri,
            fullName: table.get(s)!.name,
            formerName: e.name,
          });
      }
    }
  }

  private add(lastName: string, place: Place): void {
    if (place.sgg.length === 2) place.sggWords = sggWordsOf(place.sgg);
    const list = this.byLastName.get(lastName);
    if (list) list.push(place);
    else this.byLastName.set(lastName, [place]);
  }

  /** The code in use today for a 10-digit code of any vintage (null: unknown, or no single successor). */
  currentCode(code: string): string | null {
    return this.table.successor(code);
  }

  private byStem: Map<string, string[]> | null = null;

  /**
   * The 법정동 names a 행정동 stem points to: '성수' → 성수동1가, 성수동2가; '역삼' → 역삼동. Built on
   * the first call: only a refused 행정동 needs it.
   */
  legalDongsOf(stem: string): string[] {
    if (!this.byStem) {
      this.byStem = new Map();
      for (const name of this.byLastName.keys()) {
        const m = /^(.+?)동(?:\d+가)?$/.exec(name);
        if (!m) continue;
        const list = this.byStem.get(m[1]!) ?? [];
        if (!list.includes(name)) list.push(name);
        this.byStem.set(m[1]!, list);
      }
    }
    return this.byStem.get(stem) ?? [];
  }

  withLastName(name: string): Place[] {
    return this.byLastName.get(name) ?? [];
  }
}
