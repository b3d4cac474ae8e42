import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { benchShapefiles } from '../../bench/synth/generateStoreInput';
import { bjdTable, tempDir } from '../store/synthFixtures';

it('a rerun after an interrupted generation writes only the unfinished 시군구 files, as the first run wrote them', async () => {
  const cache = tempDir('bench-input');
  const codes = ['11110', '11140', '26110'];
  const first = await benchShapefiles(bjdTable, cache, codes, 900);
  const file = (code: string, ext: string) => path.join(first.dir, `LSMD_CONT_LDREG_${code}_202406.${ext}`);
  const whole = readFileSync(file('11140', 'shp'));
  const finished = statSync(file('11110', 'shp')).mtimeMs;
  // killed while writing 11140: its .shp cut short, neither it nor the whole input marked done
  rmSync(path.join(first.dir, 'done.json'));
  rmSync(file('11140', 'done'));
  writeFileSync(file('11140', 'shp'), whole.subarray(0, 100));

  const second = await benchShapefiles(bjdTable, cache, codes, 900);
  expect(second).toEqual(first);
  expect(readFileSync(file('11140', 'shp')).equals(whole)).toBe(true);
  expect(statSync(file('11110', 'shp')).mtimeMs).toBe(finished);
  // 900 parcels, 0.5% of them given a defect
  expect(first.valid).toBeGreaterThan(880);
  expect(first.valid).toBeLessThan(900);
});
