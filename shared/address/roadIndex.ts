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

const key = (sgg: string, road: string, underground: number, bonbun: number, bubun: number) => `${sgg}|${road}|${underground}|${bonbun}|${bubun}`;

export class RoadIndex {
  private readonly byKey = new Map<string, RoadBuilding[]>();
  private readonly sggsByRoad = new Map<string, string[]>();
  private readonly sggByCode = new Map<string, RoadSgg>();
  readonly size: number;

  constructor(
    buildings: Iterable<RoadBuilding>,
    sggs: Iterable<RoadSgg>,
    /** the data's date (the latest 효력발생일), for notes and the data pane */
    readonly vintage: string,
  ) {
    for (const s of sggs) this.sggByCode.set(s.code, s);
    let n = 0;
    for (const b of buildings) {
      n++;
      const k = key(b.sgg, b.road, b.underground, b.bonbun, b.bubun);
      const list = this.byKey.get(k);
      // Two records for one address (two buildings at one entrance) are kept: resolution says ambiguous unless they share a parcel.
      if (list) list.push(b);
      else this.byKey.set(k, [b]);
      const roadSggs = this.sggsByRoad.get(b.road);
      if (!roadSggs) this.sggsByRoad.set(b.road, [b.sgg]);
      else if (!roadSggs.includes(b.sgg)) roadSggs.push(b.sgg);
    }
    this.size = n;
  }

  /** The 시군구 codes with a road of this name (road names repeat across 시군구). */
  sggsWithRoad(road: string): readonly string[] {
    return this.sggsByRoad.get(road) ?? [];
  }

  sgg(code: string): RoadSgg | undefined {
    return this.sggByCode.get(code);
  }

  buildings(sgg: string, road: string, underground: number, bonbun: number, bubun: number): readonly RoadBuilding[] {
    return this.byKey.get(key(sgg, road, underground, bonbun, bubun)) ?? [];
  }
}
