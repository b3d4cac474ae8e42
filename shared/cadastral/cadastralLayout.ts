/**
 * The three 연속지적도 attribute layouts, told apart by their DBF columns:
 *  - nsdi: A0 원천도형ID, A1 고유번호(PNU), A2 법정동코드, A3 법정동명, A4 지번, A5 지번+지목, A6 데이터기준일자
 *  - vworld: today's V-World download (AL_D002_<시도>_<YYYYMMDD>.zip, EPSG:5186): the NSDI columns
 *    and A7 시군구코드; large 시도 come as several pieces (.shp sets) in one archive
 *  - lsmd: LSMD_CONT_LDREG — PNU, JIBUN ('963-254도', '산12임'), BCHK, SGG_OID, COL_ADM_SE
 * The importer reads a file by its layout; the UI asks whether a dropped shapefile is a
 * cadastral import by the same test.
 */
export type CadastralSchema = 'nsdi' | 'vworld' | 'lsmd';

/** In detection order: V-World's columns are a superset of NSDI's. */
const REQUIRED: [CadastralSchema, string[]][] = [
  ['lsmd', ['PNU', 'JIBUN']],
  ['vworld', ['A1', 'A5', 'A7']],
  ['nsdi', ['A1', 'A5']],
];

/** The layout DBF columns of these names have, or null when they are not a 연속지적도's. */
export function cadastralLayout(fieldNames: readonly string[]): CadastralSchema | null {
  const names = new Set(fieldNames.map((n) => n.toUpperCase()));
  for (const [schema, columns] of REQUIRED) if (columns.every((c) => names.has(c))) return schema;
  return null;
}
