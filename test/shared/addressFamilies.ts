/**
 * A labelled set of 지번 addresses written the ways analysts' lists write them, by family, over
 * the whole shipped code table (not only the sample regions). Each row has its truth: the PNU it
 * names, or the refusal it deserves. Used by addressFamilies.test.ts (precision must be 100 %)
 * and, with any resolver of the same shape, to measure before/after (`evaluateFamilies`).
 */
import { pick, seededRandom } from '../../bench/synth/random';
import { SIDO_ALIASES } from '../../shared/address/sidoAliases';
import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { formatPnu } from '../../shared/cadastral/pnu';

export const FAMILIES = ['clean', 'detail', 'new_place', 'renamed', 'fused', 'road_address', 'admin_dong', 'partial_lot'] as const;
export type Family = (typeof FAMILIES)[number];

export interface Labelled {
  family: Family;
  input: string;
  /** the parcel it names; absent for a row that must be refused */
  pnu?: string;
  /** the reason codes a refusal may give (refusal families) */
  refusal?: readonly string[];
  /** the address written plainly (full names, no detail): a variant must never resolve elsewhere */
  clean?: string;
}

interface Leaf {
  code: string;
  sido: string;
  sgg: string[];
  emd: string;
  ri: string | null;
}

/** Places that hold lots: active 읍면동 without 리, and 리. */
function leaves(table: BjdTable): Leaf[] {
  const all = [...table.entries()].filter((e) => e.active && e.code.slice(5, 8) !== '000');
  const parents = new Set(all.filter((e) => e.code.slice(8) !== '00').map((e) => e.code.slice(0, 8)));
  return all.flatMap((e) => {
    if (e.code.slice(8) === '00' && parents.has(e.code.slice(0, 8))) return [];
    const n = table.names(e.code);
    return n?.emd ? [{ code: e.code, sido: n.sido, sgg: n.sgg ? n.sgg.split(' ') : [], emd: n.emd, ri: n.ri }] : [];
  });
}

const DETAILS = [
  '강남한신휴플러스 8단지',
  '삼덕빌딩',
  '3층',
  'C동 504호, 505호',
  '(은마아파트) 28동 1205호',
  '101동 1203호',
  '지하1층',
  ', 2층',
  '외 2필지',
  'B동',
  '3층 301호',
  '(주)한빛상사',
  '상가동 102호',
  '[대지]',
  '(지분 1/2)',
  '현대아파트 102동',
  '일부',
  '번영빌라 가동 201호',
  '2층 일부',
  '1층 전체',
];
const ROADS = [
  '세종대로',
  '테헤란로',
  '중앙로',
  '시청대로',
  '올림픽로',
  '강남대로',
  '번영로',
  '중앙로12번길',
  '새싹길',
  '공항대로',
  '대학로',
  '문화로',
  '충장로',
  '해운대로',
  '중앙대로',
  '금강로',
  '관악로14길',
  '경수대로',
];

export function labelledAddresses(table: BjdTable, seed = 7): Labelled[] {
  const random = seededRandom(seed);
  const all = leaves(table);
  const out: Labelled[] = [];
  const lotOf = () => {
    const san = random() < 0.1;
    const bonbun = 1 + Math.floor(random() * 1999);
    const bubun = random() < 0.5 ? 0 : 1 + Math.floor(random() * 40);
    return { san, bonbun, bubun, text: `${san ? '산' : ''}${bonbun}${bubun ? `-${bubun}` : ''}` };
  };
  const full = (l: Leaf, sgg = l.sgg.join(' '), emd = l.emd) => [l.sido, sgg, emd, l.ri].filter(Boolean).join(' ');
  const add = (family: Family, l: Leaf, place: string, lot: ReturnType<typeof lotOf>, tail = '') =>
    out.push({
      family,
      input: `${place} ${lot.text}${tail}`,
      pnu: formatPnu({ bjdCode: l.code, san: lot.san, bonbun: lot.bonbun, bubun: lot.bubun }),
      clean: `${full(l)} ${lot.text}`,
    });
  const sample = <T>(items: readonly T[], n: number) => Array.from({ length: Math.min(n, items.length) }, () => pick(random, items));

  // The forms that worked before: 시도 aliases or none, spacing, 번지, full-width digits, notes.
  for (const l of sample(all, 500)) {
    const lot = lotOf();
    const sido = pick(random, [...(SIDO_ALIASES[l.code.slice(0, 2)] ?? [l.sido]), l.sido]);
    const sgg = l.sgg.length === 2 && random() < 0.3 ? l.sgg.join('') : l.sgg.join(pick(random, [' ', '  ']));
    let place = [sido, sgg, l.emd, l.ri].filter(Boolean).join(' ');
    if (random() < 0.1) place = place.replace(/ /g, '  ');
    const tail = pick(random, ['', '', '번지', ' (참고)', ' 외 3필지']);
    const row = {
      family: 'clean' as const,
      input: `${place} ${lot.text}${tail}`,
      pnu: formatPnu({ bjdCode: l.code, ...lot }),
      clean: `${full(l)} ${lot.text}`,
    };
    if (random() < 0.1) row.input = row.input.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    out.push(row);
  }

  // Text after the lot number: buildings, 동/호/층, brackets, comma lists, notes.
  for (const l of sample(all, 500)) {
    const lot = lotOf();
    const d = pick(random, DETAILS);
    const sep = d.startsWith(',') ? '' : pick(random, [' ', '번지 ', ...(/^\d+층/.test(d) ? ['번지'] : [])]);
    add('detail', l, pick(random, [full(l), [l.sgg.join(' '), l.emd, l.ri].filter(Boolean).join(' ')]), lot, `${sep}${d}`);
  }

  // Places the 2020 table did not have (세종 누리동, 부천시's restored 구, 대구 군위군, ...).
  const newPlaces = all.filter((l) => /^(3611012|4119[246]|27720|3611025)/.test(l.code));
  for (const l of sample(newPlaces, 200)) add('new_place', l, full(l), lotOf());

  // Names that changed: 인천 남구 → 미추홀구, 인천 북구 → 부평구/계양구 (split), 군위군 under
  // 경상북도, 부천시 without the restored 구, a 면 written as the 읍 it became (and back).
  const abolished = [...table.entries()].filter((e) => !e.active);
  const abolishedNames = new Set(abolished.map((e) => e.name));
  for (const l of all.filter((x) => x.code.startsWith('28177')).slice(0, 40))
    add('renamed', l, `${pick(random, ['인천광역시', '인천'])} 남구 ${l.emd}`, lotOf());
  for (const l of all.filter((x) => /^282(37|45)/.test(x.code) && abolishedNames.has(`인천광역시 북구 ${x.emd}`)))
    add('renamed', l, `인천 북구 ${l.emd}`, lotOf());
  for (const l of sample(
    all.filter((x) => x.code.startsWith('27720')),
    60,
  ))
    add('renamed', l, `${pick(random, ['경상북도', '경북'])} 군위군 ${l.emd} ${l.ri ?? ''}`.trim(), lotOf());
  for (const l of sample(
    all.filter((x) => /^4119[246]/.test(x.code)),
    40,
  ))
    add('renamed', l, `경기도 부천시 ${l.emd}`, lotOf());
  const emdNames = new Set(all.map((x) => `${x.code.slice(0, 5)}|${x.emd}`));
  const myeonAsEup = all.filter((x) => x.ri && x.emd.endsWith('면') && !emdNames.has(`${x.code.slice(0, 5)}|${x.emd.slice(0, -1)}읍`));
  for (const l of sample(myeonAsEup, 80)) add('renamed', l, full(l, undefined, `${l.emd.slice(0, -1)}읍`), lotOf());
  const sggName = (code: string) => table.get(`${code.slice(0, 5)}00000`)?.name;
  const eupWasMyeon = all.filter((x) => x.ri && x.emd.endsWith('읍') && abolishedNames.has(`${sggName(x.code)} ${x.emd.slice(0, -1)}면`));
  for (const l of sample(eupWasMyeon, 80)) add('renamed', l, full(l, undefined, `${l.emd.slice(0, -1)}면`), lotOf());

  // 시 and 구 fused, the 시 dropped, or both abbreviated.
  for (const l of sample(
    all.filter((x) => x.sgg.length === 2),
    200,
  )) {
    const [si, gu] = l.sgg as [string, string];
    const sgg = pick(random, [`${si.replace(/시$/, '')}${gu}`, `${si}${gu}`, `${si.replace(/시$/, '')} ${gu.replace(/구$/, '')}`]);
    add(
      'fused',
      l,
      [pick(random, [l.sido, SIDO_ALIASES[l.code.slice(0, 2)]?.at(-1) ?? l.sido]), sgg, l.emd, l.ri].filter(Boolean).join(' '),
      lotOf(),
    );
  }

  // Must stay refusals: road names, 행정동 names, missing or partial lot numbers.
  const urban = all.filter((x) => !x.ri && x.sgg.length > 0);
  for (const l of sample(urban, 150)) {
    const n = 1 + Math.floor(random() * 400);
    const road = pick(random, ROADS);
    const form = pick(random, [
      `${l.sido} ${l.sgg.join(' ')} ${road} ${n}`,
      `${l.sgg.join(' ')} ${l.emd} ${road} ${n}`,
      `${l.sido} ${l.sgg.join(' ')} ${road} 지하 ${n}`,
      `${l.sgg.at(-1)} ${road} ${n}-${1 + Math.floor(random() * 9)}`,
      `${l.sido} ${l.sgg.join(' ')} ${road} ${n} (${l.emd})`,
      `${l.sgg.join(' ')} ${road} ${n}, 3층`,
    ]);
    out.push({ family: 'road_address', input: form, refusal: ['road_address'] });
  }
  const legalDongs = new Set(all.map((x) => x.emd));
  for (const l of sample(
    urban.filter((x) => x.emd.endsWith('동') && !/\d/.test(x.emd)),
    150,
  )) {
    const stem = l.emd.slice(0, -1);
    const admin = pick(random, [`${stem}1동`, `${stem}2동`, `${stem}제1동`, `${stem}3동`]);
    if (legalDongs.has(admin)) continue;
    out.push({
      family: 'admin_dong',
      input: `${pick(random, [l.sido, ''])} ${l.sgg.join(' ')} ${admin} ${lotOf().text}`.trim(),
      refusal: ['admin_dong'],
    });
  }
  for (const l of sample(all, 150)) {
    const lot = lotOf();
    const tail = pick(random, [
      '',
      ' 산',
      ` ${lot.bonbun}-`,
      ` 산${lot.bonbun}-`,
      ` ${lot.bonbun} ${1 + Math.floor(random() * 30)}`,
      ` ${lot.bonbun}-${lot.bubun + 1}-1`,
      ' 번지',
    ]);
    out.push({ family: 'partial_lot', input: `${full(l)}${tail}`, refusal: ['no_lot', 'partial_lot', 'lot_unclear'] });
  }
  return out;
}

/** What a resolver answered, in the shape resolveAddress gives (older versions included). */
export interface Answer {
  status: string;
  pnu?: string;
  reason?: { code: string };
}

export interface FamilyScore {
  family: Family;
  rows: number;
  /** resolved to the right PNU, or refused with an expected reason */
  right: number;
  /** refused at all (refusal families): what a resolver without reason codes can show */
  refused: number;
  /** resolved to a PNU other than the truth: must be 0 everywhere */
  wrong: number;
}

export function evaluateFamilies(
  rows: readonly Labelled[],
  resolve: (input: string) => Answer,
): { byFamily: FamilyScore[]; precision: number; wrong: Labelled[] } {
  const scores = new Map<Family, FamilyScore>(FAMILIES.map((f) => [f, { family: f, rows: 0, right: 0, refused: 0, wrong: 0 }]));
  const wrong: Labelled[] = [];
  let resolved = 0;
  for (const row of rows) {
    const a = resolve(row.input);
    const s = scores.get(row.family)!;
    s.rows++;
    if (a.status === 'resolved') {
      resolved++;
      if (a.pnu === row.pnu) s.right++;
      else {
        s.wrong++;
        wrong.push(row);
      }
    } else if (row.refusal) {
      s.refused++;
      if (a.reason && row.refusal.includes(a.reason.code)) s.right++;
    }
  }
  return { byFamily: [...scores.values()], precision: resolved ? (resolved - wrong.length) / resolved : 1, wrong };
}
