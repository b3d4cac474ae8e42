import { expect, test } from '@playwright/test';
import { openApp, typeAndRun } from './helpers';

test('a typed query draws exactly the returned parcels on the map and in the table', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 500");

  const summary = page.getByTestId('result-summary');
  await expect(summary).toHaveAttribute('data-rows', '500');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-drawn-polygons', '500');
  await expect(page.getByTestId('results-table').locator('[role=row][aria-rowindex="1"]')).toContainText('종로구');
  // one line per row, header included, however many columns (the table scrolls sideways)
  for (const row of [page.locator('.table .row.header'), page.locator('[role=row][aria-rowindex="1"]')]) {
    expect((await row.boundingBox())!.height).toBeLessThan(30);
  }

  // The SQL tab shows the generated statement.
  await page.getByTestId('sql-tab').click();
  await expect(page.getByTestId('sql-text')).toContainText('LIMIT 500');

  await page.waitForTimeout(500);
  await page.screenshot({ path: 'e2e/__screenshots__/query-jongno-500.png' });
  expect(errors).toEqual([]);
});

test('a query with a mistake shows the located error and draws nothing new', async ({ page }) => {
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NMM == '종로구'");
  await expect(page.getByTestId('diagnostic')).toContainText("1:17 unknown column 'SGG_NMM' — did you mean 'SGG_NM'?");
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
});

test('a stats query fills the table and a bar chart, without polygons', async ({ page }) => {
  await openApp(page);
  await typeAndRun(page, 'parcels | stats count(), sum(AREA_M2) by SI_NM');
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '3');
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '0');
  // and a bar chart of the groups, one measure at a time, largest first
  await page.getByTestId('chart-tab').click();
  await expect(page.getByTestId('bar')).toHaveCount(3);
  await expect(page.getByTestId('stats-chart').locator('text.bar-label').first()).toHaveText('서울특별시');
  await page.getByTestId('chart-measure').selectOption('sum_AREA_M2');
  await expect(page.getByTestId('bar')).toHaveCount(3);
});

test('a typo is underlined where it is as it is typed, fixed by choosing the completion, and the query then draws', async ({ page }) => {
  await openApp(page);
  const editor = page.locator('[data-testid=editor] .cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type("parcels | where EMD_NMM == '청운동'");
  // the squiggle covers exactly the misspelt name, before anything runs
  const squiggle = page.locator('.cm-lintRange-error');
  await expect(squiggle).toHaveCount(1);
  await expect(squiggle).toHaveText('EMD_NMM');
  await squiggle.hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText("unknown column 'EMD_NMM' — did you mean 'EMD_NM'?");

  // retype the name: the completion list offers the store's columns; choose EMD_NM
  await squiggle.dblclick();
  await page.keyboard.type('EMD_');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: /^EMD_NM/ });
  await expect(option).toBeVisible();
  await option.click();
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  const rows = await page.getByTestId('result-summary').getAttribute('data-rows', { timeout: 20_000 });
  expect(Number(rows)).toBeGreaterThan(0);
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', rows!);
  await page.screenshot({ path: 'e2e/__screenshots__/typo-fixed.png' });
});

test('the help runs an example; the query is then in the history and can be saved by name', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('library-toggle').click();
  const library = page.getByTestId('query-library');
  await expect(library).toContainText('광화문 500 m 안의 필지');
  await library.locator('li', { hasText: '광화문 500 m 안의 필지' }).getByTestId('run-example').click();
  const rows = await page.getByTestId('result-summary').getAttribute('data-rows', { timeout: 20_000 });
  expect(Number(rows)).toBeGreaterThan(0);
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', rows!);
  await expect(page.locator('[data-testid=editor] .cm-content')).toContainText('within near(126.9769, 37.5759, 500)');

  await page.getByTestId('library-history').click();
  await expect(page.getByTestId('history')).toContainText('within near(126.9769, 37.5759, 500)');
  await page.getByTestId('library-saved').click();
  await page.getByTestId('save-name').fill('광화문 주변');
  await page.getByTestId('save-query').click();
  await expect(page.getByTestId('saved')).toContainText('광화문 주변');
  await page.screenshot({ path: 'e2e/__screenshots__/query-library.png' });
});
