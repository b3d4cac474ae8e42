import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { startOwnServer, typeAndRun } from './helpers';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('the page survives a host crash: says so, fails the query clearly, and reconnects without a reload', async ({ page }) => {
  const port = await freePort();
  const token = 'reconnect-test-token-0123456789abcdef';
  let host = await startOwnServer({ port, token });
  await page.goto(host.openUrl);
  const status = page.getByTestId('status');
  await expect(status).toContainText('연결됨');
  const loads: string[] = [];
  page.on('load', () => loads.push(page.url()));

  host.stop(); // SIGKILL: no goodbye
  await expect(status).toContainText('호스트 연결 끊김', { timeout: 15_000 });
  await typeAndRun(page, 'parcels | take 5');
  await expect(page.getByTestId('message')).toContainText('호스트 연결이 끊겨 쿼리가 실패했습니다');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'error');

  host = await startOwnServer({ port, token, workspace: host.workspace });
  try {
    await expect(status).toContainText('연결됨', { timeout: 15_000 });
    await expect(page.getByTestId('message')).toContainText('다시 연결했습니다');
    await typeAndRun(page, 'parcels | take 5');
    await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '5');
    expect(loads).toEqual([]); // no reload happened
  } finally {
    host.stop();
  }
});

test('an import cut short by a host crash is listed after the restart, and Retry completes it', async ({ page }) => {
  const { readFileSync } = await import('node:fs');
  const { synthShapefile, tempDir } = await import('../test/store/synthFixtures');
  const { createClient } = await import('../shared/api/client');
  const port = await freePort();
  const token = 'retry-test-token-0123456789abcdefgh';
  let host = await startOwnServer({ port, token });
  const client = createClient({ baseUrl: `http://127.0.0.1:${port}`, token }, (u, i) => fetch(u, i as RequestInit));
  const w = await synthShapefile('11140', 150_000, {
    dir: tempDir('e2e-retry'),
    name: 'LSMD_CONT_LDREG_11140_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    seed: 9,
  });
  const { uploadId } = await client.createUpload();
  for (const e of ['shp', 'shx', 'dbf', 'prj', 'cpg'])
    await client.uploadFile(uploadId, `x.${e}`, new Blob([readFileSync(`${w.base}.${e}`)]));
  const job = await client.startImport({ uploadId });
  // kill while it reads (progress is reported every 10,000 records)
  for (let t = Date.now(); ;) {
    const j = await client.job(job.id);
    if ((j.progress?.records ?? 0) > 0) break;
    if (j.state !== 'running' || Date.now() - t > 30_000) throw new Error(`the import ended before it could be killed: ${j.state}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  host.stop();

  host = await startOwnServer({ port, token, workspace: host.workspace });
  try {
    await page.goto(host.openUrl);
    const listed = page.getByTestId('interrupted-job');
    await expect(listed).toHaveCount(1);
    await expect(listed).toHaveAttribute('data-kind', 'import');
    await page.screenshot({ path: 'e2e/__screenshots__/interrupted-import.png' });
    await listed.getByTestId('retry-job').click();
    await expect(page.getByTestId('import-result')).toHaveAttribute('data-imported', String(w.validPnus.length), { timeout: 60_000 });
    await expect(page.getByTestId('interrupted-jobs')).toHaveCount(0);
    await page.getByTestId('import-switch').click(); // killed while reading: the host restarted on the sample, and an import never switches by itself
    await expect(page.getByTestId('store-status')).toContainText(w.validPnus.length.toLocaleString('en-US'));
  } finally {
    host.stop();
  }
});
