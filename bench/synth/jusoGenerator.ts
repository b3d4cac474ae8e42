import iconv from 'iconv-lite';
import type { RoadBuilding } from '../../shared/address/roadIndex';
import { parsePnu } from '../../shared/cadastral/pnu';
import { seededRandom } from './random';

/**
 * Writes the 도로명주소 한글 전체분 family (`rnaddrkor_<시도>.txt`, 24 columns, and
 * `jibun_rnaddrkor_<시도>.txt`, 14 columns; pipe-separated, cp949, CRLF, no header) over a store's
 * parcels, and returns the buildings it made, so tests know the answer for every address. It makes
 * what real files hold: buildings on one and on many parcels, 지하 addresses (some on the number
 * of a 지상 building of the same road), road names repeated across 시군구, and 폐지 rows
 * (이동사유코드 63) that must not be read as addresses.
 */
export interface JusoParcel {
  pnu: string;
  sido: string;
  /** '종로구', '전주시 완산구' */
  sgg: string;
  emd: string;
  ri: string | null;
}

/** A generated building: what the index keeps of it (RoadBuilding), and what only the files say. */
export interface JusoBuilding extends Omit<RoadBuilding, 'sgg' | 'underground'> {
  /** 도로명주소관리번호 (26) */
  id: string;
  sggCode: string;
  sido: string;
  /** the 시군구's name ('종로구'); its code is sggCode */
  sgg: string;
  underground: 0 | 1;
  /** written with 이동사유코드 63: gone, not an address any more */
  removed: boolean;
  /** in a daily change file: 31 신규 or 34 수정 (63 is `removed`) */
  move?: '31' | '34';
}

export interface JusoFiles {
  /** file name → cp949 bytes */
  files: Map<string, Buffer>;
  buildings: JusoBuilding[];
  /** the latest 효력발생일 written (YYYYMMDD) */
  vintage: string;
  /** each building's 효력발생일, by id: the 주소DB family (addressDbGenerator.ts) writes the same dates */
  dates: ReadonlyMap<string, string>;
}

/** The official files' 시도 suffixes, by 시도 code. */
export const SIDO_FILE_NAMES: Readonly<Record<string, string>> = {
  11: 'seoul',
  26: 'busan',
  27: 'daegu',
  28: 'incheon',
  29: 'gwangju',
  30: 'daejeon',
  31: 'ulsan',
  36: 'sejong',
  41: 'gyunggi',
  43: 'chungbuk',
  44: 'chungnam',
  46: 'jeonnam',
  47: 'gyeongbuk',
  48: 'gyeongnam',
  50: 'jeju',
  51: 'gangwon',
  52: 'jeonbuk',
};

// Road stems, a disjoint slice per 시군구 so that a road of one 시군구 written under another is a
// real case; none is a 법정동 name.
const STEMS = [
  '율곡',
  '새문안',
  '청계천',
  '창경궁',
  '삼일',
  '다산',
  '장충',
  '한빛',
  '온누리',
  '푸른솔',
  '은행나무',
  '느티',
  '백제',
  '소양',
  '공지',
  '후평',
  '효자',
  '팔달',
  '기린',
  '홍산',
  '매봉',
  '솔샘',
  '달맞이',
  '햇살',
  '별빛',
  '미리내',
  '가람',
  '누리',
  '보람',
  '샘터',
];
/** In every 시군구, as real road names repeat. */
const COMMON = ['중앙로', '시청로'];
const EFFECTIVE_DATES = ['20140101', '20161115', '20190701', '20220310', '20241031'];

export function generateJusoFiles(parcels: readonly JusoParcel[], seed = 19): JusoFiles {
  const random = seededRandom(seed);
  const bySgg = new Map<string, JusoParcel[]>();
  for (const p of [...parcels].sort((a, b) => (a.pnu < b.pnu ? -1 : 1))) {
    const list = bySgg.get(p.pnu.slice(0, 5));
    if (list) list.push(p);
    else bySgg.set(p.pnu.slice(0, 5), [p]);
  }
  const buildings: JusoBuilding[] = [];
  [...bySgg.keys()].sort().forEach((sggCode, sggIndex) => {
    const list = bySgg.get(sggCode)!;
    const stems = STEMS.slice((sggIndex * 4) % STEMS.length, ((sggIndex * 4) % STEMS.length) + 4);
    const bases = [...COMMON, ...stems.map((s, i) => (i === 0 ? `${s}대로` : `${s}로`))];
    const roads = [...bases, ...bases.slice(2).flatMap((b, i) => [`${b}${i + 2}길`, `${b}${(i + 1) * 10}번길`])];
    const next = new Map(roads.map((r) => [r, 1 + Math.floor(random() * 4) * 2]));
    const lastOnRoad = new Map<string, JusoBuilding>();
    const taken = new Set<string>();
    for (let i = 0; i < list.length;) {
      const first = list[i]!;
      if (random() < 0.2 || (parsePnu(first.pnu)!.san && random() < 0.9)) {
        i++;
        continue;
      }
      const size = random() < 0.75 ? 1 : random() < 0.8 ? 2 + Math.floor(random() * 2) : 5 + Math.floor(random() * 8);
      const lots: JusoParcel[] = [first];
      while (lots.length < size && i + lots.length < list.length && list[i + lots.length]!.pnu.slice(0, 10) === first.pnu.slice(0, 10))
        lots.push(list[i + lots.length]!);
      i += lots.length;
      const road = roads[Math.floor(random() * roads.length)]!;
      let underground: 0 | 1 = 0;
      let bonbun = next.get(road)!;
      let bubun = 0;
      const twin = random() < 0.04 ? lastOnRoad.get(road) : undefined;
      if (twin) {
        // an underground mall under a street building: the same number, 지하
        underground = 1;
        bonbun = twin.bonbun;
        bubun = twin.bubun;
      } else if (random() < 0.1 && bonbun > 2) {
        bonbun -= 2; // a 부번 on the last number: 12-1 beside 12
        bubun = 1 + Math.floor(random() * 3);
      } else next.set(road, bonbun + 2 + 2 * Math.floor(random() * 3));
      const removed = random() < 0.02;
      if (removed) {
        bonbun = 900 + bonbun; // a number given up, nowhere else on the road
        bubun = 0;
      }
      const key = `${road}|${underground}|${bonbun}|${bubun}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const b: JusoBuilding = {
        id: managementNo(sggCode, first.pnu.slice(5, 8), roadNumber(roads.indexOf(road), road), underground, bonbun, bubun),
        sggCode,
        sido: first.sido,
        sgg: first.sgg,
        road,
        underground,
        bonbun,
        bubun,
        pnu: first.pnu,
        related: lots.slice(1).map((l) => l.pnu),
        name: random() < 0.3 ? `${stems[Math.floor(random() * stems.length)]}${random() < 0.5 ? '빌딩' : '아파트'}` : '',
        emd: first.emd,
        ri: first.ri ?? '',
        removed,
      };
      buildings.push(b);
      if (!underground && !removed) lastOnRoad.set(road, b);
    }
  });
  return { ...writeFiles(buildings, parcels, random), buildings };
}

/** 위계 (3 로, 4 길) + 6 digits. */
const roadNumber = (i: number, road: string) => `${road.endsWith('길') ? 4 : 3}${String(i + 1).padStart(6, '0')}`;
const managementNo = (sgg: string, emd3: string, road7: string, ug: number, bon: number, bu: number) =>
  `${sgg}${emd3}${road7}${ug}${String(bon).padStart(5, '0')}${String(bu).padStart(5, '0')}`;

function writeFiles(
  buildings: JusoBuilding[],
  parcels: readonly JusoParcel[],
  random: () => number,
): { files: Map<string, Buffer>; vintage: string; dates: Map<string, string> } {
  let vintage = '';
  const dates = new Map<string, string>();
  const byPnu = new Map(parcels.map((p) => [p.pnu, p]));
  const main = new Map<string, string[]>();
  const jibun = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, line: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(line);
  for (const b of buildings) {
    const slug = SIDO_FILE_NAMES[b.sggCode.slice(0, 2)] ?? b.sggCode.slice(0, 2);
    const lot = (pnu: string) => {
      const p = byPnu.get(pnu)!;
      const l = parsePnu(pnu)!;
      // 산여부 is 0/1 in these files (1/2 in a PNU)
      return [pnu.slice(0, 10), p.sido, p.sgg, p.emd, p.ri ?? '', l.san ? '1' : '0', String(l.bonbun), String(l.bubun)];
    };
    const roadCode = b.sggCode + b.id.slice(8, 15);
    const move = b.removed ? '63' : (b.move ?? '');
    const date = EFFECTIVE_DATES[Math.floor(random() * EFFECTIVE_DATES.length)]!;
    dates.set(b.id, date);
    if (!b.removed && date > vintage) vintage = date;
    push(
      main,
      slug,
      [
        b.id,
        ...lot(b.pnu),
        roadCode,
        b.road,
        String(b.underground),
        String(b.bonbun),
        String(b.bubun),
        b.pnu.slice(0, 10),
        b.emd,
        String(3000 + Math.floor(random() * 6000)).padStart(5, '0'),
        '',
        date,
        b.name.endsWith('아파트') ? '1' : '0',
        move,
        b.name,
        b.name,
        '',
      ].join('|'),
    );
    for (const r of b.related)
      push(jibun, slug, [b.id, ...lot(r), roadCode, String(b.underground), String(b.bonbun), String(b.bubun), move].join('|'));
  }
  const files = new Map<string, Buffer>();
  for (const [slug, lines] of main) files.set(`rnaddrkor_${slug}.txt`, iconv.encode(lines.join('\r\n') + '\r\n', 'cp949'));
  for (const [slug, lines] of jibun) files.set(`jibun_rnaddrkor_${slug}.txt`, iconv.encode(lines.join('\r\n') + '\r\n', 'cp949'));
  return { files, vintage, dates };
}

export interface JusoChanges extends JusoFiles {
  /** the live addresses once the changes are applied */
  after: JusoBuilding[];
}

/**
 * A daily change set on top of `base` (same layout, same file names): some addresses 폐지 (63),
 * some 수정 (34: the 대표지번 moves to another of the building's parcels), and new buildings (31)
 * on parcels no building stood on.
 */
export function generateJusoChanges(base: JusoFiles, parcels: readonly JusoParcel[], seed = 31): JusoChanges {
  const random = seededRandom(seed);
  const live = base.buildings.filter((b) => !b.removed);
  const used = new Set(base.buildings.flatMap((b) => [b.pnu, ...b.related]));
  const changed: JusoBuilding[] = [];
  const after = new Map(live.map((b) => [b.id, b]));
  live.forEach((b, i) => {
    if (i % 23 === 0) {
      changed.push({ ...b, removed: true });
      after.delete(b.id);
    } else if (i % 23 === 7 && b.related.length) {
      const moved: JusoBuilding = {
        ...b,
        pnu: b.related[0]!,
        related: [b.pnu, ...b.related.slice(1)],
        name: `${b.name || '새'}신관`,
        move: '34',
      };
      changed.push(moved);
      after.set(b.id, moved);
    }
  });
  const free = parcels.filter((p) => !used.has(p.pnu) && p.pnu[10] === '1');
  free.slice(0, 40).forEach((p, i) => {
    const bonbun = 2001 + 2 * i;
    const sggCode = p.pnu.slice(0, 5);
    const added: JusoBuilding = {
      id: managementNo(sggCode, p.pnu.slice(5, 8), roadNumber(0, '중앙로'), 0, bonbun, 0),
      sggCode,
      sido: p.sido,
      sgg: p.sgg,
      road: '중앙로',
      underground: 0,
      bonbun,
      bubun: 0,
      pnu: p.pnu,
      related: [],
      name: '',
      emd: p.emd,
      ri: p.ri ?? '',
      removed: false,
      move: '31',
    };
    changed.push(added);
    after.set(added.id, added);
  });
  return { ...writeFiles(changed, parcels, random), buildings: changed, after: [...after.values()] };
}
