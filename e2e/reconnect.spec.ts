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
