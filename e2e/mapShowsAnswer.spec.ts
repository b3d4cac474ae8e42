import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp, startOwnServer, typeAndRun } from './helpers';

// the analyst's laptop
test.use({ viewport: { width: 1366, height: 768 } });
// a host of its own, a model registered, screenshots read pixel by pixel: more than the default minute on a busy machine
test.describe.configure({ timeout: 180_000 });

/**
 * Separate places on the map where result parcels are drawn: the map's pixels in the result's
 * orange (its fill, or the dot each parcel gets when zoomed out), grouped into 16-pixel cells,
 * touching cells joined. Read from a real screenshot, so it counts only what the analyst sees.
 */
async function orangePlaces(page: Page, map: Locator): Promise<number> {
  const png = (await map.screenshot()).toString('base64');
  return page.evaluate(async (b64) => {
    // (the page's security policy allows no data: fetch)
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const cell = 16;
    const cols = Math.ceil(width / cell);
    const hit = new Set<number>();
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (r > 190 && g > 70 && g < 150 && b < 110) hit.add(Math.floor(y / cell) * cols + Math.floor(x / cell));
      }
    }
    let places = 0;
    const seen = new Set<number>();
    for (const start of hit) {
      if (seen.has(start)) continue;
      places++;
      const stack = [start];
      seen.add(start);
      while (stack.length) {
        const c = stack.pop()!;
        for (const d of [-1, 1, -cols, cols, -cols - 1, -cols + 1, cols - 1, cols + 1]) {
          const n = c + d;
          if (hit.has(n) && !seen.has(n)) {
            seen.add(n);
            stack.push(n);
          }
        }
      }
    }
    return places;
  }, png);
}

test('a small result spread over Korea: every parcel is drawn as a dot, the map zooms to a row and back to the whole result', async ({
  page,
}) => {
  await openApp(page);
  const map = page.getByTestId('map');
  // 13 parcels in 종로구, 중구, 춘천시 and 전주시: sub-pixel at the zoom that shows them all
  await typeAndRun(page, "parcels | where BONBUN <= 3 and BUBUN == 0 and JIMOK == '대'");
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '13');
  await expect(map).toHaveAttribute('data-drawn-polygons', '13');
  await expect(map).toHaveAttribute('data-drawn-markers', '13');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/pilji-map-spread.png' });
  // 서울, 춘천, 전주 at least (종로구 and 중구 touch at this zoom)
  expect(await orangePlaces(page, map)).toBeGreaterThanOrEqual(3);

  // a double-click on a row zooms to that parcel: it is large now, no dot needed
  const row = page.getByTestId('results-table').locator('[role=row][aria-rowindex="1"]');
  await row.dblclick();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(map).toHaveAttribute('data-drawn-markers', '0');
  // unselected again (a click on the selected row), so that it is drawn in the result's orange:
  // selected, it is covered exactly by the selection's blue
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'false');
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/pilji-map-row-zoom.png' });
  expect(await orangePlaces(page, map)).toBeGreaterThanOrEqual(1);

  // and the button goes back to the whole result
  await page.getByRole('button', { name: '결과로 이동' }).click();
  await expect(map).toHaveAttribute('data-drawn-markers', '13');
});

test("모델 → 지도에 필지 보기: the sample address list's parcels are all seen, in each of its four cities", async ({ page }) => {
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await page.getByTestId('model-input').setInputFiles(path.join(import.meta.dirname, '..', 'assets', 'sample', 'addresses.csv'));
    await expect(page.getByTestId('model-dialog')).toBeVisible();
    await page.getByTestId('confirm-mapping').click();
    const matched = Number(await page.getByTestId('count-matched').getAttribute('data-count', { timeout: 30_000 }));
    expect(matched).toBeGreaterThan(250);
    await page.getByTestId('show-parcels').click();
    const map = page.getByTestId('map');
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', String(matched), { timeout: 30_000 });
    await expect(map).toHaveAttribute('data-drawn-polygons', String(matched));
    // the map moved to the result (서울 to 전주): every parcel has its dot
    await expect(map).toHaveAttribute('data-drawn-markers', /^[1-9]\d*$/);
    expect(Number(await map.getAttribute('data-drawn-markers'))).toBeGreaterThanOrEqual(matched);
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/pilji-model-show-parcels.png' });
    expect(await orangePlaces(page, map)).toBeGreaterThanOrEqual(3);
  } finally {
    server.stop();
  }
});
