/** Runnable examples for the in-app help: each runs on the bundled sample store. */
export interface DslExample {
  title: { ko: string; en: string };
  dsl: string;
}

export const EXAMPLES: readonly DslExample[] = [
  { title: { ko: '종로구의 필지 500개', en: '500 parcels in 종로구' }, dsl: "parcels\n| where SGG_NM == '종로구'\n| take 500\n" },
  {
    title: { ko: '대지를 넓은 순으로, 지목으로 색칠', en: 'Building lots by size, coloured by 지목' },
    dsl: "parcels\n| where JIMOK in ['대', '전']\n| derive 평수 = round(AREA_M2 / 3.3058, 1)\n| sort 평수 desc\n| take 300\n| map color=JIMOK\n",
  },
  {
    title: { ko: '시군구·지목별 필지 수와 면적', en: 'Parcels and area by 시군구 and 지목' },
    dsl: 'parcels\n| stats count(), sum(AREA_M2) as 면적합 by SGG_NM, JIMOK\n',
  },
  {
    title: { ko: '지목별 평균 면적 (소수 첫째 자리)', en: 'Mean area by 지목, to one decimal' },
    dsl: 'parcels\n| stats round(avg(AREA_M2), 1) as 평균면적, count() as 필지수 by JIMOK\n| sort 평균면적 desc\n',
  },
  {
    title: { ko: '기준일로 거르기', en: 'Filtering by the data date' },
    dsl: "parcels\n| where SOURCE_DATE >= '2024.01.01' and JIMOK == '대'\n| take 300\n",
  },
  {
    title: { ko: '광화문 500 m 안의 필지 (경계에서 잰 거리)', en: 'Parcels within 500 m of 광화문 (from their outlines)' },
    dsl: 'parcels\n| within near(126.9769, 37.5759, 500)\n',
  },
  { title: { ko: '이웃 필지', en: 'The neighbours of a parcel' }, dsl: "parcels\n| adjacent '1111010100200060000'\n" },
  { title: { ko: '산 필지', en: 'Mountain lots (산)' }, dsl: "parcels\n| where SAN == true and SI_NM == '강원특별자치도'\n| take 200\n" },
  {
    title: { ko: '시군구마다 가장 넓은 필지 3개', en: 'The 3 largest parcels in each 시군구' },
    dsl: 'parcels\n| derive 순위 = row_number() over (SGG_NM sort AREA_M2 desc)\n| where 순위 <= 3\n| select SGG_NM, PNU, AREA_M2, 순위\n',
  },
  {
    title: { ko: '지목별 면적 비율 (%)', en: 'Share of the area by 지목 (%)' },
    dsl: 'parcels\n| stats sum(AREA_M2) as 면적 by JIMOK\n| derive 비율 = round(면적 / sum(면적) over () * 100, 1)\n| sort 비율 desc\n',
  },
  {
    title: { ko: '기준 면적으로 나누기', en: 'Splitting by an area threshold' },
    dsl: "let 기준 = 1000\nparcels\n| derive 크기 = if(AREA_M2 >= $기준, '대형', '소형')\n| stats count() as 필지수 by 크기\n",
  },
  {
    title: { ko: 'SQL로 시작하기', en: 'Starting from SQL' },
    dsl: 'sql "SELECT SGG_NM, JIMOK, count(*) AS n FROM parcels GROUP BY ALL"\n| where n > 50\n| sort n desc\n',
  },
];
