import path from 'node:path';
import { emptyBounds, flatBounds } from '../../shared/geo/flatBounds';
import { ParquetWriter, type ParquetColumn } from './parquet/parquetWriter';
import { partitionKey, type ParcelRecord } from './schema';

/** Rows per staged row group. */
const GROUP_ROWS = 16_384;

/** The staged columns; text that may be null is staged as '' (see NULLABLE_TEXT). */
export const STAGED_COLUMNS: ParquetColumn[] = [
  { name: 'seq', type: 'int64' },
  { name: 'source', type: 'string' },
  { name: 'record', type: 'int32' },
  { name: 'PNU', type: 'string' },
  { name: 'BJD_CD', type: 'string' },
  { name: 'BJD_NM', type: 'string' },
  { name: 'SI_NM', type: 'string' },
  { name: 'SGG_NM', type: 'string' },
  { name: 'EMD_NM', type: 'string' },
  { name: 'RI_NM', type: 'string' },
  { name: 'SAN', type: 'boolean' },
  { name: 'BONBUN', type: 'int32' },
  { name: 'BUBUN', type: 'int32' },
  { name: 'JIBUN', type: 'string' },
  { name: 'JIMOK', type: 'string' },
  { name: 'SGG_OID', type: 'string' },
  { name: 'SOURCE_DATE', type: 'string' },
  { name: 'AREA_M2', type: 'double' },
  { name: 'wkb', type: 'binary' },
  { name: 'xmin', type: 'double' },
  { name: 'ymin', type: 'double' },
  { name: 'xmax', type: 'double' },
  { name: 'ymax', type: 'double' },
];

export const NULLABLE_TEXT = new Set(['SGG_NM', 'EMD_NM', 'RI_NM', 'JIMOK', 'SGG_OID', 'SOURCE_DATE']);

/** A staged column's position, looked up by name once at load: the list above is the one source. */
function column(name: string): number {
  const i = STAGED_COLUMNS.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no staged column '${name}'`);
  return i;
}

// module constants, so appendOne indexes as fast as with literals (destructuring 23 values per row showed in profiles)
const SEQ = column('seq'),
  SOURCE = column('source'),
  RECORD = column('record'),
  PNU = column('PNU'),
  BJD_CD = column('BJD_CD');
const BJD_NM = column('BJD_NM'),
  SI_NM = column('SI_NM'),
  SGG_NM = column('SGG_NM'),
  EMD_NM = column('EMD_NM'),
  RI_NM = column('RI_NM');
const SAN = column('SAN'),
  BONBUN = column('BONBUN'),
  BUBUN = column('BUBUN'),
  JIBUN = column('JIBUN'),
  JIMOK = column('JIMOK');
const SGG_OID = column('SGG_OID'),
  SOURCE_DATE = column('SOURCE_DATE'),
  AREA_M2 = column('AREA_M2'),
  WKB = column('wkb');
const XMIN = column('xmin'),
  YMIN = column('ymin'),
  XMAX = column('xmax'),
  YMAX = column('ymax');

export interface StagedFile {
  key: string;
  file: string;
  geometryTypes: string[];
  facts: StagedFacts;
  /** the writer's caller saw to it that no PNU repeats in this file */
  distinctPnus: boolean;
}

/** What the store's manifest needs of a partition, gathered while staging (no scan afterwards). */
export interface StagedFacts {
  rows: number;
  bounds: [number, number, number, number];
  sido: string;
  sgg: string | null;
  /** the latest SOURCE_DATE */
  sourceDate: string | null;
}

type Partition = { writer: ParquetWriter; types: Set<string>; facts: StagedFacts };

/**
 * Parcels staged as uncompressed Parquet, one file per 시군구 partition: writing them from
 * JavaScript is cheap (bytes, no text formatting), several writers (one per thread) can fill one
 * staging folder, and DuckDB reads them directly. `seq` orders rows for the duplicate check.
 */
export class StagedRowWriter {
  private readonly partitions = new Map<string, Partition>();
  /** UTF-8 bytes of the names, dates and sources that repeat on every row of a place */
  private readonly encoded = new Map<string, Buffer>();

  constructor(
    private readonly dir: string,
    /** distinguishes this writer's files from other writers' in the same folder */
    private readonly tag: string,
  ) {}

  /** Stages one parcel; its WKB is copied, so the caller may reuse that buffer. */
  appendOne(p: ParcelRecord, source: string, recordNumber: number, seq: number): void {
    const key = partitionKey(p.bjdCode);
    let part = this.partitions.get(key);
    if (!part) {
      const facts: StagedFacts = { rows: 0, bounds: emptyBounds(), sido: p.sido, sgg: null, sourceDate: null };
      part = { writer: new ParquetWriter(path.join(this.dir, `${key}-${this.tag}.parquet`), STAGED_COLUMNS), types: new Set(), facts };
      this.partitions.set(key, part);
    }
    const v = part.writer.values;
    v[SEQ]!.int64(seq);
    v[SOURCE]!.binary(this.bytes(source));
    v[RECORD]!.int32(recordNumber);
    v[PNU]!.string(p.pnu);
    v[BJD_CD]!.string(p.bjdCode);
    v[BJD_NM]!.binary(this.bytes(p.bjdName));
    v[SI_NM]!.binary(this.bytes(p.sido));
    v[SGG_NM]!.binary(this.bytes(p.sgg ?? ''));
    v[EMD_NM]!.binary(this.bytes(p.emd ?? ''));
    v[RI_NM]!.binary(this.bytes(p.ri ?? ''));
    v[SAN]!.boolean(p.san);
    v[BONBUN]!.int32(p.bonbun);
    v[BUBUN]!.int32(p.bubun);
    v[JIBUN]!.string(p.jibun);
    v[JIMOK]!.binary(this.bytes(p.jimok ?? ''));
    v[SGG_OID]!.string(p.sggOid ?? '');
    v[SOURCE_DATE]!.binary(this.bytes(p.sourceDate ?? ''));
    v[AREA_M2]!.double(p.areaM2);
    v[WKB]!.binary(p.wkb);
    v[XMIN]!.double(p.bbox[0]);
    v[YMIN]!.double(p.bbox[1]);
    v[XMAX]!.double(p.bbox[2]);
    v[YMAX]!.double(p.bbox[3]);
    part.types.add(p.wkb[1] === 6 ? 'MultiPolygon' : 'Polygon');
    const { facts } = part;
    facts.rows++;
    flatBounds(p.bbox, 0, 2, facts.bounds); // the parcel's two corners
    if (!facts.sgg && p.sgg) facts.sgg = p.sgg;
    if (p.sourceDate && (!facts.sourceDate || p.sourceDate > facts.sourceDate)) facts.sourceDate = p.sourceDate;
    if (part.writer.pending >= GROUP_ROWS) part.writer.flushRowGroup();
  }

  private bytes(text: string): Buffer {
    let b = this.encoded.get(text);
    if (!b) {
      if (this.encoded.size >= 10_000) this.encoded.clear(); // bounded, whatever the input
      b = Buffer.from(text, 'utf8');
      this.encoded.set(text, b);
    }
    return b;
  }

  /** `distinctPnus`: the caller checked that no PNU was appended twice. */
  async close(distinctPnus = false): Promise<StagedFile[]> {
    const out: StagedFile[] = [];
    for (const [key, part] of this.partitions) {
      part.writer.close();
      out.push({ key, file: part.writer.path, geometryTypes: [...part.types], facts: part.facts, distinctPnus });
    }
    return out;
  }

  destroy(): void {
    for (const part of this.partitions.values()) part.writer.destroy();
  }
}
