import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthShapefile, tempDir } from './synthFixtures';

/** GDAL (ogrinfo) reads what the generator writes, so generator and importer cannot share a bug. */
const ogrinfo = (...args: string[]) => execFileSync('ogrinfo', args, { encoding: 'utf8' });

describe('synthetic shapefiles, checked by GDAL', () => {
  it('NSDI layout, EPSG:5174, cp949 without .cpg', async () => {
    const dir = tempDir('gdal-nsdi');
    const w = await synthShapefile('11110', 300, {
      dir,
      name: 'AL_11110',
      schema: 'nsdi',
      epsg: 5174,
      encoding: 'cp949',
      cpg: false,
      decorateRate: 0.2,
    });
    const summary = ogrinfo('-so', '-al', `${w.base}.shp`);
    expect(summary).toMatch(/Feature Count: 300/);
    expect(summary).toMatch(/Geometry: Polygon/);
    expect(summary).toMatch(/Korea Modified Central Belt/);
    expect(summary).toMatch(/A1: String \(19\.0\)/);
    // GDAL decodes the cp949 text when told the encoding
    const one = execFileSync('ogrinfo', ['-al', '-q', '-where', 'A0 = 1', '--config', 'SHAPE_ENCODING', 'CP949', `${w.base}.shp`], {
      encoding: 'utf8',
    });
    expect(one).toMatch(/A3 \(String\) = 서울특별시 종로구 \S+동/);
    expect(one).toContain(`A1 (String) = ${w.parcels[0]!.pnu}`);
    expect(one).toMatch(/(MULTI)?POLYGON \(\(/);
  });

  it('LSMD layout, EPSG:5186, UTF-8 with .cpg, with defects', async () => {
    const dir = tempDir('gdal-lsmd');
    const w = await synthShapefile('51110', 400, {
      dir,
      name: 'LSMD_CONT_LDREG_51110_202405',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'utf-8',
      cpg: true,
      defectRate: 0.05,
    });
    const summary = ogrinfo('-so', '-al', path.join(dir, 'LSMD_CONT_LDREG_51110_202405.shp'));
    expect(summary).toMatch(/Feature Count: 400/);
    expect(summary).toMatch(/Korea Central Belt 2010/);
    expect(summary).toMatch(/JIBUN: String/);
    expect(w.defects.length).toBeGreaterThan(5);
    expect(w.defects.some((d) => d.kind === 'degenerate-geometry')).toBe(true);
    // every ring closed, the degenerate defects too: GDAL reads every feature without a warning
    const all = spawnSync('ogrinfo', ['-al', '-q', path.join(dir, 'LSMD_CONT_LDREG_51110_202405.shp')], { encoding: 'utf8' });
    expect(all.stdout).toMatch(/POLYGON/);
    expect(all.stderr).not.toMatch(/Non closed ring/);
    expect(all.stderr).toBe('');
  });
});
