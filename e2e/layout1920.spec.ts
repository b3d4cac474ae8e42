import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startOwnServer } from './helpers';

// a desk monitor: the same flow as on the laptop, one pass
test.use({ viewport: { width: 1920, height: 1080 } });

test('at 1920×1080: model → 지도에 필지 보기 → result → export, the window filled, nothing overflowing or wrapped', async ({ page }) => {
  test.setTimeout(240_000);
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
    const noOverflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight);
    expect(await noOverflow()).toBe(true);
    await page.screenshot({ path: 'e2e/__screenshots__/layout-1920-start.png' });

    await page.getByTestId('model-input').setInputFiles(path.join(import.meta.dirname, '..', 'assets', 'sample', 'addresses.csv'));
    const dialog = page.getByTestId('model-dialog');
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: 'e2e/__screenshots__/layout-1920-model.png' });
    await page.getByTestId('confirm-mapping').click();
    const matched = Number(await page.getByTestId('count-matched').getAttribute('data-count', { timeout: 30_000 }));
    await page.screenshot({ path: 'e2e/__screenshots__/layout-1920-model-report.png' });
    // the dialog sits inside the window
    const box = (await dialog.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1080);

    await page.getByTestId('show-parcels').click();
    const map = page.getByTestId('map');
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', String(matched), { timeout: 30_000 });
    await expect(map).toHaveAttribute('data-drawn-polygons', String(matched));
    await page.getByTestId('export-crs').selectOption('5186');
    await page.getByTestId('export-shapefile').click();
    await expect(page.getByTestId('message')).toContainText('SHP 내보내기', { timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/__screenshots__/layout-1920-result.png' });

    expect(await noOverflow()).toBe(true);
    // no word broken over two lines in the headers (the results toolbar may take a second row: its tabs, then the export)
    for (const b of await page.locator('.results-pane > header button, .results-pane > header select, .editor-pane > header button').all())
      expect((await b.boundingBox())!.height).toBeLessThan(32);
    expect((await page.locator('.editor-pane > header').boundingBox())!.height).toBeLessThan(48);
    // the map and the table take the room there is
    expect((await map.boundingBox())!.width).toBeGreaterThan(800);
    const table = (await page.getByTestId('results-table').boundingBox())!;
    expect(table.height).toBeGreaterThan(300);
  } finally {
    server.stop();
  }
});
