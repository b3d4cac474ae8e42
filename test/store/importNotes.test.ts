import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWkb } from '../../shared/geo/wkb';
import { openEngine } from '../../electron/engine/engine';
import { importShapefiles } from '../../electron/store/import/importer';
import { attachStore } from '../../electron/store/storeCatalog';
import { bjdFile, tempDir } from './synthFixtures';

/**
 * Parcels that are kept but not as written, each said in the report and counted in the result:
 * a 지목 부호 that is none of the 28, and a ring its writer left unclosed. The file is written by
 * GDAL (ogr2ogr from WKT), which writes unclosed rings as it is given them.
 */
const square = (x: number, y: number, closed = true) => {
  const ring = [
    [x, y],
    [x, y + 20],
    [x + 20, y + 20],
    [x + 20, y],
  ];
  return `POLYGON ((${[...ring, ...(closed ? [ring[0]!] : [])].map((p) => p.join(' ')).join(',')}))`;
};

describe('import: an invalid 지목 부호 and an unclosed ring (a GDAL-written LSMD file)', async () => {
  const src = tempDir('notes-src');
  const csv = path.join(src, 'parcels.csv');
  writeFileSync(
    csv,
    [
      'PNU,JIBUN,BCHK,SGG_OID,COL_ADM_SE,WKT',
      `1111010100100010000,1대,1,1,11110,"${square(198000, 553000)}"`,
      `1111010100101460008,146-8하,1,2,11110,"${square(198100, 553000)}"`, // 하천's 부호 is 천
      `1111010100100030000,3전,1,3,11110,"${square(198200, 553000, false)}"`,
    ].join('\n') + '\n',
  );
  const shp = path.join(src, 'LSMD_CONT_LDREG_11110_202406.shp');
  execFileSync(
    'ogr2ogr',
    ['-a_srs', 'EPSG:5186', '-lco', 'ENCODING=UTF-8', '-oo', 'GEOM_POSSIBLE_NAMES=WKT', '-oo', 'KEEP_GEOM_COLUMNS=NO', shp, csv],
    { stdio: 'pipe' },
  );
  const store = tempDir('notes-store');
  const summary = await importShapefiles({ inputs: [shp], storeDir: store, bjdFile });
  const engine = await openEngine({ allowedDirectories: [store] });
  await attachStore(engine, store);
  const rows = (await engine.rows('SELECT PNU, JIBUN, JIMOK, geometry FROM parcels ORDER BY PNU')) as {
    PNU: string;
    JIBUN: string;
    JIMOK: string | null;
    geometry: Uint8Array;
  }[];
  await engine.close();

  it('keeps all three parcels and counts what it changed, rejecting none', () => {
    expect(summary).toMatchObject({ imported: 3, rejected: 0, invalidJimok: 1, unclosedRings: 1 });
    expect(summary.files[0]).toMatchObject({ records: 3, imported: 3, rejected: 0, invalidJimok: 1, unclosedRings: 1 });
    expect(rows.map((r) => [r.PNU, r.JIBUN, r.JIMOK])).toEqual([
      ['1111010100100010000', '1', '대'],
      ['1111010100100030000', '3', '전'],
      ['1111010100101460008', '146-8', null],
    ]);
  });

  it('lists the invalid 지목 부호 in the report, with its record and reason', () => {
    const report = readFileSync(summary.reportPath!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(report).toEqual([
      'file,record,outcome,reason',
      "LSMD_CONT_LDREG_11110_202406,2,kept,invalid 지목 부호 '하' in '146-8하' (not one of the 28 부호); the parcel is kept with 지목 empty",
    ]);
  });

  it('closes the unclosed ring and says so once for the file', () => {
    const ring = readWkb(rows[1]!.geometry).polygons[0]![0]!;
    expect(ring.length).toBe(10); // 4 points + the first again
    expect(ring.slice(-2)).toEqual(ring.slice(0, 2));
    expect(summary.warnings).toContain(
      'LSMD_CONT_LDREG_11110_202406: 1 parcels had a ring whose last point did not repeat its first (not closed); closed on import',
    );
  });
});
