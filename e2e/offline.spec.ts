import { expect, test } from '@playwright/test';
import { baseUrl, openApp, typeAndRun } from './helpers';

test('nothing the page does leaves 127.0.0.1 (tiles, fonts, glyphs, CDNs)', async ({ page, context }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await openApp(page);
  await typeAndRun(page, "parcels | where SI_NM == '강원특별자치도' | take 100");
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '100');
  // Zoom out so the basemap draws its Hangul labels too.
  const map = page.getByTestId('map');
  const box = (await map.boundingBox())!;
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'e2e/__screenshots__/offline-basemap.png' });

  expect(requests.length).toBeGreaterThan(5);
  const origin = new URL(baseUrl()).origin;
  const outside = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(outside).toEqual([]);
});

test('without the token the host refuses the page', async ({ page }) => {
  const res = await page.goto(baseUrl());
  expect(res!.status()).toBe(401);
});
