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

test('the results table sorts by a header, resizes a column by its edge, and copies rows as TSV', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | select PNU, AREA_M2 | take 50");
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '50');
  const area = (i: number) =>
    page
      .locator(`[role=row][aria-rowindex="${i}"] [role=cell]`)
      .nth(1)
      .textContent()
      .then((s) => Number(s!.replace(/,/g, ''))); // 1,234.50

  await page.getByTestId('sort-AREA_M2').click();
  await page.getByTestId('sort-AREA_M2').click();
  await expect(page.locator('[role=columnheader][aria-sort=descending]')).toContainText('AREA_M2');
  const [a1, a2, a3] = [await area(1), await area(2), await area(3)];
  expect(a1).toBeGreaterThanOrEqual(a2);
  expect(a2).toBeGreaterThanOrEqual(a3);

  const header = page.locator('[role=columnheader]').first();
  const before = (await header.boundingBox())!.width;
  const edge = (await page.getByTestId('resize-PNU').boundingBox())!;
  await page.mouse.move(edge.x + 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + 82, edge.y + edge.height / 2, { steps: 4 });
  await page.mouse.up();
  expect((await header.boundingBox())!.width).toBeGreaterThan(before + 60);

  await page.getByTestId('copy-tsv').click();
  const all = await page.evaluate(() => navigator.clipboard.readText());
  const lines = all.trim().split('\n');
  expect(lines).toHaveLength(51);
  expect(lines[0]).toBe('PNU\tAREA_M2');
  expect(Number(lines[1]!.split('\t')[1])).toBeCloseTo(a1, 1);

  await page.locator('[role=row][aria-rowindex="2"]').click();
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^PNU\tAREA_M2\n\d{19}\t[\d.]+\n$/);
});

test('two query tabs run at once: a long query in one, a short one finishes in the other meanwhile', async ({ page }) => {
  await openApp(page);
  const tabs = page.getByTestId('query-tab');
  // 4,000³ rows: keeps the engine busy until cancelled
  await typeAndRun(page, 'sql "SELECT count(*) AS n FROM parcels a, parcels b, parcels c"');
  await expect(tabs.nth(0)).toHaveAttribute('data-status', 'running');

  await page.getByTestId('new-tab').click();
  await expect(tabs).toHaveCount(2);
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | take 7");
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '7');
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '7');
  await expect(tabs.nth(0)).toHaveAttribute('data-status', 'running'); // still running beside it
  await page.screenshot({ path: 'e2e/__screenshots__/query-tabs.png' });

  await tabs.nth(0).getByRole('tab').click();
  await expect(page.locator('[data-testid=editor] .cm-content')).toContainText('parcels a, parcels b, parcels c');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('cancel').click();
  await expect(tabs.nth(0)).toHaveAttribute('data-status', 'cancelled');

  await tabs.nth(1).getByRole('tab').click(); // its result is still there
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '7');
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '7');
  // its text would be lost: closing asks first
  page.once('dialog', (d) => void d.accept());
  await tabs.nth(1).getByTestId('close-tab').click();
  await expect(tabs).toHaveCount(1);
});

test('a result of several record batches, some rows without geometry, is read and drawn whole as it streams', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page);
  // 4,000 parcels × 5 = 20,000 rows: two of the host's 16,384-row batches; every fifth row has no geometry
  await typeAndRun(
    page,
    'sql "WITH r(k) AS (VALUES (1), (2), (3), (4), (5)) SELECT p.PNU, r.k, CASE WHEN r.k = 3 THEN NULL ELSE p.geometry END AS geometry FROM parcels p, r ORDER BY p.PNU, r.k"',
  );
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '20000', { timeout: 30_000 });
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '16000', { timeout: 30_000 });
  // the last row (read from the second batch) is in the table, in result order
  const table = page.getByTestId('results-table');
  await table.locator('.scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.locator('[role=row][aria-rowindex="20000"]')).toContainText('5');
  expect(errors).toEqual([]);
});
