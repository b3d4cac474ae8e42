import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createClient } from '../shared/api/client';
import type { ImportResult, JobInfo } from '../shared/api/contract';
import { synthShapefile, tempDir } from '../test/store/synthFixtures';

/**
 * The built desktop host (dist/electron/desktopHost.cjs, what Electron's utility process runs),
 * with its bundled import workers (45,000 records: two .shx ranges): started as Electron would,
 * minus Electron.
 */
test('the bundled desktop host serves the app and imports through its bundled worker', async ({ page }) => {
  const root = path.resolve(import.meta.dirname, '..');
  const token = 'desktop-test-token-0123456789';
  const child = spawn(process.execPath, [path.join(root, 'dist/electron/desktopHost.cjs')], {
    env: { ...process.env, PILJI_ROOT: root, PILJI_TOKEN: token, PILJI_WORKSPACE: tempDir('desktop-ws') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        const line = d
          .toString()
          .split('\n')
          .find((l) => l.startsWith('{"url"'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.on('exit', (code) => reject(new Error(`desktop host exited ${code}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = createClient({ baseUrl: url, token }, (u, i) => fetch(u, i as RequestInit));
    expect(await client.health()).toMatchObject({ ok: true, mode: 'desktop' });

    const dir = tempDir('desktop-src');
    const w = await synthShapefile('11140', 45_000, {
      dir,
      name: 'LSMD_CONT_LDREG_11140_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
    });
    const { uploadId } = await client.createUpload();
    for (const f of readdirSync(dir))
      await client.uploadFile(uploadId, f, new Blob([await import('node:fs').then((fs) => fs.readFileSync(path.join(dir, f)))]));
    let job: JobInfo = await client.startImport({ uploadId });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 200));
      job = await client.job(job.id);
    }
    expect(job.error).toBeNull();
    expect((job.result as ImportResult).imported).toBe(w.validPnus.length);
    await client.setActiveStore('workspace'); // an import offers the switch; the analyst takes it
    expect((await client.catalog()).store!.rows).toBe(w.validPnus.length);

    await page.goto(`${url}/?token=${token}`);
    await expect(page.getByTestId('store-status')).toContainText('서울특별시 중구');
  } finally {
    child.kill();
  }
});
