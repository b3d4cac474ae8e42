/**
 * 법정동 code table: parse the official 법정동코드 전체자료 and answer code → names.
 *
 * A 10-digit bjdCode nests: sido (2) sgg (3) emd (3) ri (2). Each level's name is the
 * full name of that level's code minus its parent's, so 'SGG_NM' of 수원시 장안구 is
 * '수원시 장안구' and 세종 has no sgg level (null).
 *
 * The shipped table is the 2024-25 vintage; PROVINCE_RENAMES brings older tables (and PNUs
 * written with older codes) to current naming.
 */
export interface BjdEntry {
  code: string;
  /** full name as in the table, after renames: '강원특별자치도 춘천시 봉의동' */
  name: string;
  active: boolean;
}

export interface BjdNames {
  sido: string;
  sgg: string | null;
  emd: string | null;
  ri: string | null;
}

/** Documented renames applied on load: law changes that tables before 2024 lack. */
export const PROVINCE_RENAMES: readonly { from: string; to: string; oldName: string; newName: string; since: string }[] = [
  { from: '42', to: '51', oldName: '강원도', newName: '강원특별자치도', since: '2023-06-11' },
  { from: '45', to: '52', oldName: '전라북도', newName: '전북특별자치도', since: '2024-01-18' },
  { from: '47720', to: '27720', oldName: '경상북도 군위군', newName: '대구광역시 군위군', since: '2023-07-01' },
];

export class BjdTable {
  private readonly byCode = new Map<string, BjdEntry>();

  /** `successors`: what `successorMap()` gave for these same entries (kept by electron/store/placeIndexCache.ts) */
  constructor(entries: Iterable<BjdEntry>, successors?: Map<string, string[]>) {
    for (const e of entries) {
      // A newer table lists both the abolished old code (42…, 폐지) and the current one (51…, 존재);
      // after renaming both are one code, and the active entry must win whatever the order.
      const seen = this.byCode.get(e.code);
      if (!seen || e.active || !seen.active) this.byCode.set(e.code, e);
    }
    if (successors) this.successors = successors;
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): BjdEntry | undefined {
    return this.byCode.get(this.known(code));
  }

  entries(): IterableIterator<BjdEntry> {
    return this.byCode.values();
  }

  /** Names per level for a 10-digit code (any vintage). Null when the code is unknown. */
  names(code: string): BjdNames | null {
    const cur = this.known(code);
    const self = this.byCode.get(cur);
    if (!self) return null;
    const sidoName = this.levelName(cur, 2) ?? this.soleSggSido(cur);
    if (!sidoName) return null;
    const sggFull = cur.slice(2, 5) === '000' ? null : this.levelName(cur, 5);
    const emdFull = cur.slice(5, 8) === '000' ? null : this.levelName(cur, 8);
    const riFull = cur.slice(8, 10) === '00' ? null : self.name;
    return {
      sido: sidoName,
      sgg: stripParent(sggFull, sidoName),
      emd: stripParent(emdFull, sggFull ?? sidoName),
      ri: stripParent(riFull, emdFull),
    };
  }

  private successors: Map<string, string[]> | null = null;

  /** Every abolished code's successors (what `successorsOf` answers), worked out once per table. */
  successorMap(): ReadonlyMap<string, string[]> {
    this.successors ??= this.findSuccessors();
    return this.successors;
  }

  /**
   * The code in use today for any code: itself when active; for an abolished one, the active
   * code it became — the same full name under a new code, the same 읍면동/리 in the 시 whose
   * 구 was abolished (부천시 원미구 심곡동 → 부천시 심곡동), or the same 읍면동/리 in the 시군구 that
   * took over an abolished one (인천광역시 남구 → 미추홀구). Null when no single successor exists:
   * guessing between several would risk a wrong PNU.
   */
  successor(code: string): string | null {
    const all = this.successorsOf(code);
    return all.length === 1 ? all[0]! : null;
  }

  /** Every code an abolished code may have become (one when it is certain); itself when active. */
  successorsOf(code: string): string[] {
    const cur = this.known(code);
    const self = this.byCode.get(cur);
    if (!self) return [];
    if (self.active) return [cur];
    return this.successorMap().get(cur) ?? [];
  }

  private findSuccessors(): Map<string, string[]> {
    const active = [...this.byCode.values()].filter((e) => e.active);
    const byName = groupBy(active, (e) => e.name);
    const byPlace = groupBy(active, (e) => this.placeKey(e.code));
    const takenOver = this.sggSuccessors(active);
    const out = new Map<string, string[]>();
    for (const e of this.byCode.values()) {
      if (e.active) continue;
      // a province rename keeps the rest of the name (강원도 춘천시 봉의동 → 강원특별자치도 춘천시
      // 봉의동), not always the code: 군위군's 리 were renumbered when it moved to 대구
      const same =
        byName.get(e.name) ??
        byName.get(currentName(e.code, e.name)) ??
        (this.guLayerChanged(e.code) ? byPlace.get(this.placeKey(e.code)) : undefined);
      if (same) {
        out.set(
          e.code,
          same.map((x) => x.code),
        );
        continue;
      }
      const heirs = takenOver.get(e.code.slice(0, 5));
      const suffix = heirs && this.suffixOf(e.code);
      if (suffix)
        out.set(
          e.code,
          heirs.flatMap((h) => byName.get(`${this.byCode.get(`${h}00000`)!.name} ${suffix}`) ?? []).map((x) => x.code),
        );
    }
    return out;
  }

  /**
   * For each abolished 시군구 (5 digits), the active 시군구 of the same 시도 that took over its
   * 읍면동/리: those holding at least a fifth of its places by name, when together they hold all
   * of them. 인천광역시 남구 → 미추홀구 (renamed); 인천 북구 → 부평구 and 계양구 (split). A place
   * named in two heirs has two successors and stays ambiguous.
   */
  private sggSuccessors(active: BjdEntry[]): Map<string, string[]> {
    const sggOf = (code: string) => `${code.slice(0, 5)}00000`;
    const suffixesBySgg = new Map<string, Set<string>>();
    for (const e of active) {
      if (e.code.slice(5, 8) === '000') continue;
      const suffix = this.suffixOf(e.code);
      if (!suffix) continue;
      const set = suffixesBySgg.get(e.code.slice(0, 5)) ?? new Set<string>();
      set.add(suffix);
      suffixesBySgg.set(e.code.slice(0, 5), set);
    }
    const children = new Map<string, string[]>();
    for (const e of this.byCode.values()) {
      if (e.active || e.code.slice(5, 8) === '000') continue;
      const sgg = this.byCode.get(sggOf(e.code));
      const suffix = this.suffixOf(e.code);
      if (!sgg || sgg.active || !suffix) continue;
      const list = children.get(e.code.slice(0, 5)) ?? [];
      list.push(suffix);
      children.set(e.code.slice(0, 5), list);
    }
    const out = new Map<string, string[]>();
    for (const [sgg, names] of children) {
      const heirs = [...suffixesBySgg].filter(
        ([code, set]) => code.slice(0, 2) === sgg.slice(0, 2) && names.filter((n) => set.has(n)).length >= names.length / 5,
      );
      const covered = names.every((n) => heirs.some(([, set]) => set.has(n)));
      if (heirs.length && covered)
        out.set(
          sgg,
          heirs.map(([code]) => code),
        );
    }
    return out;
  }

  /** The name below the 시군구: '숭의동', '군위읍 서부리'; null for a 시군구 or 시도 itself. */
  private suffixOf(code: string): string | null {
    const sgg = this.byCode.get(`${code.slice(0, 5)}00000`);
    const self = this.byCode.get(code);
    if (!sgg || !self || code.slice(5, 8) === '000' || !self.name.startsWith(`${sgg.name} `)) return null;
    return self.name.slice(sgg.name.length + 1);
  }

  /**
   * Whether the 구 level itself changed: a bare 시 later split into 구 (수원시 → 수원시 권선구), or a
   * 구 abolished (부천시 원미구). A 동 moved between two 구 that still exist is a boundary change
   * whose lots may be renumbered: no successor is guessed for it.
   */
  private guLayerChanged(code: string): boolean {
    const sgg = this.byCode.get(`${code.slice(0, 5)}00000`);
    return !!sgg && (!sgg.active || !this.names(code)?.sgg?.includes(' '));
  }

  /** 시도 code + first word of the 시군구 + 읍면동 + 리: what stays when a 구 is abolished. */
  private placeKey(code: string): string {
    const n = this.names(code);
    if (!n?.emd) return `-${code}`;
    return [code.slice(0, 2), n.sgg?.split(' ')[0] ?? '', n.emd, n.ri ?? ''].join('|');
  }

  /**
   * The code as this table knows it: itself when listed (a newer table lists 강원도's 42… codes
   * as abolished beside the 51… ones), else with the province renames applied (an older table).
   */
  private known(code: string): string {
    return this.byCode.has(code) ? code : currentBjdCode(code);
  }

  /** 세종특별자치시 has no 2-digit entry; its single 시군구-level entry (36110) carries the 시도 name. */
  private soleSggSido(code: string): string | null {
    const name = this.levelName(code, 5);
    return name && !name.includes(' ') ? name : null;
  }

  private levelName(code: string, digits: number): string | null {
    return this.byCode.get(code.slice(0, digits).padEnd(10, '0'))?.name ?? null;
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function stripParent(full: string | null, parent: string | null): string | null {
  if (full === null) return null;
  return parent && full.startsWith(parent) ? full.slice(parent.length).trim() || null : full;
}

/** Maps a code of any vintage to the current one (42xxxxxxxx → 51xxxxxxxx, ...). */
export function currentBjdCode(code: string): string {
  for (const r of PROVINCE_RENAMES) {
    if (code.startsWith(r.from)) return r.to + code.slice(r.from.length);
  }
  return code;
}

function currentName(code: string, name: string): string {
  for (const r of PROVINCE_RENAMES) {
    if (code.startsWith(r.from) && name.startsWith(r.oldName)) return r.newName + name.slice(r.oldName.length);
  }
  return name;
}

/**
 * Parses the code table in either official shape: comma-separated UTF-8 (as shipped) or the
 * tab-separated download (already decoded from cp949 by the caller). Header:
 * 법정동코드, 법정동명, 폐지여부. Throws with the line number on a malformed row. `successors`: what
 * the table's `successorMap()` gave before, for this same text.
 */
export function parseBjdTable(text: string, successors?: Map<string, string[]>): BjdTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  const sep = header.includes('\t') ? '\t' : ',';
  const cols = header.split(sep).map((c) => c.trim());
  if (cols[0] !== '법정동코드' || cols[1] !== '법정동명' || cols[2] !== '폐지여부') {
    throw new Error(`법정동 code table: unexpected header '${header}' (expected 법정동코드, 법정동명, 폐지여부)`);
  }
  const rows: BjdEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const [code, name, status] = line.split(sep).map((c) => c.trim());
    if (!code || !/^\d{10}$/.test(code) || !name || (status !== '존재' && status !== '폐지')) {
      throw new Error(`법정동 code table line ${i + 1}: cannot read '${line}'`);
    }
    rows.push({ code, name, active: status === '존재' });
  }
  // A table that already lists a rename's new codes keeps the old rows as they are (abolished,
  // leading to their successors by name); only an older table is rewritten to the new codes.
  const listed = PROVINCE_RENAMES.filter((r) => rows.some((e) => e.active && e.code.startsWith(r.to)));
  const rewrite = (e: BjdEntry) =>
    listed.some((r) => e.code.startsWith(r.from)) ? e : { ...e, code: currentBjdCode(e.code), name: currentName(e.code, e.name) };
  return new BjdTable(rows.map(rewrite), successors);
}
