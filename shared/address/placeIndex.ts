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
}

/**
 * Places indexed by their last name (리, else 읍면동), the token that ends the place part of
 * an address. Built once per code table; a lookup is one Map hit and a short filter.
 */
export class PlaceIndex {
  private readonly byLastName = new Map<string, Place[]>();

  constructor(table: BjdTable) {
    const parents = new Set<string>();
    const active = [...table.entries()].filter((e) => e.active && e.code.slice(5, 8) !== '000');
    for (const e of active) if (e.code.slice(8) !== '00') parents.add(e.code.slice(0, 8));
    for (const e of active) {
      const isRi = e.code.slice(8) !== '00';
      // An 읍/면 with 리 holds no lots of its own: its lots are in the 리.
      if (!isRi && parents.has(e.code.slice(0, 8))) continue;
      const names = table.names(e.code);
      if (!names?.emd) continue;
      const place: Place = { bjdCode: e.code, sido: names.sido, sgg: names.sgg ? names.sgg.split(' ') : [], emd: names.emd, ri: names.ri, fullName: e.name };
      const key = names.ri ?? names.emd;
      const list = this.byLastName.get(key);
      if (list) list.push(place);
      else this.byLastName.set(key, [place]);
    }
  }

  withLastName(name: string): Place[] {
    return this.byLastName.get(name) ?? [];
  }
}
