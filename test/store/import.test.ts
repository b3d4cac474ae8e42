import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipShapefile } from '../../bench/synth/cadastralShapefile';
import { ShapefileWriter } from '../../electron/export/shapefileWriter';
import { openEngine } from '../../electron/engine/engine';
import { importShapefiles } from '../../electron/store/import/importer';
import { lockStore, StoreLockedError } from '../../electron/store/import/storeLock';
import { readManifest } from '../../electron/store/manifest';
import { attachStore } from '../../electron/store/storeCatalog';
import { bjdFile, bjdTable, synthShapefile, tempDir } from './synthFixtures';

async function query<T>(storeDir: string, sql: string): Promise<T[]> {
  const engine = await openEngine({ allowedDirectories: [storeDir] });
  try {
    await attachStore(engine, storeDir);
    return (await engine.rows(sql)) as T[];
  } finally {
    await engine.close();
  }
}

describe('import: NSDI layout, EPSG:5174, cp949 DBF without .cpg', async () => {
  const src = tempDir('nsdi');
  const store = tempDir('store-nsdi');
  const w = await synthShapefile('11110', 800, {
    dir: src,
    name: 'AL_11_D002_20240630',
    schema: 'nsdi',
    epsg: 5174,
    encoding: 'cp949',
    cpg: false,
    defectRate: 0.03,
    decorateRate: 0.1,
  });
  const summary = await importShapefiles({ inputs: [src], storeDir: store, bjdFile });

  it('detects the layout, CRS and encoding', () => {
    expect(summary.files).toEqual([
      {
        file: 'AL_11_D002_20240630',
        schema: 'nsdi',
        epsg: 5174,
        encoding: 'cp949',
        records: 800,
        imported: w.validPnus.length,
        rejected: w.defects.length,
        invalidJimok: 0,
        unclosedRings: 0,
      },
    ]);
  });

  it('stores exactly the valid parcels, named from the code table (no mojibake)', async () => {
    const rows = await query<{ PNU: string; SI_NM: string; SGG_NM: string; EMD_NM: string; JIMOK: string; SAN: boolean }>(
      store,
      'SELECT PNU, SI_NM, SGG_NM, EMD_NM, JIMOK, SAN FROM parcels ORDER BY PNU',
    );
    expect(rows.map((r) => r.PNU)).toEqual([...w.validPnus].sort());
    expect(new Set(rows.map((r) => `${r.SI_NM} ${r.SGG_NM}`))).toEqual(new Set(['서울특별시 종로구']));
    const byPnu = new Map(w.parcels.map((p) => [p.pnu, p]));
    for (const r of rows) {
      const p = byPnu.get(r.PNU)!;
      expect(r.JIMOK).toBe(p.jimok);
      expect(r.SAN).toBe(p.san);
      expect(r.EMD_NM).toBe(bjdTable.names(p.bjdCode)!.emd);
    }
  });

  it('reprojects to WGS 84 where the generator put the parcels (datum shift applied)', async () => {
    // xmin/ymin/ymax: a decorated parcel's detached second part lies to the east, inside its y-range
    const rows = await query<{ PNU: string; x: number; y0: number; y1: number }>(
      store,
      'SELECT PNU, bbox.xmin AS x, bbox.ymin AS y0, bbox.ymax AS y1 FROM parcels',
    );
    const byPnu = new Map(w.parcels.map((p) => [p.pnu, p]));
    let worst = 0;
    for (const r of rows) {
      const ring = byPnu.get(r.PNU)!.polygons[0]![0]!;
      const xs = ring.filter((_, i) => i % 2 === 0);
      const ys = ring.filter((_, i) => i % 2 === 1);
      const d = Math.max(
        Math.abs(r.x - Math.min(...xs)) * 88_000,
        Math.abs(r.y0 - Math.min(...ys)) * 110_574,
        Math.abs(r.y1 - Math.max(...ys)) * 110_574,
      );
      worst = Math.max(worst, d);
    }
    expect(rows.length).toBe(w.validPnus.length);
    expect(worst).toBeLessThan(0.05);
  });

  it('lists every bad record with file, record number and reason', () => {
    const report = readFileSync(summary.reportPath!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(report[0]).toBe('file,record,outcome,reason');
    const listed = report
      .slice(1)
      .map((l) => Number(l.split(',')[1]))
      .sort((a, b) => a - b);
    expect(listed).toEqual(w.defects.map((d) => d.record));
    const reasons = report.slice(1).join('\n');
    expect(reasons).toMatch(/malformed PNU/);
    expect(reasons).toMatch(/no geometry/);
    expect(reasons).toMatch(/duplicate PNU \d{19}/);
    expect(reasons).toMatch(/a ring has \d points/);
    expect(summary.rejected).toBe(w.defects.length);
  });

  it('writes GeoParquet 1.1 that an independent reader understands', async () => {
    const { parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
    const { compressors } = await import('hyparquet-compressors');
    const manifest = (await readManifest(store))!;
    const file = path.join(store, manifest.partitions[0]!.file);
    const buf = readFileSync(file);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const meta = await parquetMetadataAsync(ab);
    const geo = JSON.parse(meta.key_value_metadata!.find((kv) => kv.key === 'geo')!.value!);
    expect(geo).toMatchObject({
      version: '1.1.0',
      primary_column: 'geometry',
      columns: { geometry: { encoding: 'WKB', covering: { bbox: { xmin: ['bbox', 'xmin'] } } } },
    });
    expect(geo.columns.geometry.geometry_types).toEqual(expect.arrayContaining(['Polygon']));
    const rows = await parquetReadObjects({ file: ab, columns: ['PNU', 'geometry'], rowEnd: 2, compressors });
    expect(typeof rows[0]!.PNU).toBe('string');
    expect(rows[0]!.PNU).toMatch(/^\d{19}$/);
    expect(Number(meta.num_rows)).toBe(manifest.partitions[0]!.rows);
  });

  it('records sources with checksum and 데이터기준일자, partitions with counts and bounds', async () => {
    const m = (await readManifest(store))!;
    expect(m.sources[0]).toMatchObject({ file: 'AL_11_D002_20240630', sourceDate: '2024-06-30', rows: w.validPnus.length });
    expect(m.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.partitions).toHaveLength(1);
    expect(m.partitions[0]).toMatchObject({ key: '11110', sido: '서울특별시', sgg: '종로구', rows: w.validPnus.length });
    const [x0, y0, x1, y1] = m.partitions[0]!.bounds;
    // gathered while staging (one range, PNUs checked there): the same as a scan of what was written
    const [scanned] = await query<{ n: number; x0: number; y0: number; x1: number; y1: number; d: string }>(
      store,
      'SELECT count(*)::INTEGER AS n, min(bbox.xmin) AS x0, min(bbox.ymin) AS y0, max(bbox.xmax) AS x1, max(bbox.ymax) AS y1, max(SOURCE_DATE)::VARCHAR AS d FROM parcels',
    );
    expect([m.partitions[0]!.rows, x0, y0, x1, y1, m.partitions[0]!.sourceDate]).toEqual([
      scanned!.n,
      scanned!.x0,
      scanned!.y0,
      scanned!.x1,
      scanned!.y1,
      scanned!.d,
    ]);
    expect(x0).toBeGreaterThan(126.9);
    expect(x1).toBeLessThan(127.1);
    expect(y0).toBeGreaterThan(37.5);
    expect(y1).toBeLessThan(37.7);
  });
});

describe('import: LSMD layout, EPSG:5186, UTF-8 with .cpg, zipped in nested folders, legacy province codes', async () => {
  const src = tempDir('lsmd');
  const store = tempDir('store-lsmd');
  const a = await synthShapefile('51110', 300, {
    dir: path.join(src, 'a'),
    name: 'LSMD_CONT_LDREG_51110_202405',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'utf-8',
    cpg: true,
    legacyCodes: true,
  });
  const b = await synthShapefile('52111', 200, {
    dir: path.join(src, 'b'),
    name: 'LSMD_CONT_LDREG_52111_202405',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    seed: 7,
  });
  const zip = await zipShapefile(a.base, path.join(src, 'download.zip'), 'LSMD/강원/춘천');
  const summary = await importShapefiles({ inputs: [zip, `${b.base}.shp`], storeDir: store, bjdFile });

  it('reads both files and maps old 강원도 (42) codes to 강원특별자치도 (51)', async () => {
    expect(summary.files.map((f) => [f.schema, f.epsg, f.encoding, f.imported])).toEqual([
      ['lsmd', 5186, 'utf-8', 300],
      ['lsmd', 5186, 'cp949', 200],
    ]);
    expect(summary.files[0]!.file).toBe('download.zip:LSMD/강원/춘천/LSMD_CONT_LDREG_51110_202405');
    const rows = await query<{ SI_NM: string; n: bigint; p: string }>(
      store,
      'SELECT SI_NM, count(*) AS n, min(PNU) AS p FROM parcels GROUP BY 1 ORDER BY 1',
    );
    expect(rows.map((r) => [r.SI_NM, Number(r.n)])).toEqual([
      ['강원특별자치도', 300],
      ['전북특별자치도', 200],
    ]);
    expect(rows[0]!.p.startsWith('51')).toBe(true);
  });

  it('splits JIBUN into 지번 and 지목, keeps SGG_OID, dates from the file name', async () => {
    const [r] = await query<{ JIBUN: string; JIMOK: string; SGG_OID: string; SOURCE_DATE: string }>(
      store,
      `SELECT JIBUN, JIMOK, SGG_OID, SOURCE_DATE::VARCHAR AS SOURCE_DATE FROM parcels WHERE PNU = '${b.parcels[0]!.pnu}'`,
    );
    expect(r).toEqual({ JIBUN: b.parcels[0]!.jibun, JIMOK: b.parcels[0]!.jimok, SGG_OID: '100001', SOURCE_DATE: '2024-05-01' });
  });

  it('re-importing a region replaces exactly its partition', async () => {
    const before = (await readManifest(store))!;
    const again = await synthShapefile('52111', 150, {
      dir: tempDir('again'),
      name: 'LSMD_CONT_LDREG_52111_202411',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'utf-8',
      cpg: true,
      seed: 9,
    });
    await importShapefiles({ inputs: [`${again.base}.shp`], storeDir: store, bjdFile });
    const after = (await readManifest(store))!;
    expect(after.partitions.find((p) => p.key === '51110')).toEqual(before.partitions.find((p) => p.key === '51110'));
    expect(after.partitions.find((p) => p.key === '52111')!.rows).toBe(150);
    expect(after.rows).toBe(450);
    const files = readdirSync(path.join(store, 'parcels')).sort();
    expect(files).toEqual(after.partitions.map((p) => path.basename(p.file)).sort());
  });
});

describe('import: the same parcels in two files keep their first occurrence', async () => {
  const src = tempDir('dups');
  const store = tempDir('store-dups');
  // 1,200 repeats leave them out by a subquery, 40 by a listed set (storeWriter.ts): both ways are checked
  const many = await synthShapefile('11110', 1200, {
    dir: path.join(src, '1'),
    name: 'LSMD_CONT_LDREG_11110_202405',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    defectRate: 0,
    seed: 5,
  });
  const few = await synthShapefile('11140', 40, {
    dir: path.join(src, '3'),
    name: 'LSMD_CONT_LDREG_11140_202405',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    defectRate: 0,
    seed: 9,
  });
  const copy = (from: string, to: string, name: string) => {
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) copyFileSync(path.join(from, f), path.join(to, name + path.extname(f)));
  };
  copy(path.join(src, '1'), path.join(src, '2'), 'again_11110');
  copy(path.join(src, '3'), path.join(src, '4'), 'again_11140');
  const summary = await importShapefiles({ inputs: ['1', '2', '3', '4'].map((d) => path.join(src, d)), storeDir: store, bjdFile });

  it('stores each PNU once, from the first file, and reports every repeat', async () => {
    expect(summary.files.map((f) => [f.file, f.imported, f.rejected])).toEqual([
      ['LSMD_CONT_LDREG_11110_202405', 1200, 0],
      ['again_11110', 0, 1200],
      ['LSMD_CONT_LDREG_11140_202405', 40, 0],
      ['again_11140', 0, 40],
    ]);
    const rows = await query<{ PNU: string; n: bigint }>(store, 'SELECT PNU, count(*) AS n FROM parcels GROUP BY PNU');
    expect(rows.length).toBe(1240);
    expect(rows.every((r) => r.n === 1n)).toBe(true);
    expect(new Set(rows.map((r) => r.PNU))).toEqual(new Set([...many.validPnus, ...few.validPnus]));
    const report = readFileSync(summary.reportPath!, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
    expect(report.filter((l) => /^again_11110,\d+,rejected,duplicate PNU \d{19} \(the first occurrence was kept\)$/.test(l))).toHaveLength(
      1200,
    );
    expect(report.filter((l) => /^again_11140,\d+,rejected,duplicate PNU/.test(l))).toHaveLength(40);
    const m = (await readManifest(store))!;
    expect(m.partitions.map((p) => [p.key, p.rows])).toEqual([
      ['11110', 1200],
      ['11140', 40],
    ]);
    expect(m.sources.map((s) => s.rows)).toEqual([1200, 0, 40, 0]);
  });
});

describe('import refuses what it cannot read, clearly', () => {
  it('a DBF that is not a cadastral layout names the columns found', async () => {
    const dir = tempDir('other');
    const w = new ShapefileWriter({
      base: path.join(dir, 'roads'),
      fields: [
        { name: 'ROAD_NM', type: 'C', length: 20 },
        { name: 'WIDTH', type: 'N', length: 5 },
      ],
      encoding: 'utf-8',
      cpg: true,
    });
    await w.write([[[0, 0, 1, 0, 1, 1, 0, 0]]], ['x', 3]);
    await w.close();
    await expect(importShapefiles({ inputs: [dir], storeDir: tempDir('s'), bjdFile, defaultEpsg: 5186 })).rejects.toThrow(
      /not a 연속지적도 layout .* found ROAD_NM, WIDTH/,
    );
  });

  it('a file without .prj needs the CRS named', async () => {
    const dir = tempDir('noprj');
    const w = await synthShapefile('11140', 20, { dir, name: 'x', schema: 'lsmd', epsg: 5186, encoding: 'utf-8', cpg: true });
    const { rmSync } = await import('node:fs');
    rmSync(`${w.base}.prj`);
    await expect(importShapefiles({ inputs: [dir], storeDir: tempDir('s'), bjdFile })).rejects.toThrow(/no \.prj file/);
    const ok = await importShapefiles({ inputs: [dir], storeDir: tempDir('s'), bjdFile, defaultEpsg: 5186 });
    expect(ok.imported).toBe(20);
  });

  it('text that is neither UTF-8 nor cp949 is an error, not mojibake', async () => {
    const dir = tempDir('badtext');
    const w = await synthShapefile('11140', 5, { dir, name: 'x', schema: 'nsdi', epsg: 5174, encoding: 'cp949', cpg: false });
    const dbf = readFileSync(`${w.base}.dbf`);
    const at = dbf.indexOf(Buffer.from('A3')) >= 0 ? dbf.length - 200 : 0;
    dbf[at] = 0xff;
    dbf[at + 1] = 0xff;
    writeFileSync(`${w.base}.dbf`, dbf);
    await expect(importShapefiles({ inputs: [dir], storeDir: tempDir('s'), bjdFile })).rejects.toThrow(/neither UTF-8 nor cp949/);
  });

  it('an import thread that cannot start fails the import, naming why, and the store is unchanged', async () => {
    const store = tempDir('nothread');
    const w = await synthShapefile('11140', 10, { dir: tempDir('t'), name: 'x', schema: 'lsmd', epsg: 5186, encoding: 'utf-8', cpg: true });
    // the threads load the code table as they start, before they have a job
    await expect(
      importShapefiles({ inputs: [`${w.base}.shp`], storeDir: store, bjdFile: path.join(store, 'missing-codes.csv') }),
    ).rejects.toThrow(/missing-codes\.csv/);
    expect(readdirSync(store)).toEqual([]);
  });

  it('a second import into a locked store fails clearly and changes nothing', async () => {
    const store = tempDir('locked');
    const unlock = await lockStore(store);
    const w = await synthShapefile('11140', 10, { dir: tempDir('l'), name: 'x', schema: 'lsmd', epsg: 5186, encoding: 'utf-8', cpg: true });
    await expect(importShapefiles({ inputs: [`${w.base}.shp`], storeDir: store, bjdFile })).rejects.toBeInstanceOf(StoreLockedError);
    expect(existsSync(path.join(store, 'manifest.json'))).toBe(false);
    await unlock();
  });

  it('a cancelled import leaves the store as it was', async () => {
    const store = tempDir('cancel');
    const w = await synthShapefile('11140', 3000, {
      dir: tempDir('c'),
      name: 'x',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'utf-8',
      cpg: true,
    });
    const controller = new AbortController();
    await expect(
      importShapefiles({
        inputs: [`${w.base}.shp`],
        storeDir: store,
        bjdFile,
        signal: controller.signal,
        batchSize: 500,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toThrow(/cancelled/);
    expect(await readManifest(store)).toBeNull();
    expect(readdirSync(store).filter((f) => !f.startsWith('.import'))).toEqual([]);
  });
});
