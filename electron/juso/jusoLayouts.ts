import type { JusoFamily, JusoFileKind } from './jusoSources';

/**
 * The two families of the 도로명주소 DB as their files lay out (pipe-separated, cp949, no header),
 * and how each becomes the same two relations the importer builds the index from:
 *   roads: id, sgg, road, underground, bonbun, bubun, pnu (the 대표지번), name, emd, ri, sido,
 *          sgg_name, move (31/34/63 or ''), effective (YYYYMMDD), road_code
 *   links: id, pnu, gone — the parcels of each address (the 대표지번 may be among them)
 *
 * 도로명주소 한글 (rnaddrkor_<시도>.txt, 24 columns; jibun_rnaddrkor_<시도>.txt, 14): the layout of
 * the issue, as the existing importer read it.
 *
 * 주소DB, checked against the official layout (주소기반산업지원서비스, "주소DB 구축 및 현행화 - DB
 * 레이아웃", https://www.juso.go.kr/addrlink/addrlinkJusoDBUse.do?menu=match) and, for the columns
 * that page's excerpt cut off, the column lists of loaders of the same files (주소 col 8 변경사유코드
 * 31 신규/34 변경/63 폐지; 지번 col 11 대표여부 0 관련지번/1 대표지번; 부가정보 9 columns):
 *   주소_<시도>.txt (11): 관리번호 (25) · 도로명코드 (12) · 읍면동일련번호 (2) · 지하여부 (0 지상, 1 지하) ·
 *     건물본번 · 건물부번 · 기초구역번호 · 변경사유코드 · 고시일자 · 변경전도로명주소 · 상세주소부여여부
 *   지번_<시도>.txt (11): 관리번호 · 일련번호 · 법정동코드 · 시도명 · 시군구명 · 법정읍면동명 · 법정리명 ·
 *     산여부 (0 대지, 1 산) · 지번본번 · 지번부번 · 대표여부 (1 대표지번, 0 관련지번)
 *   부가정보_<시도>.txt (9): 관리번호 · 행정동코드 · 행정동명 · 우편번호 · 우편번호일련번호 · 다량배달처명 ·
 *     건축물대장건물명 · 시군구건물명 · 공동주택여부
 *   개선_도로명코드_전체분.txt (17, not the issue's short list): 도로명코드 · 도로명 · 도로명 로마자 ·
 *     읍면동일련번호 · 시도명 · 시도명 로마자 · 시군구명 · 시군구명 로마자 · 읍면동명 · 읍면동명 로마자 ·
 *     읍면동구분 · 읍면동코드 · 사용여부 (0 사용, 1 미사용) · 변경사유 · 변경이력정보 · 고시일자 · 말소일자
 * Where the issue's text differs, the official layout is followed: the road-name code file has the
 * 로마자 columns between the names (17 columns), its 사용여부 is 0 for a road in use, and the files
 * are named by the 시도's Korean name (주소_서울특별시.txt). The address key is (도로명코드,
 * 읍면동일련번호) into the road-name code file; the 시군구 is the first five digits of the 도로명코드.
 */

/** A column checked in SQL: exactly `n` digits; ('max') a number up to `n`; ('flag') 0 or 1. */
export type Check = [column: string, what: string, n: number, kind?: 'max' | 'flag'];

export interface StagedFile {
  kind: JusoFileKind;
  columns: number;
  /** what the layout is called in an error ('도로명주소 한글') */
  label: string;
  checks: Check[];
  /** the typed columns kept, from the text columns c1..cn */
  select: string;
}

export interface JusoLayout {
  family: JusoFamily;
  files: StagedFile[];
  /**
   * The roads and links relations over the staged files (`staged(kind)`: a relation of that kind's
   * rows); `previousRoads` (road_code, road) names the roads of the index being updated, for
   * change files that come without the road-name code file.
   */
  relations(staged: (kind: JusoFileKind) => string, previousRoads: string | null): { roads: string; links: string };
}

/** 63: 폐지 (이동사유코드 in 한글, 변경사유코드 in 주소DB). */
export const REMOVED = '63';

/** A lot as PNU, from the 법정동코드 column `bjd` and the three after 시도..리 (산여부 is 0/1 in the files, 1/2 in a PNU). */
function pnuSql(bjd: number, san: number): string {
  const c = (k: number) => `c${k}`;
  return `${c(bjd)} || CASE ${c(san)} WHEN '1' THEN '2' ELSE '1' END || lpad(TRY_CAST(${c(san + 1)} AS INTEGER)::VARCHAR, 4, '0') || lpad(TRY_CAST(${c(san + 2)} AS INTEGER)::VARCHAR, 4, '0')`;
}

function lotChecks(bjd: number, san: number): Check[] {
  return [
    [`c${bjd}`, '법정동코드', 10],
    [`c${san}`, '산여부', 0, 'flag'],
    [`c${san + 1}`, '지번본번', 9999, 'max'],
    [`c${san + 2}`, '지번부번', 9999, 'max'],
  ];
}

const NUMBER_CHECKS = (underground: number): Check[] => [
  [`c${underground}`, '지하여부', 3, 'max'],
  [`c${underground + 1}`, '건물본번', 99999, 'max'],
  [`c${underground + 2}`, '건물부번', 99999, 'max'],
];

/** A road name as the index keeps it: without spaces. */
const roadName = (c: string) => `regexp_replace(coalesce(${c}, ''), '\\s+', '', 'g')`;

const HANGUL: JusoLayout = {
  family: 'hangul',
  files: [
    {
      kind: 'road',
      columns: 24,
      label: '도로명주소 한글',
      checks: [['c1', '도로명주소관리번호', 26], ['c10', '도로명코드', 12], ...NUMBER_CHECKS(12), ...lotChecks(2, 7)],
      select: `c1 AS id, left(c10, 5) AS sgg, ${roadName('c11')} AS road, TRY_CAST(c12 AS INTEGER) AS underground,
        TRY_CAST(c13 AS INTEGER) AS bonbun, TRY_CAST(c14 AS INTEGER) AS bubun, ${pnuSql(2, 7)} AS pnu, coalesce(nullif(c23, ''), nullif(c22, ''), '') AS name,
        coalesce(c5, '') AS emd, coalesce(c6, '') AS ri, coalesce(c3, '') AS sido, coalesce(c4, '') AS sgg_name, coalesce(c21, '') AS move,
        coalesce(c19, '') AS effective, c10 AS road_code`,
    },
    {
      kind: 'jibun',
      columns: 14,
      label: '관련지번',
      checks: [['c1', '도로명주소관리번호', 26], ...lotChecks(2, 7)],
      select: `c1 AS id, ${pnuSql(2, 7)} AS pnu, coalesce(c14, '') = '${REMOVED}' AS gone`,
    },
  ],
  relations: (staged) => ({ roads: staged('road'), links: staged('jibun') }),
};

const ADDRESS_DB: JusoLayout = {
  family: 'addressDb',
  files: [
    {
      kind: 'address',
      columns: 11,
      label: '주소DB 주소',
      checks: [['c1', '관리번호', 25], ['c2', '도로명코드', 12], ['c3', '읍면동일련번호', 2], ...NUMBER_CHECKS(4)],
      select: `c1 AS id, c2 AS road_code, c3 AS seq, TRY_CAST(c4 AS INTEGER) AS underground, TRY_CAST(c5 AS INTEGER) AS bonbun,
        TRY_CAST(c6 AS INTEGER) AS bubun, coalesce(c8, '') AS move, coalesce(c9, '') AS effective`,
    },
    {
      kind: 'lots',
      columns: 11,
      label: '주소DB 지번',
      checks: [['c1', '관리번호', 25], ['c2', '일련번호', 99999, 'max'], ...lotChecks(3, 8), ['c11', '대표여부', 0, 'flag']],
      select: `c1 AS id, TRY_CAST(c2 AS INTEGER) AS serial, ${pnuSql(3, 8)} AS pnu, coalesce(c4, '') AS sido, coalesce(c5, '') AS sgg_name,
        coalesce(c6, '') AS emd, coalesce(c7, '') AS ri, c11 = '1' AS main`,
    },
    {
      kind: 'extra',
      columns: 9,
      label: '주소DB 부가정보',
      checks: [['c1', '관리번호', 25]],
      select: `c1 AS id, coalesce(nullif(c8, ''), nullif(c7, ''), '') AS name`,
    },
    {
      kind: 'roadCode',
      columns: 17,
      label: '도로명코드',
      checks: [
        ['c1', '도로명코드', 12],
        ['c4', '읍면동일련번호', 2],
      ],
      select: `c1 AS road_code, c4 AS seq, ${roadName('c2')} AS road, coalesce(c13, '') = '1' AS unused`,
    },
  ],
  relations: (staged, previousRoads) => {
    // the 대표지번 row of each address (one; were there two, the first by 일련번호, the other a 관련지번)
    const main = `(SELECT * FROM ${staged('lots')} WHERE main QUALIFY row_number() OVER (PARTITION BY id ORDER BY serial) = 1)`;
    // one name per (도로명코드, 읍면동일련번호); a row in use before one that is not
    const names = `(SELECT * FROM ${staged('roadCode')} QUALIFY row_number() OVER (PARTITION BY road_code, seq ORDER BY unused) = 1)`;
    const before = previousRoads ? `LEFT JOIN ${previousRoads} r ON r.road_code = a.road_code` : '';
    const road = previousRoads ? 'coalesce(n.road, r.road)' : 'n.road';
    const extra = `(SELECT id, first(name) AS name FROM ${staged('extra')} GROUP BY id)`;
    return {
      roads: `(SELECT a.id, left(a.road_code, 5) AS sgg, ${road} AS road, a.underground, a.bonbun, a.bubun, m.pnu, coalesce(x.name, '') AS name,
          coalesce(m.emd, '') AS emd, coalesce(m.ri, '') AS ri, coalesce(m.sido, '') AS sido, coalesce(m.sgg_name, '') AS sgg_name, a.move, a.effective, a.road_code
        FROM ${staged('address')} a LEFT JOIN ${main} m ON m.id = a.id LEFT JOIN ${names} n ON n.road_code = a.road_code AND n.seq = a.seq
          ${before} LEFT JOIN ${extra} x ON x.id = a.id)`,
      links: `(SELECT id, pnu, false AS gone FROM ${staged('lots')})`,
    };
  },
};

export const JUSO_LAYOUTS: Readonly<Record<JusoFamily, JusoLayout>> = { hangul: HANGUL, addressDb: ADDRESS_DB };

/**
 * The first failing check of a row: its index in `checks` as `problem` and the field's text as
 * `problem_value` (both NULL when the row passes), so the refusal can be worded in the UI's language.
 */
export function problemSql(checks: Check[]): string {
  const fails = checks.map(([c, , n, kind]) => {
    const v = `coalesce(${c}, '')`;
    if (kind === 'flag') return [v, `${v} NOT IN ('0', '1')`];
    if (kind === 'max') return [v, `NOT regexp_full_match(${v}, '[0-9]{1,9}') OR TRY_CAST(${v} AS BIGINT) > ${n}`];
    return [v, `NOT regexp_full_match(${v}, '[0-9]{${n}}')`];
  });
  const problem = fails.map(([, fail], i) => `WHEN ${fail} THEN ${i}`).join(' ');
  const value = fails.map(([v, fail]) => `WHEN ${fail} THEN ${v}`).join(' ');
  return `CASE ${problem} END AS problem, CASE ${value} END AS problem_value`;
}

/** The refusal of a row that failed `checks[index]` (see problemSql): its reason code, its words' parameters and an English message. */
export function checkFailure(
  check: Check,
  value: string,
): { reason: 'juso_bad_digits' | 'juso_bad_number' | 'juso_bad_flag'; params: Record<string, string | number>; message: string } {
  const [, field, n, kind] = check;
  const params = { field, value, n };
  if (kind === 'flag') return { reason: 'juso_bad_flag', params, message: `${field} '${value}' is not 0 or 1` };
  if (kind === 'max') return { reason: 'juso_bad_number', params, message: `${field} '${value}' is not a number up to ${n}` };
  return { reason: 'juso_bad_digits', params, message: `${field} '${value}' is not ${n} digits` };
}
