import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const openUrl = () => process.env.PILJI_E2E_OPEN_URL!;
export const baseUrl = () => process.env.PILJI_E2E_URL!;

/** Replaces the editor's text the way a user does (select all, type) and runs it with Ctrl+Enter. */
export async function typeAndRun(page: Page, dsl: string): Promise<void> {
  const editor = page.locator('[data-testid=editor] .cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(dsl);
  await page.keyboard.press('Control+Enter');
}

export async function openApp(page: Page): Promise<void> {
  await page.goto(openUrl());
  await expect(page.getByTestId('store-status')).toContainText('4,000');
}
