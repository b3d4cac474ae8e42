import { readFileSync } from 'node:fs';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { generateSggParcels } from '../../bench/synth/parcelGenerator';
import { toRecord } from '../../bench/synth/toRecord';
import { STAGED_COLUMNS, StagedRowWriter } from '../../electron/store/stagedRows';
import type { ParcelRecord } from '../../electron/store/schema';
import { bjdTable, tempDir } from './synthFixtures';

/**
 * The import's staged Parquet (written by the project's own writer, read in production only by
 * DuckDB) read back by hyparquet, an independent pure-JS reader, value by value on every column.
 */
describe('staged Parquet files, read by hyparquet', async () => {
  // more rows than one row group (16,384), with nulls staged as '' and a 산 parcel among them
  const parcels = generateSggParcels(bjdTable, '11110', 20_000, 7);
  const records: ParcelRecord[] = parcels.map((p, i) => ({
    ...toRecord(bjdTable, p, '2024-06-30'),
    jimok: i % 5 ? p.jimok : null,
    sggOid: i % 3 ? String(100 + i) : null,
    sourceDate: i % 7 ? '2024-06-30' : null,
  }));
  const dir = tempDir('staged');
  const writer = new StagedRowWriter(dir, 't1');
  records.forEach((r, i) => writer.appendOne(r, 'AL_11_D002_20240630', i + 1, 1000 + i));
  const [staged] = await writer.close(true);
  const bytes = readFileSync(staged!.file);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);

  it('has the staged schema and two row groups', async () => {
    const meta = await parquetMetadataAsync(file);
    expect(Number(meta.num_rows)).toBe(records.length);
    expect(meta.row_groups).toHaveLength(2);
    expect(meta.schema.slice(1).map((c) => c.name)).toEqual(STAGED_COLUMNS.map((c) => c.name));
  });

  it('holds every value as staged', async () => {
    const rows = await parquetReadObjects({ file, utf8: false });
    expect(rows).toHaveLength(records.length);
    const text = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v);
    const mismatches: string[] = [];
    rows.forEach((row, i) => {
      const r = records[i]!;
      const expected: Record<string, unknown> = {
        seq: BigInt(1000 + i),
        source: 'AL_11_D002_20240630',
        record: i + 1,
        PNU: r.pnu,
        BJD_CD: r.bjdCode,
        BJD_NM: r.bjdName,
        SI_NM: r.sido,
        SGG_NM: r.sgg ?? '',
        EMD_NM: r.emd ?? '',
        RI_NM: r.ri ?? '',
        SAN: r.san,
        BONBUN: r.bonbun,
        BUBUN: r.bubun,
        JIBUN: r.jibun,
        JIMOK: r.jimok ?? '',
        SGG_OID: r.sggOid ?? '',
        SOURCE_DATE: r.sourceDate ?? '',
        AREA_M2: r.areaM2,
        xmin: r.bbox[0],
        ymin: r.bbox[1],
        xmax: r.bbox[2],
        ymax: r.bbox[3],
      };
      for (const [name, want] of Object.entries(expected)) {
        const got = text(row[name]);
        if (got !== want) mismatches.push(`row ${i} ${name}: ${String(got)} ≠ ${String(want)}`);
      }
      if (!Buffer.from(row.wkb as Uint8Array).equals(Buffer.from(r.wkb))) mismatches.push(`row ${i} wkb`);
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(records.some((r) => r.san)).toBe(true);
  });
});
