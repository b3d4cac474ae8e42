import type { BjdTable } from '../../../shared/cadastral/bjdCodes';
import { crsByEpsg } from '../crs/koreanCrs';
import { createReprojector } from '../crs/reprojector';
import type { ParcelRecord } from '../schema';
import { DbfReader } from '../shapefile/dbfReader';
import { ShpReader } from '../shapefile/shpReader';
import type { DbfEncoding } from '../shapefile/textEncoding';
import type { StagedFile, StagedRowWriter } from '../stagedRows';
import { attributeReader, type CadastralSchema } from './cadastralSchema';
import { ParcelGeometryBuilder } from './parcelGeometry';
import type { ShapefileSet } from './shapefileInputs';

/** A slice of one shapefile's records, read by one thread. */
export interface RangeJob {
  set: ShapefileSet;
  fileIndex: number;
  schema: CadastralSchema;
  epsg: number;
  encoding: DbfEncoding;
  fileDate: string | null;
  /** 0-based record range, end exclusive */
  from: number;
  to: number;
  batchSize: number;
}

export interface RejectedRecord {
  file: string;
  record: number;
  reason: string;
}

export interface RangeResult {
  records: number;
  imported: number;
  rejected: RejectedRecord[];
  /** parcels kept without their 지목 (an invalid 부호), each with its reason */
  invalidJimok: RejectedRecord[];
  /** parcels with a ring the writer left unclosed (closed on import) */
  unclosedRings: number;
  warnings: string[];
  latestDate: string | null;
  staged: StagedFile[];
}

/** Records per file index in `seq`, which orders rows for the duplicate check. */
const SEQ_STRIDE = 1e9;

/**
 * PNUs remembered per range to drop repeats here, where it costs a Set lookup. A partition staged by
 * one range that stayed under this bound needs no duplicate check when the store is written; any
 * other (repeats across ranges or files, or past the bound) is checked there.
 */
const MAX_REMEMBERED_PNUS = 1_000_000;

export function duplicatePnuReason(pnu: string): string {
  return `duplicate PNU ${pnu} (the first occurrence was kept)`;
}

/**
 * Reads records [from, to) of a shapefile: attributes, then geometry (checks, area in the source
 * CRS, reprojection, WKB: parcelGeometry.ts); good rows go to the writer, bad ones to the list.
 */
export async function readRange(
  job: RangeJob,
  table: BjdTable,
  writer: StagedRowWriter,
  onProgress: (records: number) => void,
  isCancelled: () => boolean,
): Promise<RangeResult> {
  const { set } = job;
  const crs = crsByEpsg(job.epsg)!;
  const startByte = job.from === 0 ? 100 : await ShpReader.recordOffset(set.shx!, job.from);
  const dbf = await DbfReader.open(set.dbf, job.encoding, job.from, job.to);
  const shp = await ShpReader.open(set.shp, startByte).catch(async (e: unknown) => {
    await dbf.close();
    throw e;
  });
  try {
    const readAttributes = attributeReader(job.schema, dbf, table, job.fileDate);
    const geometry = new ParcelGeometryBuilder(createReprojector(crs), !crs.tmerc);
    const rejected: RejectedRecord[] = [];
    const warnings = new Set<string>();
    let records = 0;
    let imported = 0;
    let latestDate: string | null = null;
    const seqBase = job.fileIndex * SEQ_STRIDE;
    const reject = (record: number, reason: string) => rejected.push({ file: set.label, record, reason });
    const invalidJimok: RejectedRecord[] = [];
    let unclosedRings = 0;
    const seen = new Set<string>();
    while (records < job.to - job.from) {
      const g = shp.nextBuffered() ?? (await shp.next());
      const a = dbf.nextBuffered() ?? (await dbf.next());
      if (!g && !a) break;
      records++;
      const number = job.from + records;
      if (records % job.batchSize === 0) {
        if (isCancelled()) throw new Error('cancelled');
        onProgress(records);
      }
      if (!g || !a) {
        reject(
          number,
          g
            ? 'geometry without an attribute record (.dbf is shorter than .shp)'
            : 'attribute record without a geometry (.shp is shorter than .dbf)',
        );
        continue;
      }
      if (a.deleted) continue;
      let attrs;
      try {
        attrs = readAttributes(a);
      } catch (e) {
        reject(number, (e as Error).message);
        continue;
      }
      if (!attrs.ok) {
        reject(number, attrs.reason);
        continue;
      }
      if (attrs.warning) warnings.add(attrs.warning);
      if (seen.has(attrs.value.pnu)) {
        reject(number, duplicatePnuReason(attrs.value.pnu));
        continue;
      }
      const geo = geometry.build(g.content);
      if (!geo.ok) {
        reject(number, geo.reason);
        continue;
      }
      if (attrs.invalidJimok) invalidJimok.push({ file: set.label, record: number, reason: attrs.invalidJimok });
      if (geo.unclosedRings) unclosedRings++;
      const record = attrs.value as ParcelRecord;
      if (record.sourceDate && (!latestDate || record.sourceDate > latestDate)) latestDate = record.sourceDate;
      record.areaM2 = Math.round(geo.areaM2 * 100) / 100;
      record.wkb = geo.wkb;
      record.bbox = geo.bbox;
      writer.appendOne(record, set.label, number, seqBase + number);
      if (seen.size < MAX_REMEMBERED_PNUS) seen.add(record.pnu);
      imported++;
    }
    onProgress(records);
    return {
      records,
      imported,
      rejected,
      invalidJimok,
      unclosedRings,
      warnings: [...warnings],
      latestDate,
      staged: await writer.close(seen.size < MAX_REMEMBERED_PNUS),
    };
  } finally {
    await Promise.all([dbf.close(), shp.close()]);
  }
}
