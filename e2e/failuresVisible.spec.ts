import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startOwnServer, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 180_000 });

test('a failed run shows where and why in the results, marks the old result stale, and a suggestion is one click', async ({ page }) => {
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await page.getByTestId('model-input').setInputFiles(path.join(import.meta.dirname, '..', 'assets', 'sample', 'addresses.csv'));
    await page.getByTestId('model-close').click();

    await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 5");
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '5');
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);

    // a misspelt column on the second line: the panel names the line and column and shows it
    // typed line by line: Escape first, so that Enter makes a new line rather than take a completion
    await page.locator('[data-testid=editor] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('parcels');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type("| where SGG_NMM == '중구'");
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.keyboard.type('| take 5');
    await page.keyboard.press('Control+Enter');
    const panel = page.getByTestId('run-error');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('쿼리를 실행하지 못했습니다');
    await expect(panel).toContainText('2번째 줄, 9번째 글자');
    await expect(panel).toContainText("unknown column 'SGG_NMM'");
    await expect(page.getByTestId('run-error-source')).toContainText("| where SGG_NMM == '중구'");
    await expect(page.getByTestId('run-error-source').locator('.caret')).toHaveText('^^^^^^^');
    // the 종로구 result is still there, marked as not this query's answer
    await expect(page.getByTestId('stale-notice')).toHaveAttribute('data-reason', 'failed');
    await expect(page.locator('.results-body')).toHaveAttribute('data-stale', 'true');
    await page.screenshot({ path: '/tmp/pilji-run-error.png' });

    await page.getByTestId('apply-hint').click();
    await expect(page.locator('[data-testid=editor] .cm-content')).toContainText("| where SGG_NM == '중구'");
    await page.getByTestId('run').click();
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '5');
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);

    // an unknown model lists the models that exist; one click puts it in the query
    await typeAndRun(page, 'from 주소목록 | take 3');
    await expect(page.getByTestId('known-models')).toContainText('addresses');
    await page.getByTestId('known-models').getByRole('button', { name: 'addresses' }).click();
    await expect(page.locator('[data-testid=editor] .cm-content')).toContainText('from addresses | take 3');
    // edited but not run: still marked
    await expect(page.getByTestId('stale-notice')).toHaveAttribute('data-reason', 'failed');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '3');

    // typing after a run marks the result as the previous text's
    await page.locator('[data-testid=editor] .cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' | take 2');
    await expect(page.getByTestId('stale-notice')).toHaveAttribute('data-reason', 'edited');

    // a running query shows its time, ticking (the host's answer held back a little here)
    await page.route('**/api/query', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByTestId('run').click();
    const elapsed = page.getByTestId('status').getByTestId('run-elapsed');
    await expect(elapsed).toHaveText(/^[1-9]\.\d초$/);
    await page.screenshot({ path: '/tmp/pilji-running-elapsed.png' });
    await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '2');
    await expect(elapsed).toHaveCount(0);
  } finally {
    server.stop();
  }
});
