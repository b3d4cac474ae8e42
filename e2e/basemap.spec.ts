import { createServer, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import { gdalMbtiles, solidPng } from '../test/host/fixtures/tileFiles';
import { startOwnServer } from './helpers';

test("a tile server of the team's network as the basemap: only that server is reached; back to offline", async ({ page }) => {
  const tiles: string[] = [];
  const tile = solidPng(256, [0xb4, 0xb4, 0xb4]); // what a tile server on the team's network sends
  const tileServer: Server = createServer((req, res) => {
    tiles.push(req.url!);
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(tile);
  });
  await new Promise<void>((r) => tileServer.listen(0, '127.0.0.1', r));
  const tileOrigin = `http://127.0.0.1:${(tileServer.address() as { port: number }).port}`;
  const host = await startOwnServer();
  const hostOrigin = new URL(host.openUrl).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(hostOrigin) && !u.startsWith(tileOrigin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  const cspErrors: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && cspErrors.push(m.text()));
  try {
    await page.goto(host.openUrl);
    const map = page.getByTestId('map');
    await expect(map).toHaveAttribute('data-basemap', 'offline');
    await page.getByTestId('basemap-button').click();
    await page.getByTestId('basemap-xyz').check();
    await page.getByTestId('basemap-url').fill('ftp://nope/{z}');
    await page.getByTestId('basemap-save').click();
    await expect(page.getByTestId('basemap-error')).toContainText('http:// or https://');
    await page.getByTestId('basemap-url').fill(`${tileOrigin}/tiles/{z}/{x}/{y}.png`);
    await Promise.all([page.waitForEvent('load'), page.getByTestId('basemap-save').click()]); // a new server: the page reloads
    await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'xyz');
    await expect.poll(() => tiles.length, { timeout: 20_000 }).toBeGreaterThan(3);
    expect(tiles.every((t) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(t))).toBe(true);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'e2e/__screenshots__/basemap-tiles.png' });

    await page.getByTestId('basemap-button').click();
    await page.getByTestId('basemap-offline').check();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('basemap-save').click()]);
    await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'offline');
    const seen = tiles.length;
    await page.waitForTimeout(1500);
    expect(tiles.length).toBe(seen);
    expect(outside).toEqual([]);
    expect(cspErrors).toEqual([]);
  } finally {
    host.stop();
    tileServer.close();
  }
});

test("a tile file on the host's disk as the basemap: an MBTiles made by GDAL is served by the host itself", async ({ page }) => {
  const { mkdtempSync } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  // blue over the whole country, so the first view (zoom 6) already has tiles
  const file = gdalMbtiles(mkdtempSync(path.join(os.tmpdir(), 'pilji-e2e-tiles-')), {
    name: '전국.mbtiles',
    ullr: [124, 39, 132, 33],
    rgb: [70, 120, 190],
  });
  const host = await startOwnServer();
  const hostOrigin = new URL(host.openUrl).origin;
  const served: number[] = [];
  const outside: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(hostOrigin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  page.on('response', (r) => r.url().includes('/api/basemap/tiles/') && served.push(r.status()));
  const cspErrors: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && cspErrors.push(m.text()));
  try {
    await page.goto(host.openUrl);
    await page.getByTestId('basemap-button').click();
    await page.getByTestId('basemap-file').check();
    await page.getByTestId('basemap-path').fill(path.join(os.tmpdir(), 'no-such-map.mbtiles'));
    await page.getByTestId('basemap-save').click();
    await expect(page.getByTestId('basemap-error')).toContainText('ENOENT');
    await page.getByTestId('basemap-path').fill(file);
    await page.getByTestId('basemap-save').click(); // the host's own origin: no reload
    await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'file');
    await expect.poll(() => served.filter((s) => s === 200).length, { timeout: 20_000 }).toBeGreaterThan(3);
    expect(served.every((s) => s === 200 || s === 204)).toBe(true);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'e2e/__screenshots__/basemap-file.png' });
    // kept in the workspace: a new page draws it again
    await page.reload();
    await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'file');
    expect(outside).toEqual([]);
    expect(cspErrors).toEqual([]);
  } finally {
    host.stop();
  }
});
