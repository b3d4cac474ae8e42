import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../electron/engine/engine';
import { importShapefiles } from '../../electron/store/import/importer';
import { readManifest } from '../../electron/store/manifest';
import { attachStore } from '../../electron/store/storeCatalog';
import { bjdFile, synthShapefile, tempDir } from './synthFixtures';

const root = path.resolve(import.meta.dirname, '../..');

async function count(storeDir: string): Promise<number> {
  const engine = await openEngine({ allowedDirectories: [storeDir] });
  try {
    await attachStore(engine, storeDir);
    return Number((await engine.rows('SELECT count(*) AS n FROM parcels'))[0]!.n);
  } finally {
    await engine.close();
  }
}

/** Starts `pilji import`, SIGKILLs it once `ready()` says the moment has come, and waits until it is gone. */
function killImportWhen(inputs: string[], store: string, ready: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/pilji.mjs'), 'import', ...inputs, '--store', store], { stdio: 'ignore' });
    const started = Date.now();
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        child.kill('SIGKILL');
      } else if (Date.now() - started > 60_000) {
        clearInterval(timer);
        child.kill('SIGKILL');
        reject(new Error('the moment to kill never came'));
      }
    }, 5);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`import finished before it could be killed (exit ${code})`));
    });
  });
}

describe('a killed import leaves the previous store intact', async () => {
  const store = tempDir('crash-store');
  const first = await synthShapefile('11140', 500, {
    dir: tempDir('crash-a'),
    name: 'first',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'utf-8',
    cpg: true,
  });
  await importShapefiles({ inputs: [`${first.base}.shp`], storeDir: store, bjdFile });
  const before = await readManifest(store);
  // big enough to take a few seconds; it replaces the same 시군구 (11140) and adds another (11110)
  const big = await synthShapefile('11140', 40_000, {
    dir: tempDir('crash-b'),
    name: 'big',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'utf-8',
    cpg: true,
    seed: 5,
  });
  const other = await synthShapefile('11110', 20_000, {
    dir: tempDir('crash-c'),
    name: 'other',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'utf-8',
    cpg: true,
    seed: 6,
  });
  const inputs = [`${big.base}.shp`, `${other.base}.shp`];
  const staging = path.join(store, '.staging');
  const stagedParquet = () =>
    existsSync(staging) &&
    readdirSync(staging).some((id) => {
      const rows = path.join(staging, id, 'rows');
      return existsSync(rows) && readdirSync(rows).some((f) => f.endsWith('.parquet'));
    });

  it.each([
    ['while reading the shapefiles', () => existsSync(staging) && readdirSync(staging).length > 0],
    ['while writing partition files', stagedParquet],
  ])('killed %s', async (_when, ready) => {
    await killImportWhen(inputs, store, ready);
    expect(await readManifest(store)).toEqual(before);
    expect(await count(store)).toBe(500);
  });

  it('the next import cleans up and succeeds', async () => {
    const s = await importShapefiles({ inputs, storeDir: store, bjdFile });
    expect(s.imported).toBe(60_000);
    expect(await count(store)).toBe(60_000);
    expect(existsSync(staging)).toBe(false);
    const live = (await readManifest(store))!.partitions.map((p) => path.basename(p.file)).sort();
    expect(readdirSync(path.join(store, 'parcels')).sort()).toEqual(live);
  });
});
