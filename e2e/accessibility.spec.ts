import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, typeAndRun } from './helpers';

/** WCAG 2.1 AA, which KWCAG 2.2 follows: the rules axe-core tags for it. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} ${JSON.stringify(n.any[0]?.data)}`).join(' | ')}`,
  );
}

test('every pane meets WCAG 2.1 AA as axe-core checks it, before and after a query', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page);
  expect(await violations(page)).toEqual([]);
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 50");
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '50');
  expect(await violations(page)).toEqual([]);
});
