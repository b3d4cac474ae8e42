/**
 * The road-name addresses of the imported 도로명주소 DB, in memory: (시군구, 도로명, 지하여부,
 * 건물본번, 건물부번) → the building's 대표지번 PNU and its other parcels. Built by the host from
 * the workspace's index file (electron/juso/); pure data here so that resolution stays in shared/.
 */
export interface RoadBuilding {
  /** 5-digit 시군구 code (the first five of the 도로명코드) */
  sgg: string;
  /** the official road name, without spaces ('율곡로4길', '중앙로100번길') */
  road: string;
  /** 0 지상, 1 지하, 2 공중, 3 수상 (지하여부 as the files write it) */
  underground: number;
  bonbun: number;
  bubun: number;
  /** the 대표지번 as a PNU (산 1/2 as in a PNU, not the files' 0/1) */
  pnu: string;
  /** the building's other parcels (관련지번), as PNUs */
  related: string[];
  /** 시군구용건물명, else 건축물대장건물명; '' when none */
  name: string;
  /** 읍면동 and 리 names of the 대표지번 */
  emd: string;
  ri: string;
}

/** A 시군구 that has roads in the index, with its names as the files give them. */
export interface RoadSgg {
  code: string;
  sido: string;
  /** '종로구', '전주시 완산구', '' for 세종 */
  sgg: string;
}

export const UNDERGROUND_NAMES: Readonly<Record<number, string>> = { 0: '지상', 1: '지하', 2: '공중', 3: '수상' };

/**
 * The index as columns, one entry per road address, sorted by (sgg, road, underground, bonbun,
 * bubun): typed arrays and interned strings instead of one object per address, so the country
 * (≈ 6 million addresses) fits in a few hundred megabytes and loads without making millions of objects.
 */
export interface RoadColumns {
  /** 'sgg|road' of each road, in order; road r holds the addresses roadStart[r] .. roadStart[r+1]-1 */
  roads: string[];
  roadStart: Int32Array;
  /** underground·10¹⁰ + bonbun·10⁵ + bubun: sorted within a road */
  number: Float64Array;
  /** the 대표지번 PNU as its 10-digit 법정동 code and its 9-digit lot (산 1/2, 본번, 부번) */
  bjd: Float64Array;
  lot: Int32Array;
  /** the address's related parcels are relBjd/relLot[relStart[i] .. relStart[i+1]-1] */
  relStart: Int32Array;
  relBjd: Float64Array;
  relLot: Int32Array;
  /** index into names ('' for none) */
  name: Int32Array;
  names: string[];
  /** index into places: '읍면동|리' of the 대표지번 */
  place: Int32Array;
  places: string[];
}

export const numberKey = (underground: number, bonbun: number, bubun: number) => underground * 1e10 + bonbun * 1e5 + bubun;
const pnuOf = (bjd: number, lot: number) => `${bjd}${String(lot).padStart(9, '0')}`;

export class RoadIndex {
  private readonly roadIndex = new Map<string, number>();
  private readonly sggsByRoad = new Map<string, string[]>();
  private readonly sggByCode = new Map<string, RoadSgg>();
  /** c.places split, made once each as asked for */
  private readonly placeNames: ([string, string] | undefined)[] = [];
  readonly size: number;

  constructor(
    private readonly c: RoadColumns,
    sggs: Iterable<RoadSgg>,
    /** the data's date (the latest 효력발생일), for notes and the data pane */
    readonly vintage: string,
  ) {
    for (const s of sggs) this.sggByCode.set(s.code, s);
    c.roads.forEach((k, r) => {
      this.roadIndex.set(k, r);
      const [sgg, road] = k.split('|') as [string, string];
      const roadSggs = this.sggsByRoad.get(road);
      if (!roadSggs) this.sggsByRoad.set(road, [sgg]);
      else roadSggs.push(sgg);
    });
    this.size = c.number.length;
  }

  /** Builds the columns from buildings in memory (tests, small sets); the host loads them from the index file. */
  static fromBuildings(buildings: Iterable<RoadBuilding>, sggs: Iterable<RoadSgg>, vintage: string): RoadIndex {
    const list = [...buildings]
      .map((b) => ({ b, k: `${b.sgg}|${b.road}`, n: numberKey(b.underground, b.bonbun, b.bubun) }))
      .sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : x.n - y.n));
    const roads: string[] = [];
    const roadStart: number[] = [];
    const intern = (table: string[], ids: Map<string, number>, s: string) => ids.get(s) ?? (ids.set(s, table.length), table.push(s) - 1);
    const names: string[] = [];
    const nameIds = new Map<string, number>();
    const places: string[] = [];
    const placeIds = new Map<string, number>();
    const relStart = [0];
    const related: string[] = [];
    list.forEach(({ k }, i) => {
      if (roads.at(-1) !== k) {
        roads.push(k);
        roadStart.push(i);
      }
    });
    roadStart.push(list.length);
    for (const { b } of list) {
      related.push(...b.related);
      relStart.push(related.length);
    }
    return new RoadIndex(
      {
        roads,
        roadStart: Int32Array.from(roadStart),
        number: Float64Array.from(list, (x) => x.n),
        bjd: Float64Array.from(list, (x) => Number(x.b.pnu.slice(0, 10))),
        lot: Int32Array.from(list, (x) => Number(x.b.pnu.slice(10))),
        relStart: Int32Array.from(relStart),
        relBjd: Float64Array.from(related, (p) => Number(p.slice(0, 10))),
        relLot: Int32Array.from(related, (p) => Number(p.slice(10))),
        name: Int32Array.from(list, (x) => intern(names, nameIds, x.b.name)),
        names,
        place: Int32Array.from(list, (x) => intern(places, placeIds, `${x.b.emd}|${x.b.ri}`)),
        places,
      },
      sggs,
      vintage,
    );
  }

  /** The 시군구 codes with a road of this name (road names repeat across 시군구). */
  sggsWithRoad(road: string): readonly string[] {
    return this.sggsByRoad.get(road) ?? [];
  }

  sgg(code: string): RoadSgg | undefined {
    return this.sggByCode.get(code);
  }

  private place(id: number): [string, string] {
    return (this.placeNames[id] ??= this.c.places[id]!.split('|') as [string, string]);
  }

  /** The address's buildings (two records for one address are kept: resolution says ambiguous unless they share a parcel). */
  buildings(sgg: string, road: string, underground: number, bonbun: number, bubun: number): readonly RoadBuilding[] {
    const r = this.roadIndex.get(`${sgg}|${road}`);
    if (r === undefined) return [];
    const c = this.c;
    const want = numberKey(underground, bonbun, bubun);
    // the first address of the road at or after the number
    let lo = c.roadStart[r]!;
    let hi = c.roadStart[r + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c.number[mid]! < want) lo = mid + 1;
      else hi = mid;
    }
    const out: RoadBuilding[] = [];
    for (let i = lo; i < c.roadStart[r + 1]! && c.number[i] === want; i++) {
      const related: string[] = [];
      for (let j = c.relStart[i]!; j < c.relStart[i + 1]!; j++) related.push(pnuOf(c.relBjd[j]!, c.relLot[j]!));
      const [emd, ri] = this.place(c.place[i]!);
      out.push({ sgg, road, underground, bonbun, bubun, pnu: pnuOf(c.bjd[i]!, c.lot[i]!), related, name: c.names[c.name[i]!]!, emd, ri });
    }
    return out;
  }
}
