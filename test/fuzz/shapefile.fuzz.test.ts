import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { crsFromPrj } from '../../electron/store/crs/prjParser';
import { detectSchema } from '../../electron/store/import/cadastralSchema';
import { importShapefiles } from '../../electron/store/import/importer';
import { readRange } from '../../electron/store/import/rangeReader';
import { findShapefileSets } from '../../electron/store/import/shapefileInputs';
import { readManifest } from '../../electron/store/manifest';
import { DbfReader } from '../../electron/store/shapefile/dbfReader';
import { ShpReader } from '../../electron/store/shapefile/shpReader';
import { StagedRowWriter } from '../../electron/store/stagedRows';
import { bjdFile, bjdTable, synthShapefile, tempDir } from '../store/synthFixtures';
import { fuzzParams, fuzzTimeout } from './fuzzConfig';

/**
 * Damaged shapefiles (bytes overwritten in headers, records and the index; files cut short):
 * reading either finishes, with each bad record listed by number and reason, or stops with an
 * error naming the file. Never an unlocated TypeError/RangeError, a hang or a huge allocation.
 */
const EXTS = ['shp', 'shx', 'dbf'] as const;
let original: Record<(typeof EXTS)[number], Buffer>;
let base: string;
const RECORDS = 40;

beforeAll(async () => {
  const w = await synthShapefile('11140', RECORDS, {
    dir: tempDir('fuzz-shp-src'),
    name: 'LSMD_CONT_LDREG_11140_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: false,
    seed: 3,
  });
  base = w.base;
  original = { shp: readFileSync(`${base}.shp`), shx: readFileSync(`${base}.shx`), dbf: readFileSync(`${base}.dbf`) };
});

/** Edits to one of the three files: [file, offset, byte] overwrites, then an optional cut. */
const damage = fc.record({
  edits: fc.array(
    fc.tuple(
      fc.constantFrom(...EXTS),
      fc.oneof(fc.nat({ max: 120 }), fc.nat()),
      fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0, 0x7f, 0x80, 0xff)),
    ),
    { minLength: 1, maxLength: 8 },
  ),
  cut: fc.option(fc.tuple(fc.constantFrom(...EXTS), fc.nat()), { nil: null }),
});

function writeDamaged(dir: string, d: { edits: [string, number, number][]; cut: [string, number] | null }): void {
  for (const ext of EXTS) {
    const b = Buffer.from(original[ext]);
    for (const [file, at, v] of d.edits) if (file === ext) b[at % b.length] = v;
    const end = d.cut && d.cut[0] === ext ? d.cut[1] % (b.length + 1) : b.length;
    writeFileSync(path.join(dir, `x.${ext}`), b.subarray(0, end));
  }
  copyFileSync(`${base}.prj`, path.join(dir, 'x.prj'));
}

/** The importer's reading, in this thread: plan (layout, CRS, encoding), then every record. */
async function readInProcess(dir: string) {
  const [set] = await findShapefileSets([dir], path.join(dir, 'scratch'));
  const crs = crsFromPrj(readFileSync(set!.prj!, 'utf8'));
  const dbf = await DbfReader.open(set!.dbf, null);
  const plan = await Promise.resolve()
    .then(() => ({ schema: detectSchema(dbf, set!.label), encoding: dbf.encoding, records: dbf.recordCount }))
    .finally(() => dbf.close());
  const writer = new StagedRowWriter(path.join(dir, 'rows'), 't');
  try {
    const result = await readRange(
      {
        set: set!,
        fileIndex: 0,
        schema: plan.schema,
        epsg: crs.epsg,
        encoding: plan.encoding,
        fileDate: null,
        from: 0,
        to: plan.records,
        batchSize: 1000,
      },
      bjdTable,
      writer,
      () => undefined,
      () => false,
    );
    return { ...result, planned: plan.records };
  } finally {
    writer.destroy();
  }
}

const located = (e: unknown, dir: string) => {
  expect(e).toBeInstanceOf(Error);
  const message = (e as Error).message;
  expect(e, message).not.toBeInstanceOf(TypeError);
  expect(e, message).not.toBeInstanceOf(RangeError);
  expect(message.includes(dir) || /(^|[\s/'(])x(\.(shp|shx|dbf|prj))?([:\s,)']|$)/.test(message), message).toBe(true); // names the file (label 'x')
};

describe('fuzz: SHP/DBF reading', () => {
  const runs = 300;
  it(
    `${runs}× damaged files read with bad records listed, or fail naming the file`,
    async () => {
      const outcomes = { read: 0, failed: 0 };
      await fc.assert(
        fc.asyncProperty(damage, async (d) => {
          const dir = tempDir('fuzz-shp');
          try {
            writeDamaged(dir, d);
            mkdirSync(path.join(dir, 'rows'));
            let r;
            try {
              r = await readInProcess(dir);
            } catch (e) {
              outcomes.failed++;
              located(e, dir);
              return;
            }
            outcomes.read++;
            expect(r.imported + r.rejected.length).toBeLessThanOrEqual(r.records);
            for (const x of r.rejected) {
              expect(x.record).toBeGreaterThanOrEqual(1);
              expect(x.record).toBeLessThanOrEqual(Math.max(r.planned, r.records));
              expect(x.reason.trim()).not.toBe('');
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        fuzzParams(runs),
      );
      expect(outcomes.read).toBeGreaterThan(0);
      expect(outcomes.failed).toBeGreaterThan(0);
    },
    fuzzTimeout(runs, 20),
  );

  // Found by this fuzzer: a length near 2^31 words made the reader ask fs.read for more than an
  // int32 of bytes, and Node aborted the whole process on a native assertion.
  it('a record declaring 4 GiB stops with the file named; so does an index pointing outside the file', async () => {
    const dir = tempDir('fuzz-big');
    writeDamaged(dir, { edits: [0x7f, 0xff, 0xff, 0xff].map((b, i): [string, number, number] => ['shp', 104 + i, b]), cut: null });
    mkdirSync(path.join(dir, 'rows'));
    await expect(readInProcess(dir)).rejects.toThrow(/x\.shp: file ends inside record 1$/);
    const shp = path.join(dir, 'x.shp');
    for (const offset of [0xfffffffe, 40, -2])
      await expect(ShpReader.open(shp, offset)).rejects.toThrow(/x\.shp: the index \(\.shx\) points to byte -?\d+, outside the \.shp/);
  });

  const imports = 6;
  it(
    `${imports}× through the importer (threads, DuckDB): the store is the old one or a whole new one`,
    async () => {
      const store = tempDir('fuzz-store');
      await importShapefiles({ inputs: [`${base}.shp`], storeDir: store, bjdFile });
      const before = await readManifest(store);
      await fc.assert(
        fc.asyncProperty(damage, async (d) => {
          const dir = tempDir('fuzz-imp');
          writeDamaged(dir, d);
          const prior = await readManifest(store);
          try {
            const s = await importShapefiles({ inputs: [dir], storeDir: store, bjdFile });
            expect(s.imported + s.rejected).toBeGreaterThan(0);
            expect((await readManifest(store))!.rows).toBeGreaterThan(0);
          } catch (e) {
            located(e, dir);
            expect(await readManifest(store)).toEqual(prior);
          }
          expect(existsSync(path.join(store, '.staging'))).toBe(false);
          const live = new Set((await readManifest(store))!.partitions.map((p) => path.basename(p.file)));
          expect(readdirSync(path.join(store, 'parcels')).filter((f) => !live.has(f))).toEqual([]);
          rmSync(dir, { recursive: true, force: true });
        }),
        fuzzParams(imports),
      );
      expect(before!.rows).toBe(RECORDS);
    },
    fuzzTimeout(imports, 5000),
  );
});
