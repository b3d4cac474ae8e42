import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthShapefile, tempDir } from '../store/synthFixtures';

/**
 * A full disk, a read-only store folder and a store file deleted under a running host, on a real
 * 3 MiB tmpfs in a private mount namespace (`unshare -rm`: no root needed, nothing outside the
 * test sees it). The steps run in fixtures/diskFaults.scenario.ts; here we read what they saw.
 */
/** Whether this machine lets us mount in a namespace of our own (reported as skipped where not). */
const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', tempDir('probe')]).status === 0;

describe.skipIf(!canMount)('storage faults (tmpfs in a private mount namespace)', () => {
  it('says which path failed and why, and leaves the store as it was', async () => {
    const small = await synthShapefile('11140', 200, {
      dir: tempDir('disk-small'),
      name: 'LSMD_CONT_LDREG_11140_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
      seed: 1,
    });
    const big = await synthShapefile('11110', 30_000, {
      dir: tempDir('disk-big'),
      name: 'LSMD_CONT_LDREG_11110_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
      seed: 2,
    });
    const mnt = path.join(tempDir('disk'), 'mnt');
    mkdirSync(mnt);
    const script = path.resolve(import.meta.dirname, 'fixtures/diskFaults.scenario.ts');
    const run = spawnSync(
      'unshare',
      [
        '-rm',
        'bash',
        '-c',
        'mount -t tmpfs -o size=3m tmpfs "$0" && exec "$1" --import tsx "$2" "$0" "$3" "$4"',
        mnt,
        process.execPath,
        script,
        `${small.base}.shp`,
        `${big.base}.shp`,
      ],
      { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../..'), timeout: 120_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    const store = path.join(mnt, 'store');

    // The disk fills while an import stages its rows.
    expect(r.first).toBe(200);
    expect(r.fullImport).toMatch(
      new RegExp(
        `^the disk holding the store ${store} is full \\(${store}/\\.staging/.+\\.parquet: ENOSPC: no space left on device, write\\); free some space and import again — the store is unchanged$`,
      ),
    );
    expect(r.afterFullImport).toEqual({ rows: 200, entries: ['manifest.json', 'parcels'] }); // no staging left, same manifest

    // The disk fills during an export: the file named, no partial left.
    expect(r.fullExport).toEqual({
      status: 1,
      stderr: `pilji query: cannot write ${mnt}/parcels.geojson: ENOSPC: no space left on device, write`,
    });
    expect(r.afterFullExport).toEqual([]);

    // A partition file deleted under the running host.
    const deleted = r.deletedFile as { file: string; before: boolean; query: string };
    expect(deleted.before).toBe(true);
    expect(deleted.query).toBe(
      `a store file is missing: ${store}/${deleted.file} (deleted or moved while Pilji ran?); import that region again`,
    );
    expect(r.hostStillAnswers).toBe(deleted.query); // the host is up and says the same, it did not crash

    // A read-only store folder: the import says so; queries still run; nothing changed.
    expect(r.second).toBe(200);
    expect(r.readOnlyImport).toMatch(
      new RegExp(
        `^cannot write into the store folder ${mnt}/store2 \\(EROFS: read-only file system, .+\\); import into a folder you can write to — the store is unchanged$`,
      ),
    );
    expect(r.readOnlyQuery).toBe('ok');
    expect(r.readOnlyStore).toBe(200);
    expect(r.leftovers).toBe(false);
  }, 180_000);
});
