import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_FAILURE_REASONS } from '../../shared/api/importFailure';
import { errorReason } from '../../electron/host/errorReason';
import { importShapefiles } from '../../electron/store/import/importer';
import { findShapefileSets } from '../../electron/store/import/shapefileInputs';
import { MESSAGES, sayIn } from '../../renderer/src/i18n';
import { bjdFile, synthShapefile, tempDir } from './synthFixtures';
import { zipBuffers } from './zipFixtures';

const HANGUL = /[가-힣]/;

describe('every cause an import can fail with has the UI’s words', () => {
  it('words each code in Korean and English, also as a log line’s detail', () => {
    const missing = IMPORT_FAILURE_REASONS.filter(
      (code) => !(`importReason_${code}` in MESSAGES.ko) || !(`importReason_${code}` in MESSAGES.en),
    );
    expect(missing).toEqual([]);
    for (const code of IMPORT_FAILURE_REASONS) {
      const key = `importReason_${code}` as keyof typeof MESSAGES.ko;
      expect(MESSAGES.ko[key], code).toMatch(HANGUL);
      expect(MESSAGES.en[key], code).toMatch(/^[A-Z]/);
      expect(MESSAGES.en[key], code).not.toBe(MESSAGES.ko[key]);
      expect(sayIn('ko', { key: 'importEnded', params: { state: 'phase_failed', detail: key } })).toBe(
        `가져오기 실패: ${MESSAGES.ko[key]}`,
      );
    }
  });

  /** The code a real failure carries (what the host sends as JobInfo.errorReason), checked against the list. */
  async function reasonOf(failing: Promise<unknown>): Promise<string | null> {
    const e = await failing.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e, 'it should have failed').toBeInstanceOf(Error);
    const reason = errorReason(e);
    expect(IMPORT_FAILURE_REASONS).toContain(reason);
    return reason;
  }

  it('gives those codes on real failures, of inputs made by other writers where they matter', async () => {
    const dir = tempDir('reasons');
    const a = await synthShapefile('11110', 20, {
      dir: path.join(dir, 'a'),
      name: 'LSMD_CONT_LDREG_11110_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
    });
    const scratch = () => tempDir('reasons-scratch');
    const store = tempDir('reasons-store');
    expect(await reasonOf(findShapefileSets([path.join(dir, 'nothing-here')], scratch()))).toBe('input_missing');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a shapefile');
    expect(await reasonOf(findShapefileSets([path.join(dir, 'notes.txt')], scratch()))).toBe('input_not_shapefile');
    mkdirSync(path.join(dir, 'empty'));
    expect(await reasonOf(findShapefileSets([path.join(dir, 'empty')], scratch()))).toBe('input_no_shapefiles');
    mkdirSync(path.join(dir, 'half'));
    copyFileSync(`${a.base}.shp`, path.join(dir, 'half', 'x.shp'));
    expect(await reasonOf(findShapefileSets([path.join(dir, 'half', 'x.shp')], scratch()))).toBe('input_incomplete_set');
    // Info-ZIP's zip with a password (ZipCrypto), as 알집 and Explorer write protected archives
    const locked = path.join(dir, 'locked.zip');
    execFileSync('zip', ['-q', '-j', '-P', 'secret', locked, `${a.base}.shp`, `${a.base}.dbf`, `${a.base}.shx`, `${a.base}.prj`]);
    expect(await reasonOf(importShapefiles({ inputs: [locked], storeDir: store, bjdFile }))).toBe('zip_encrypted');
    let nested = await zipBuffers(path.join(dir, 'n0.zip'), { 'a.shp': readFileSync(`${a.base}.shp`) });
    for (let depth = 1; depth <= 3; depth++)
      nested = await zipBuffers(path.join(dir, `n${depth}.zip`), { [`n${depth - 1}.zip`]: readFileSync(nested) });
    expect(await reasonOf(findShapefileSets([nested], scratch()))).toBe('zip_too_deep');
    writeFileSync(path.join(dir, 'broken.zip'), 'PK but not really a zip');
    expect(await reasonOf(importShapefiles({ inputs: [path.join(dir, 'broken.zip')], storeDir: store, bjdFile }))).toBe('zip_unreadable');
    const noPrj = await synthShapefile('11110', 20, {
      dir: path.join(dir, 'noprj'),
      name: 'x',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
    });
    rmSync(`${noPrj.base}.prj`);
    expect(await reasonOf(importShapefiles({ inputs: [`${noPrj.base}.shp`], storeDir: store, bjdFile }))).toBe('no_prj');
  });
});
