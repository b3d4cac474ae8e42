import { expect, test } from '@playwright/test';
import { openUrl, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 120_000 });

test('Alt shortcuts open and close query tabs and move between editor, table and map; the top bar lists them', async ({ page }) => {
  await page.goto(openUrl());
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
  const tabs = page.getByTestId('query-tab');
  await expect(tabs).toHaveCount(1);
  await expect(page.getByTestId('new-tab')).toHaveAttribute('title', '새 쿼리 탭 (Alt+N)');
  await expect(page.getByTestId('run')).toHaveAttribute('title', '실행 (Ctrl+Enter)');

  // from inside the editor: the shortcut is taken, no letter typed
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 20");
  await expect(page.getByTestId('map')).toHaveAttribute('data-drawn-polygons', '20');
  await page.keyboard.press('Alt+KeyT');
  await expect(page.locator('[data-testid=results-table] [role=rowgroup][tabindex]')).toBeFocused();
  await page.keyboard.press('Alt+KeyM');
  await expect(page.locator('.maplibregl-canvas')).toBeFocused();
  await page.keyboard.press('Alt+KeyQ');
  await expect(page.locator('[data-testid=editor] .cm-content')).toBeFocused();
  await page.keyboard.press('Alt+KeyN');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveClass(/active/);
  // a new tab starts from the text shown, with no letter of the shortcut typed into it
  await expect(page.locator('[data-testid=editor] .cm-content')).toHaveText("parcels | where SGG_NM == '종로구' | take 20");

  // Alt+W closes the shown tab, asking first when it holds text of the analyst's own
  await page.keyboard.press('Alt+KeyQ');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('parcels | take 3');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.accept();
  });
  await page.keyboard.press('Alt+KeyW');
  await expect(tabs).toHaveCount(1);
  expect(asked).toEqual(["'쿼리 2' 탭을 닫을까요? 이 탭의 쿼리 내용이 사라집니다."]);
  await expect(page.getByTestId('close-tab')).toHaveCount(0);

  // the list of shortcuts, in both languages
  await page.getByTestId('shortcut-help').click();
  const dialog = page.getByTestId('shortcut-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('shortcut-close')).toBeFocused();
  for (const keys of ['Ctrl+Enter', 'Alt+N', 'Alt+W', 'Alt+Q', 'Alt+T', 'Alt+M', 'Esc']) await expect(dialog).toContainText(keys);
  await expect(dialog).toContainText('결과 표로 이동');
  await page.screenshot({ path: 'e2e/__screenshots__/shortcuts-1366.png' });
  // a shortcut does nothing behind the open list
  await page.keyboard.press('Alt+KeyN');
  await expect(tabs).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('shortcut-help').click();
  await expect(dialog).toContainText('Go to the result table');
});
