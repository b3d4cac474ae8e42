import { expect, test } from '@playwright/test';
import { openApp, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test('at 1366 px: many query tabs scroll with + in reach, the results header keeps its words whole, numbers right-aligned, PNUs whole', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | select PNU, AREA_M2, BONBUN | take 50");
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '50');

  // one line each: no 결/과
  for (const tab of await page.locator('.results-pane header [role=tab]').all()) expect((await tab.boundingBox())!.height).toBeLessThan(32);
  // PNU: the 19 digits fit their cell
  const pnu = page.locator('[role=row][aria-rowindex="1"] [role=cell]').first();
  await expect(pnu).toHaveText(/^\d{19}$/);
  expect(await pnu.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // numbers to the right
  const area = page.locator('[role=row][aria-rowindex="1"] [role=cell]').nth(1);
  expect(await area.evaluate((el) => getComputedStyle(el).textAlign)).toBe('right');
  await expect(area).toHaveText(/^[\d,]+\.\d{2}$/);

  const add = page.getByTestId('new-tab');
  for (let i = 0; i < 8; i++) await add.click();
  const tabs = page.getByTestId('query-tab');
  await expect(tabs).toHaveCount(9);
  await expect(add).toBeInViewport({ ratio: 1 });
  await expect(tabs.nth(8)).toBeInViewport(); // the new, shown one is scrolled into sight
  const bar = (await page.locator('.editor-pane > header').boundingBox())!;
  expect(bar.height).toBeLessThan(48); // nothing wrapped to a second line
  await page.screenshot({ path: '/tmp/pilji-layout-1366.png' });
});
