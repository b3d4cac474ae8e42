import { expect, test } from '@playwright/test';
import { openUrl, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

test('at 1366×768 the panes resize by mouse and keyboard, within sane limits, and keep their sizes over a reload', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(openUrl());
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
  const width = async (sel: string) => Math.round((await page.locator(sel).boundingBox())!.width);
  const height = async (sel: string) => Math.round((await page.locator(sel).boundingBox())!.height);

  // keyboard: a focused separator moves by 16 px an arrow press, and says its value
  const data = page.getByTestId('splitter-data');
  await expect(data).toHaveAttribute('role', 'separator');
  await expect(data).toHaveAccessibleName('데이터 창 너비');
  const before = await width('.data-pane');
  await expect(data).toHaveAttribute('aria-valuenow', String(before));
  await data.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(data).toHaveAttribute('aria-valuenow', String(before + 32));
  expect(await width('.data-pane')).toBe(before + 32);
  // Home: the minimum, never less
  await page.keyboard.press('Home');
  await expect(data).toHaveAttribute('aria-valuenow', '180');
  expect(await width('.data-pane')).toBe(180);

  // mouse: drag the editor/results splitter down 80 px
  const editorBefore = await height('.editor-pane');
  const split = (await page.getByTestId('splitter-editor').boundingBox())!;
  await page.mouse.move(split.x + split.width / 2, split.y + 3);
  await page.mouse.down();
  await page.mouse.move(split.x + split.width / 2, split.y + 43, { steps: 4 });
  await page.mouse.move(split.x + split.width / 2, split.y + 83, { steps: 4 });
  await page.mouse.up();
  expect(Math.abs((await height('.editor-pane')) - (editorBefore + 80))).toBeLessThanOrEqual(1);
  // dragged far past the end: the results keep their minimum, the map its width
  const middle = (await page.getByTestId('splitter-middle').boundingBox())!;
  await page.mouse.move(middle.x + 3, middle.y + 200);
  await page.mouse.down();
  await page.mouse.move(middle.x + 900, middle.y + 200, { steps: 5 });
  await page.mouse.up();
  expect(await width('.map-pane')).toBeGreaterThanOrEqual(358);
  await typeAndRun(page, "parcels | where SGG_NM == '중구' | select PNU, JIBUN, AREA_M2 | take 30");
  await expect(page.getByTestId('result-summary')).toHaveAttribute('data-rows', '30', { timeout: 30_000 });
  await page.screenshot({ path: '/tmp/pilji-panes-1366.png' });

  const sizes = { data: await width('.data-pane'), editor: await height('.editor-pane'), map: await width('.map-pane') };
  await page.waitForTimeout(600); // the view is saved 300 ms after a change
  await page.reload();
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
  await expect.poll(() => width('.data-pane')).toBe(sizes.data);
  expect(await height('.editor-pane')).toBe(sizes.editor);
  expect(await width('.map-pane')).toBe(sizes.map);
});
