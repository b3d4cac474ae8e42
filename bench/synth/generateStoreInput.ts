import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { writeCadastralShapefile, writeVWorldArchive } from './cadastralShapefile';
import { generateSggParcels } from './parcelGenerator';

/** The download an import benchmark reads: LSMD (one shapefile per 시군구) or V-World (one archive per 시도). */
export type BenchLayout = 'lsmd' | 'vworld';

/** The whole 연속지적도 and the records per piece V-World splits a 시도 into. */
const NATIONAL_PARCELS = 39_000_000;
const VWORLD_PIECE_RECORDS = 1_000_000;

/**
 * Cached benchmark input: `parcels` synthetic parcels spread over the given 시군구 (the same
 * parcels in either layout: same counts and seeds per 시군구), 0.5% defects, as a national
 * download would be:
 *  - 'lsmd': one LSMD shapefile per 시군구, EPSG:5186, cp949
 *  - 'vworld': one AL_D002 archive per 시도 (cp949 under a .cpg saying UTF-8), split into pieces
 *    in proportion to the scale, so a 시도 has as many pieces as in the national download
 * Returns the folder; a second call with the same arguments reuses it.
 */
export async function benchShapefiles(
  table: BjdTable,
  cacheDir: string,
  sggCodes: string[],
  parcels: number,
  layout: BenchLayout = 'lsmd',
): Promise<{ dir: string; valid: number }> {
  const dir = path.join(cacheDir, `${layout}-${parcels}-${sggCodes.length}`);
  const done = path.join(dir, 'done.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as { dir: string; valid: number };
  mkdirSync(dir, { recursive: true });
  let valid = 0;
  if (layout === 'lsmd') {
    valid = await lsmdShards(dir, sggCodes, parcels);
  } else {
    const pieceRecords = Math.max(1000, Math.round((VWORLD_PIECE_RECORDS * parcels) / NATIONAL_PARCELS));
    const share = (i: number) => sggShare(parcels, sggCodes.length, i);
    const sidos = [...new Set(sggCodes.filter((_, i) => share(i) > 0).map((code) => code.slice(0, 2)))];
    for (const [k, sido] of sidos.entries()) {
      // generated as written, one 시군구 at a time: a 시도 at the national scale is millions of parcels
      const ps = function* () {
        for (const [i, code] of sggCodes.entries())
          if (code.startsWith(sido) && share(i) > 0) yield* generateSggParcels(table, code, share(i), 100 + i);
      };
      const { pieces } = await writeVWorldArchive(table, ps(), {
        dir,
        sido,
        date: '2024-06-30',
        pieceRecords,
        seed: k * 1000,
        defectRate: 0.005,
        decorateRate: 0.02,
      });
      valid += pieces.reduce((n, p) => n + p.validPnus.length, 0);
      // only the archives are the download; the pieces they were zipped from would be imported twice
      rmSync(path.dirname(pieces[0]!.base), { recursive: true, force: true });
    }
  }
  writeFileSync(done, JSON.stringify({ dir, valid }));
  return { dir, valid };
}

/** How many parcels the i-th 시군구 of a scale gets (the last ones may get fewer, or none). */
export function sggShare(parcels: number, sggCount: number, i: number): number {
  const per = Math.ceil(parcels / sggCount);
  return Math.max(0, Math.min(per, parcels - i * per));
}

/**
 * The LSMD files, written by one child process per core, each taking every n-th 시군구 (the
 * national scale is ~40 minutes of one core). Output does not depend on the split: a file's
 * parcels and defects come from its 시군구's index alone. Returns the valid records in all.
 */
async function lsmdShards(dir: string, sggCodes: string[], parcels: number): Promise<number> {
  const shards = Math.min(os.availableParallelism(), sggCodes.length);
  const script = path.join(import.meta.dirname, 'generateShard.ts');
  await Promise.all(
    Array.from(
      { length: shards },
      (_, shard) =>
        new Promise<void>((resolve, reject) => {
          const args = JSON.stringify({ dir, sggCodes, parcels, shard, shards });
          const child = spawn(process.execPath, ['--import', 'tsx', script, args], { stdio: ['ignore', 'inherit', 'inherit'] });
          child.on('error', reject);
          child.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`generating shard ${shard} of ${dir} failed (exit ${code})`)),
          );
        }),
    ),
  );
  return sggCodes.reduce(
    (n, code, i) => n + (sggShare(parcels, sggCodes.length, i) > 0 ? Number(readFileSync(sggDone(dir, code), 'utf8')) : 0),
    0,
  );
}

const lsmdName = (code: string) => `LSMD_CONT_LDREG_${code}_202406`;
/** Written once a 시군구's file is complete, with its valid record count: a rerun skips the file. */
const sggDone = (dir: string, code: string) => path.join(dir, `${lsmdName(code)}.done`);

/** One 시군구's LSMD shapefile, unless an interrupted earlier run completed it. */
export async function writeSggShapefile(table: BjdTable, dir: string, code: string, i: number, parcels: number): Promise<void> {
  if (existsSync(sggDone(dir, code))) return;
  const w = await writeCadastralShapefile(table, generateSggParcels(table, code, parcels, 100 + i), {
    dir,
    name: lsmdName(code),
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    sourceDate: '2024-06-01',
    defectRate: 0.005,
    decorateRate: 0.02,
    seed: i,
  });
  writeFileSync(sggDone(dir, code), String(w.validPnus.length));
}
