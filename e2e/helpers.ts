import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { startServeProcess } from '../bench/serveProcess';

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
  // the first page a fresh host serves can take long on a busy machine
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
}

/**
 * A separate host for tests that change the store, on its own empty workspace (or the one given:
 * a restart), on a free port unless one is given. `stop` kills it as a crash would.
 */
export async function startOwnServer(
  o: { port?: number; token?: string; workspace?: string } = {},
): Promise<{ openUrl: string; workspace: string; stop(): void }> {
  const { mkdtempSync } = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const workspace = o.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'pilji-e2e-own-'));
  const { child, openUrl } = await startServeProcess([
    '--workspace',
    workspace,
    ...(o.port ? ['--port', String(o.port)] : []),
    ...(o.token ? ['--token', o.token] : []),
  ]);
  return { openUrl, workspace, stop: () => child.kill('SIGKILL') };
}
