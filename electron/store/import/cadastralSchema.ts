import type { BjdTable } from '../../../shared/cadastral/bjdCodes';
import { cadastralLayout, type CadastralSchema } from '../../../shared/cadastral/cadastralLayout';
import { currentBjdCode } from '../../../shared/cadastral/bjdCodes';
import { splitJibunJimok } from '../../../shared/cadastral/jimok';
import { formatJibun, parsePnu } from '../../../shared/cadastral/pnu';
import type { ParcelRecord } from '../schema';
import type { DbfHeader, DbfReader, DbfRecord } from '../shapefile/dbfReader';
import { ImportError } from './importError';

export type { CadastralSchema };

export function detectSchema(dbf: Pick<DbfHeader, 'fields'>, label: string): CadastralSchema {
  const schema = cadastralLayout(dbf.fields.map((f) => f.name));
  if (schema) return schema;
  throw new ImportError(
    `${label}: not a 연속지적도 layout — expected NSDI columns A0..A6 (V-World: A0..A7) or LSMD columns PNU, JIBUN, BCHK, SGG_OID, ` +
      `COL_ADM_SE; found ${dbf.fields.map((f) => f.name).join(', ') || 'no columns'}`,
    'not_cadastral_layout',
  );
}

/** The attributes of one parcel, before its geometry is read. */
export type ParcelAttributes = Omit<ParcelRecord, 'areaM2' | 'wkb' | 'bbox'>;

/** `warning`: about the file (said once); `invalidJimok`: why this record's 지목 is empty (it is kept, and listed in the report). */
export type AttributeResult =
  { ok: true; value: ParcelAttributes; warning?: string; invalidJimok?: string } | { ok: false; reason: string };

export function attributeReader(schema: CadastralSchema, dbf: DbfReader, table: BjdTable, fileDate: string | null) {
  const col = (name: string) => dbf.fieldIndex(name);
  const aColumns = schema !== 'lsmd'; // NSDI and V-World
  const idx = aColumns
    ? { pnu: col('A1'), name: col('A3'), jibun: col('A4'), jibunJimok: col('A5'), date: col('A6') }
    : { pnu: col('PNU'), jibunJimok: col('JIBUN'), sggOid: col('SGG_OID') };
  const text = (r: DbfRecord, i: number | undefined) => (i === undefined || i < 0 ? null : r.text(i));
  // A file holds a few hundred 법정동 at most: look each up once.
  const places = new Map<string, { code: string; names: ReturnType<BjdTable['names']>; name: string | null }>();
  const place = (written: string) => {
    let p = places.get(written);
    if (!p) {
      // the code in use today: the table's successor of an abolished code (군위군's 리 were
      // renumbered when it moved to 대구, so a prefix rewrite could name no place or another);
      // an abolished code without one stays as written; any other gets the province renames
      const code = table.get(written)?.active === false ? (table.successor(written) ?? written) : currentBjdCode(written);
      p = { code, names: table.names(code), name: table.get(code)?.name ?? null };
      places.set(written, p);
    }
    return p;
  };

  return (r: DbfRecord): AttributeResult => {
    const raw = text(r, idx.pnu);
    if (!raw) return { ok: false, reason: 'PNU is empty' };
    const parsed = parsePnu(raw);
    if (!parsed) return { ok: false, reason: `malformed PNU '${raw}' (expected 19 digits: 법정동코드 10 + 산 1 + 본번 4 + 부번 4)` };
    const { code: bjdCode, names, name } = place(parsed.bjdCode);
    const pnu = bjdCode === parsed.bjdCode ? raw : bjdCode + raw.slice(10);
    const jibunJimok = text(r, idx.jibunJimok) ?? '';
    const { jibun: jibunPart, jimok, invalidSymbol } = splitJibunJimok(jibunJimok);
    let warning: string | undefined;
    if (!names) warning = `법정동 code ${parsed.bjdCode} is not in the code table; names left empty (import a newer 법정동코드 file)`;
    const date = aColumns ? normalizeDate(text(r, idx.date)) : fileDate;
    return {
      ok: true,
      warning,
      invalidJimok:
        invalidSymbol === undefined
          ? undefined
          : `invalid 지목 부호 '${invalidSymbol}' in '${jibunJimok}' (not one of the 28 부호); the parcel is kept with 지목 empty`,
      value: {
        pnu,
        bjdCode,
        bjdName: name ?? text(r, idx.name) ?? '',
        sido: names?.sido ?? '',
        sgg: names?.sgg ?? null,
        emd: names?.emd ?? null,
        ri: names?.ri ?? null,
        san: parsed.san,
        bonbun: parsed.bonbun,
        bubun: parsed.bubun,
        jibun: (aColumns ? text(r, idx.jibun) : null) ?? (jibunPart || formatJibun(parsed)),
        jimok,
        sggOid: schema === 'lsmd' ? text(r, idx.sggOid) : null,
        sourceDate: date,
      },
    };
  };
}

/** '2017-08-31', '20170831', '2017/08/31' → '2017-08-31'; anything else → null. */
export function normalizeDate(s: string | null): string | null {
  const m = s && /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})$/.exec(s.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** LSMD files carry their date in the name: LSMD_CONT_LDREG_11110_202405.shp → 2024-05-01. */
export function dateFromFileName(name: string): string | null {
  const m = /(?:^|[_-])((?:19|20)\d{2})(\d{2})(\d{2})?(?=[_.-]|$)/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3] ?? '01'}` : null;
}
