import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeVWorldArchive } from '../../bench/synth/cadastralShapefile';
import { generateSggParcels } from '../../bench/synth/parcelGenerator';
import { openEngine } from '../../electron/engine/engine';
import { importShapefiles } from '../../electron/store/import/importer';
import { attachStore } from '../../electron/store/storeCatalog';
import { bjdFile, bjdTable, tempDir } from './synthFixtures';

/**
 * Today's national download (V-World 연속지적도형정보): AL_D002_<시도>_<YYYYMMDD>.zip, columns A0–A7,
 * EPSG:5186, cp949 text under a .cpg that says UTF-8, a 시도 split into pieces in one archive.
 */
describe('import: the V-World layout (AL_D002), a lying .cpg, a 시도 in two pieces', async () => {
  const dir = tempDir('vworld');
  // 종로구 then 중구, split mid-종로구: a 시군구 spans both pieces
  const parcels = [...generateSggParcels(bjdTable, '11110', 300, 5), ...generateSggParcels(bjdTable, '11140', 200, 6)];
  const { zip, pieces } = await writeVWorldArchive(bjdTable, parcels, {
    dir,
    sido: '11',
    date: '2024-06-30',
    pieceRecords: 250,
    defectRate: 0.02,
  });
  const store = tempDir('vworld-store');
  const summary = await importShapefiles({ inputs: [zip], storeDir: store, bjdFile });
  const engine = await openEngine({ allowedDirectories: [store] });
  await attachStore(engine, store);
  const rows = (await engine.rows(
    'SELECT PNU, SGG_NM, EMD_NM, JIBUN, JIMOK, SOURCE_DATE::VARCHAR AS d, bbox.xmin AS x, bbox.ymin AS y FROM parcels',
  )) as { PNU: string; SGG_NM: string; EMD_NM: string; JIBUN: string; JIMOK: string; d: string; x: number; y: number }[];
  await engine.close();
  const valid = pieces.flatMap((p) => p.validPnus);

  it('GDAL reads the archive as written: two pieces, A0–A7, cp949 bytes under a .cpg saying UTF-8', () => {
    expect(path.basename(zip)).toBe('AL_D002_11_20240630.zip');
    const vsi = (piece: number) => `/vsizip/${zip}/AL_D002_11_20240630_${piece}.shp`;
    expect(execFileSync('ogrinfo', ['-ro', '-so', '-al', vsi(1)], { encoding: 'utf8' })).toMatch(
      /Feature Count: 250[\s\S]*A6: String[\s\S]*A7: String \(5\.0\)/,
    );
    expect(execFileSync('ogrinfo', ['-ro', '-so', '-al', vsi(2)], { encoding: 'utf8' })).toMatch(/Feature Count: 250/);
    expect(execFileSync('unzip', ['-p', zip, 'AL_D002_11_20240630_1.cpg'], { encoding: 'utf8' })).toBe('UTF-8');
    const one = execFileSync('ogrinfo', ['-ro', '-al', '-q', '-where', 'A0 = 1', '--config', 'SHAPE_ENCODING', 'CP949', vsi(1)], {
      encoding: 'utf8',
    });
    expect(one).toMatch(/A3 \(String\) = 서울특별시 종로구 \S+동/);
    expect(one).toContain('A7 (String) = 11110');
  });

  it('detects the layout, reads both pieces in one import, and says the .cpg was wrong', () => {
    expect(summary.files.map((f) => [f.file, f.schema, f.epsg, f.encoding, f.records])).toEqual([
      ['AL_D002_11_20240630.zip:AL_D002_11_20240630_1', 'vworld', 5186, 'cp949', 250],
      ['AL_D002_11_20240630.zip:AL_D002_11_20240630_2', 'vworld', 5186, 'cp949', 250],
    ]);
    for (const f of summary.files)
      expect(summary.warnings).toContain(`${f.file}: its .cpg says UTF-8 but the text is cp949; read as cp949`);
    expect(summary.imported).toBe(valid.length);
    expect(summary.rejected).toBe(pieces.reduce((n, p) => n + p.defects.length, 0));
  });

  it('PNUs exact, names in 한글 (no mojibake), 지목 and 데이터기준일자 from A5 and A6', () => {
    expect(rows.map((r) => r.PNU).sort()).toEqual([...valid].sort());
    expect(new Set(rows.map((r) => r.SGG_NM))).toEqual(new Set(['종로구', '중구']));
    const byPnu = new Map(parcels.map((p) => [p.pnu, p]));
    for (const r of rows) {
      const p = byPnu.get(r.PNU)!;
      expect([r.JIBUN, r.JIMOK, r.EMD_NM, r.d]).toEqual([p.jibun, p.jimok, bjdTable.names(p.bjdCode)!.emd, '2024-06-30']);
    }
  });

  it('places the parcels where the generator put them (EPSG:5186)', () => {
    const byPnu = new Map(parcels.map((p) => [p.pnu, p]));
    let worst = 0;
    for (const r of rows) {
      const ring = byPnu.get(r.PNU)!.polygons[0]![0]!;
      const x = Math.min(...ring.filter((_, i) => i % 2 === 0));
      const y = Math.min(...ring.filter((_, i) => i % 2 === 1));
      worst = Math.max(worst, Math.abs(r.x - x) * 88_000, Math.abs(r.y - y) * 110_574);
    }
    expect(worst).toBeLessThan(0.05);
  });
});
