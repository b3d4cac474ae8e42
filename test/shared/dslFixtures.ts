import type { Catalog } from '../../shared/dsl/catalog';
import { PARCEL_COLUMNS } from '../../electron/store/schema';
import { columnType } from '../../electron/store/storeCatalog';

/** The store's columns as the host's catalog reports them, plus one model with Korean names. */
export const catalog: Catalog = {
  tables: [
    {
      name: 'parcels',
      kind: 'store',
      columns: [
        ['PNU', 'string'],
        ['BJD_CD', 'string'],
        ['SI_NM', 'string'],
        ['SGG_NM', 'string'],
        ['EMD_NM', 'string'],
        ['RI_NM', 'string'],
        ['SAN', 'boolean'],
        ['BONBUN', 'integer'],
        ['BUBUN', 'integer'],
        ['JIBUN', 'string'],
        ['JIMOK', 'string'],
        ['AREA_M2', 'number'],
        ['geometry', 'geometry'],
        ['bbox', 'struct'],
      ].map(([name, type]) => ({ name: name!, type: type as never })),
    },
    {
      name: '주소목록',
      kind: 'model',
      columns: [
        { name: '시도', type: 'string' },
        { name: '시군구', type: 'string' },
        { name: '본번', type: 'integer' },
        { name: '소재지', type: 'string' },
      ],
    },
  ],
};

/** The store's own columns and types, as the host's catalog describes them (SOURCE_DATE a date, BJD_CD text). */
export const storeCatalog: Catalog = {
  tables: [
    { name: 'parcels', kind: 'store', columns: PARCEL_COLUMNS.map(([name, sqlType]) => ({ name, type: columnType(sqlType) })) },
    catalog.tables[1]!,
  ],
};
