import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

export interface RenderMeasurement {
  parcels: number;
  /** Run pressed → the whole Arrow response received */
  responseMs: number;
  /** response received → the first frame with every polygon on the GPU */
  firstFrameMs: number;
  /** the longest main-thread task between the response and that frame */
  longestTaskMs: number;
  tasksOver100Ms: number;
  jsHeapMb: number;
  browser: string;
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * The app in headless Chromium against a store: `parcels | take N` run from the editor, timed by
 * the renderer itself (data-first-frame-ms) with the browser's long-task observer watching the
 * main thread. Needs `npm run build` (the served renderer).
 */
export async function runRenderSuite(storeDir: string, parcels: number): Promise<RenderMeasurement> {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('build the renderer first: npm run build');
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'pilji-render-'));
  const server = spawn(process.execPath, [path.join(root, 'bin/pilji.mjs'), 'serve', '--port', '0', '--json', '--store', storeDir, '--workspace', workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
  const openUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { openUrl: string }).openUrl);
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const debian = '/usr/bin/chromium';
  const browser = await chromium.launch({
    ...(existsSync(debian) ? { executablePath: debian } : {}),
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(openUrl);
    await page.getByTestId('store-status').waitFor();
    const editor = page.locator('[data-testid=editor] .cm-content');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(`parcels | take ${parcels}`);
    const pressed = await page.evaluate(() => performance.now());
    await page.keyboard.press('Control+Enter');
    const map = page.getByTestId('map');
    await page.waitForFunction((n) => document.querySelector('[data-testid=map]')?.getAttribute('data-drawn-polygons') === String(n), parcels, { timeout: 300_000, polling: 100 });
    const firstFrameMs = Number(await map.getAttribute('data-first-frame-ms'));
    const receivedAt = Number(await map.getAttribute('data-frame-for'));
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    const loading = tasks.filter((t) => t.start + t.duration >= receivedAt && t.start <= receivedAt + firstFrameMs);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    return {
      parcels,
      responseMs: Math.round(receivedAt - pressed),
      firstFrameMs,
      longestTaskMs: Math.round(Math.max(0, ...loading.map((t) => t.duration))),
      tasksOver100Ms: loading.filter((t) => t.duration > 100).length,
      jsHeapMb: Math.round(heap / 1024 / 1024),
      browser: browser.version(),
    };
  } finally {
    await browser.close();
    server.kill();
  }
}
