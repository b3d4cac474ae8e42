import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startOwnServer, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 180_000 });

/** Waits until the view has been saved on the host (it saves a moment after each change). */
async function saved(page: Page): Promise<void> {
  await page.waitForResponse((r) => r.url().includes('/api/settings/ui/') && r.request().method() === 'PUT');
}

/** A legend item's row count, as the legend shows it (thousands separated). */
async function countOf(item: ReturnType<Page['getByTestId']>): Promise<string> {
  return ((await item.locator('.num').textContent()) ?? '').replace(/,/g, '');
}

test('a legend class filters the map and the table; graduated colours for numbers; pinned layers keep their colouring and are renamed, across a reload', async ({
  page,
}) => {
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    const map = page.getByTestId('map');
    const rows = page.getByTestId('results-table').getByRole('table');
    await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 300 | map color=JIMOK");
    await expect(map).toHaveAttribute('data-drawn-polygons', '300');
    await expect(map).toHaveAttribute('data-visible-rows', '300');

    // a click on a legend class: the map and the table keep its rows only, and say so
    const items = page.getByTestId('legend-item');
    const first = items.nth(0);
    const n = await countOf(first);
    expect(Number(n)).toBeLessThan(300);
    await first.click();
    await expect(first).toHaveAttribute('aria-pressed', 'true');
    await expect(map).toHaveAttribute('data-visible-rows', n);
    await expect(rows).toHaveAttribute('aria-rowcount', n);
    await expect(page.getByTestId('legend-filter')).toBeVisible();
    await expect(page.getByTestId('table-filter')).toContainText(`${n}행`);
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/__screenshots__/legend-filter.png' });
    expect(await violations(page)).toEqual([]);

    // by keyboard: another class with Enter, then the same again with Space shows every row
    const second = items.nth(1);
    const m = await countOf(second);
    await second.focus();
    await page.keyboard.press('Enter');
    await expect(second).toHaveAttribute('aria-pressed', 'true');
    await expect(first).toHaveAttribute('aria-pressed', 'false');
    await expect(rows).toHaveAttribute('aria-rowcount', m);
    await expect(map).toHaveAttribute('data-visible-rows', m);
    await page.keyboard.press('Space');
    await expect(rows).toHaveAttribute('aria-rowcount', '300');
    await expect(map).toHaveAttribute('data-visible-rows', '300');
    await expect(page.getByTestId('legend-filter')).toHaveCount(0);
    // and the clear button
    await first.click();
    await page.getByTestId('table-filter-clear').click();
    await expect(rows).toHaveAttribute('aria-rowcount', '300');

    // graduated colours for a number column, chosen in the legend: equal intervals in 3 classes
    await page.getByTestId('color-by').selectOption('AREA_M2');
    await expect(page.getByTestId('class-method')).toHaveValue('quantile');
    await expect(items).toHaveCount(5);
    await page.getByTestId('class-method').selectOption('equal');
    await page.getByTestId('class-count').selectOption('3');
    const labels = await page.getByTestId('legend-items').locator('.label').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThanOrEqual(3);
    // ranges, thousands separated: the largest 종로구 parcels are over 1,000 m²
    for (const l of labels) expect(l).toMatch(/^[\d,.]+ – [\d,.]+$/);
    expect(labels.join(' ')).toMatch(/\d,\d{3}/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/__screenshots__/legend-graduated.png' });

    // pinned, it keeps its colouring under the next result; renamed in place
    await page.getByTestId('pin-result').click();
    await typeAndRun(page, "parcels | where SGG_NM == '중구' | take 50");
    await expect(map).toHaveAttribute('data-drawn-polygons', '50');
    await expect(map).toHaveAttribute('data-pinned', /^pinned-\d+:300$/);
    const layer = page.locator('[data-testid=layer][data-layer-id^=pinned]');
    await expect(layer).toHaveAttribute('title', /AREA_M2/);
    expect(await layer.getByTestId('layer-swatch').evaluate((e) => getComputedStyle(e).backgroundImage)).toContain('linear-gradient');
    await layer.getByTestId('layer-rename').click();
    await page.getByTestId('layer-name').fill('종로 면적');
    expect(await violations(page)).toEqual([]);
    const save = saved(page);
    await page.keyboard.press('Enter');
    await expect(layer.getByTestId('layer-label')).toHaveText('종로 면적');
    // ✎ ↑ ↓ × show their symbols, whole: ↑ and ↓ drawn (the fonts' arrows were hairlines)
    for (const id of ['layer-rename', 'layer-up', 'layer-down', 'layer-remove']) {
      const box = await layer.getByTestId(id).boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(20);
    }
    for (const id of ['layer-up', 'layer-down']) {
      const arrow = (await layer.getByTestId(id).locator('svg').boundingBox())!;
      expect(arrow.width).toBe(12);
      expect(arrow.height).toBe(12);
    }
    await save;
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/__screenshots__/layers-pinned-renamed.png' });

    // the name and the colouring come back after a reload
    await page.reload();
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await expect(map).toHaveAttribute('data-pinned', /^pinned-\d+:300$/, { timeout: 30_000 });
    await expect(layer.getByTestId('layer-label')).toHaveText('종로 면적');
    await expect(layer).toHaveAttribute('title', /AREA_M2/);
    expect(await layer.getByTestId('layer-swatch').evaluate((e) => getComputedStyle(e).backgroundImage)).toContain('linear-gradient');

    // a second pinned layer, in one colour: the arrows of both, enabled where they can move
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '50', { timeout: 30_000 });
    await page.getByTestId('pin-result').click();
    await expect(map).toHaveAttribute('data-pinned', /^pinned-\d+:300,pinned-\d+:50$/);
    await expect(page.getByTestId('layer-up').nth(1)).toBeEnabled();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'e2e/__screenshots__/layers-two-pinned.png' });
  } finally {
    server.stop();
  }
});

/** WCAG 2.1 AA, which KWCAG 2.2 follows, over the legend and the layers panel. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('[data-testid=legend]')
    .include('[data-testid=layers]')
    .include('[data-testid=results-table]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}
