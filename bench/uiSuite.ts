import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServeProcess } from './serveProcess';

export interface UiRun {
  /** Run pressed → the first frame with every polygon on the GPU */
  totalMs: number;
  /** Run pressed → the whole Arrow response received */
  responseMs: number;
  /** response received → that first frame */
  firstFrameMs: number;
  /** the longest main-thread task from Run pressed to that frame (the download included: the result is read and triangulated as it arrives) */
  longestTaskMs: number;
  tasksOver100Ms: number;
}

export interface UiMeasurement {
  id: string;
  dsl: string;
  polygons: number;
  cold: UiRun;
  /** warm runs, by median total */
  warm: UiRun;
  jsHeapMb: number;
}

const root = path.resolve(import.meta.dirname, '..');

/**
 * The app in headless Chromium (server mode, the built renderer): each query typed into the
 * editor and run with Ctrl+Enter, timed by the renderer itself (data-frame-for: when the response
 * was in, data-first-frame-ms: until deck.gl drew every polygon) with the browser's long-task
 * observer watching the main thread. The first run of each query is its cold run; every run has
 * a fresh page.
 */
export async function runUiSuite(
  storeDir: string,
  workspace: string,
  queries: { id: string; dsl: string }[],
  runs: number,
): Promise<{ browser: string; results: UiMeasurement[] }> {
  if (!existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) throw new Error('build the renderer first: npm run build');
  const { child: server, openUrl } = await startServeProcess(['--store', storeDir, '--workspace', workspace]);
  const debian = '/usr/bin/chromium';
  const browser = await chromium.launch({
    ...(existsSync(debian) ? { executablePath: debian } : {}),
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--enable-precise-memory-info',
    ],
  });
  try {
    const results: UiMeasurement[] = [];
    for (const q of queries) {
      const timed: UiRun[] = [];
      let polygons = 0;
      let jsHeapMb = 0;
      // A fresh page for every run: software GL redraws a layer already on screen on the CPU,
      // which would time the emulation, not the app.
      for (let i = 0; i <= runs; i++) {
        const page = await openPage(browser, openUrl);
        timed.push(await runOnce(page, q.dsl));
        polygons = Number(await page.getByTestId('map').getAttribute('data-drawn-polygons'));
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const { metrics } = await cdp.send('Performance.getMetrics');
        jsHeapMb = Math.max(jsHeapMb, Math.round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024));
        await page.close();
      }
      const [cold, ...warm] = timed;
      results.push({
        ...q,
        polygons,
        cold: cold!,
        warm: warm.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(warm.length / 2)]!,
        jsHeapMb,
      });
    }
    return { browser: browser.version(), results };
  } finally {
    await browser.close();
    server.kill();
  }
}

async function openPage(browser: Browser, openUrl: string): Promise<Page> {
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
  // The basemap drawn whole: on a busy machine it can take seconds after the page looks ready,
  // its tiles parsed in workers with no long task, and a run timed before it paid for its
  // Hangul glyphs and shaders (146 glyphs, ~1 s, seen in profiles of the first run).
  await page.locator('[data-testid=map][data-basemap-drawn=true]').waitFor({ timeout: 60_000 });
  // Settled: no long task for a second. Under software GL the page spends its first seconds
  // compiling the basemap's shaders (tasks of up to ~1 s); the run times the query, not that.
  await page.waitForFunction(
    (settledMs) => {
      const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
      const last = tasks.at(-1);
      return performance.now() - (last ? last.start + last.duration : 0) > settledMs;
    },
    SETTLED_MS,
    { timeout: 60_000, polling: 100 },
  );
  return page;
}

const SETTLED_MS = 1000;

async function runOnce(page: Page, dsl: string): Promise<UiRun> {
  await page.locator('[data-testid=editor] .cm-content').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(dsl);
  const pressed = await page.evaluate(() => performance.now());
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid=map]')?.getAttribute('data-frame-for') ?? 0) > t, pressed, {
    timeout: 300_000,
    polling: 50,
  });
  const map = page.getByTestId('map');
  const receivedAt = Number(await map.getAttribute('data-frame-for'));
  const firstFrameMs = Number(await map.getAttribute('data-first-frame-ms'));
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  const loading = tasks.filter((t) => t.start + t.duration >= pressed && t.start <= receivedAt + firstFrameMs);
  return {
    totalMs: Math.round(receivedAt + firstFrameMs - pressed),
    responseMs: Math.round(receivedAt - pressed),
    firstFrameMs,
    longestTaskMs: Math.round(Math.max(0, ...loading.map((t) => t.duration))),
    tasksOver100Ms: loading.filter((t) => t.duration > 100).length,
  };
}
