import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startOwnServer, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 180_000 });

/** Waits until the view has been saved on the host (it saves a moment after each change). */
async function saved(page: Page): Promise<void> {
  await page.waitForResponse((r) => r.url().includes('/api/settings/ui/') && r.request().method() === 'PUT');
}

test("query tabs, their colouring, pinned layers and the language survive a reload; a model's parcels open in a tab of their own", async ({
  page,
}) => {
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    const map = page.getByTestId('map');
    const tabs = page.getByTestId('query-tab');
    const editor = page.locator('[data-testid=editor] .cm-content');

    // tab 1: a result, recoloured by area in the legend, kept on the map
    await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 300 | map color=JIMOK");
    await expect(map).toHaveAttribute('data-drawn-polygons', '300');
    await page.getByTestId('color-by').selectOption('AREA_M2');
    await page.getByTestId('pin-result').click();
    await expect(map).toHaveAttribute('data-pinned', /^pinned-\d+:300$/);

    // tab 2: text typed, never run
    await page.getByTestId('new-tab').click();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type("parcels | where SGG_NM == '중구' | take 20");

    // 모델 → 지도에 필지 보기 opens a third tab named after the model; tab 2 keeps its text
    await page.getByTestId('model-input').setInputFiles(path.join(import.meta.dirname, '..', 'assets', 'sample', 'addresses.csv'));
    await page.getByTestId('confirm-mapping').click();
    const matched = await page.getByTestId('count-matched').getAttribute('data-count', { timeout: 30_000 });
    await page.getByTestId('show-parcels').click();
    await expect(tabs).toHaveCount(3);
    await expect(tabs.nth(2)).toContainText('addresses');
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', matched!, { timeout: 30_000 });
    await tabs.nth(1).getByRole('tab').click();
    await expect(editor).toContainText("parcels | where SGG_NM == '중구' | take 20");
    await tabs.nth(2).getByRole('tab').click();

    const save = saved(page);
    await page.getByRole('button', { name: 'English' }).click();
    await save;

    await page.reload();
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await expect(page.getByRole('button', { name: '한국어' })).toBeVisible(); // English kept
    await expect(tabs).toHaveCount(3);
    await expect(tabs.nth(0)).toContainText('Query 1');
    await expect(tabs.nth(2)).toContainText('addresses');
    await expect(tabs.nth(2).getByRole('tab')).toHaveAttribute('aria-selected', 'true');
    // the shown tab's last result is there again, on the map, with the pinned layer under it
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', matched!, { timeout: 30_000 });
    await expect(map).toHaveAttribute('data-drawn-polygons', matched!);
    await expect(map).toHaveAttribute('data-pinned', /^pinned-\d+:300$/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/pilji-after-reload.png' });

    await tabs.nth(0).getByRole('tab').click();
    await expect(editor).toContainText("parcels | where SGG_NM == '종로구' | take 300 | map color=JIMOK");
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '300');
    await expect(map).toHaveAttribute('data-color-by', 'AREA_M2'); // the colouring chosen, not the query's
    await tabs.nth(1).getByRole('tab').click();
    await expect(editor).toContainText("parcels | where SGG_NM == '중구' | take 20");

    // closing a tab with text asks; no keeps it
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await tabs.nth(1).getByTestId('close-tab').click();
    await expect.poll(() => asked).toContain('Query 2');
    await expect(tabs).toHaveCount(3);

    // removing a model asks too
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByTestId('model-addresses').click();
    await page.getByTestId('model-remove').click();
    await expect.poll(() => asked).toContain("Remove the model 'addresses'");
    await page.getByTestId('model-close').click();
    await expect(page.getByTestId('model-addresses')).toBeVisible();
  } finally {
    server.stop();
  }
});
