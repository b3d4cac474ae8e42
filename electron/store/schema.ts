/**
 * The store's parcel columns, named as the analysts' existing Spark data names them.
 * PNU stays text: 19 digits do not survive a float64.
 */
export const PARCEL_COLUMNS = [
  ['PNU', 'VARCHAR'],
  ['BJD_CD', 'VARCHAR'],
  ['BJD_NM', 'VARCHAR'],
  ['SI_NM', 'VARCHAR'],
  ['SGG_NM', 'VARCHAR'],
  ['EMD_NM', 'VARCHAR'],
  ['RI_NM', 'VARCHAR'],
  ['SAN', 'BOOLEAN'],
  ['BONBUN', 'INTEGER'],
  ['BUBUN', 'INTEGER'],
  ['JIBUN', 'VARCHAR'],
  ['JIMOK', 'VARCHAR'],
  ['SGG_OID', 'VARCHAR'],
  ['SOURCE_DATE', 'DATE'],
  ['AREA_M2', 'DOUBLE'],
  ['geometry', 'GEOMETRY'],
  ['bbox', 'STRUCT(xmin DOUBLE, ymin DOUBLE, xmax DOUBLE, ymax DOUBLE)'],
] as const;

export type ParcelColumn = (typeof PARCEL_COLUMNS)[number][0];

/** A parcel ready to be written: geometry as WKB in EPSG:4326. */
export interface ParcelRecord {
  pnu: string;
  bjdCode: string;
  bjdName: string;
  sido: string;
  sgg: string | null;
  emd: string | null;
  ri: string | null;
  san: boolean;
  bonbun: number;
  bubun: number;
  jibun: string;
  jimok: string | null;
  sggOid: string | null;
  sourceDate: string | null;
  areaM2: number;
  wkb: Uint8Array;
  bbox: [number, number, number, number];
}

/** The store's partition key: the 5-digit 시군구 part of the bjdCode (one Parquet file each). */
export function partitionKey(bjdCode: string): string {
  return bjdCode.slice(0, 5);
}
