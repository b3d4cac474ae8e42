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

  constructor(entries: Iterable<BjdEntry>) {
    for (const e of entries) {
      // A newer table lists both the abolished old code (42…, 폐지) and the current one (51…, 존재);
      // after renaming both are one code, and the active entry must win whatever the order.
      const seen = this.byCode.get(e.code);
      if (!seen || e.active || !seen.active) this.byCode.set(e.code, e);
    }
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): BjdEntry | undefined {
    return this.byCode.get(currentBjdCode(code));
  }

  entries(): IterableIterator<BjdEntry> {
    return this.byCode.values();
  }

  /** Names per level for a 10-digit code (any vintage). Null when the code is unknown. */
  names(code: string): BjdNames | null {
    const cur = currentBjdCode(code);
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

  private successors: Map<string, string | null> | null = null;

  /**
   * The code in use today for any code: itself when active; for an abolished one, the active
   * code it became — the same full name under a new code, or the same 읍면동/리 in the 시 whose
   * 구 was abolished (부천시 원미구 심곡동 → 부천시 심곡동). Null when no single successor exists:
   * guessing between several would risk a wrong PNU.
   */
  successor(code: string): string | null {
    const cur = currentBjdCode(code);
    const self = this.byCode.get(cur);
    if (!self) return null;
    if (self.active) return cur;
    this.successors ??= this.findSuccessors();
    return this.successors.get(cur) ?? null;
  }

  private findSuccessors(): Map<string, string | null> {
    const active = [...this.byCode.values()].filter((e) => e.active);
    const byName = groupBy(active, (e) => e.name);
    const byPlace = groupBy(active, (e) => this.placeKey(e.code));
    const out = new Map<string, string | null>();
    for (const e of this.byCode.values()) {
      if (e.active) continue;
      const same = byName.get(e.name) ?? (this.guLayerChanged(e.code) ? byPlace.get(this.placeKey(e.code)) : undefined) ?? [];
      out.set(e.code, same.length === 1 ? same[0]!.code : null);
    }
    return out;
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
 * 법정동코드, 법정동명, 폐지여부. Throws with the line number on a malformed row.
 */
export function parseBjdTable(text: string): BjdTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0] ?? '';
  const sep = header.includes('\t') ? '\t' : ',';
  const cols = header.split(sep).map((c) => c.trim());
  if (cols[0] !== '법정동코드' || cols[1] !== '법정동명' || cols[2] !== '폐지여부') {
    throw new Error(`법정동 code table: unexpected header '${header}' (expected 법정동코드, 법정동명, 폐지여부)`);
  }
  const entries: BjdEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const [code, name, status] = line.split(sep).map((c) => c.trim());
    if (!code || !/^\d{10}$/.test(code) || !name || (status !== '존재' && status !== '폐지')) {
      throw new Error(`법정동 code table line ${i + 1}: cannot read '${line}'`);
    }
    const cur = currentBjdCode(code);
    entries.push({ code: cur, name: currentName(code, name), active: status === '존재' });
  }
  return new BjdTable(entries);
}
