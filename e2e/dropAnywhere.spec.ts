import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ShapefileWriter } from '../electron/export/shapefileWriter';
import { esriPrj } from '../electron/store/crs/fromWgs84';
import { tempDir } from '../test/store/synthFixtures';
import { startOwnServer } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

/** A shapefile set (.shp .shx .dbf .prj) with the given DBF columns, as bytes by file name. */
async function shapefileSet(base: string, fields: string[]): Promise<Record<string, number[]>> {
  const dir = tempDir('e2e-drop');
  const w = new ShapefileWriter({
    base: path.join(dir, base),
    fields: fields.map((name) => ({ name, type: 'C' as const, length: 19 })),
    encoding: 'cp949',
    prj: esriPrj(4326),
  });
  await w.write(
    [[[127, 37.5, 127.001, 37.5, 127.001, 37.501, 127, 37.5]]],
    fields.map(() => '1111010100100010000'),
  );
  await w.close();
  return Object.fromEntries(
    ['shp', 'shx', 'dbf', 'prj'].map((ext) => [`${base}.${ext}`, [...readFileSync(path.join(dir, `${base}.${ext}`))]]),
  );
}

async function drop(page: Page, selector: string, files: Record<string, number[]>): Promise<void> {
  const dt = await page.evaluateHandle((f) => {
    const t = new DataTransfer();
    for (const [name, bytes] of Object.entries(f)) t.items.add(new File([new Uint8Array(bytes)], name));
    return t;
  }, files);
  await page.locator(selector).dispatchEvent('drop', { dataTransfer: dt });
}

test('files go where they are dropped: a CSV anywhere is a model; a 연속지적도 SHP on 모델 or elsewhere makes Pilji ask', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });

    // a shapefile with PNU and JIBUN columns dropped on 모델: asked, not silently a model
    const cadastral = await shapefileSet('LSMD_CONT_LDREG_11110', ['PNU', 'JIBUN']);
    await drop(page, '[data-testid=models-panel]', cadastral);
    const ask = page.getByTestId('drop-choice');
    await expect(ask).toBeVisible();
    await expect(ask).toHaveAccessibleName('이 파일을 어떻게 쓸까요?');
    await expect(page.getByTestId('drop-looks-cadastral')).toBeVisible();
    await expect(page.getByTestId('drop-as-cadastral')).toBeFocused();
    await page.screenshot({ path: '/tmp/pilji-drop-ask-1366.png' });
    await page.getByTestId('drop-cancel').click();
    await expect(ask).toHaveCount(0);
    await expect(page.getByTestId('models-panel')).toContainText('등록된 모델이 없습니다');

    // a CSV dropped on the map (not a panel that takes files) registers a model without a question
    await drop(page, '.map-pane', { '주소 목록.csv': [...Buffer.from('주소\n서울 종로구 이화동 21-3\n')] });
    await expect(page.getByTestId('model-dialog')).toContainText('주소_목록');
    await expect(ask).toHaveCount(0);
    await page.getByTestId('model-close').click();

    // the same 연속지적도 dropped on the editor: asked; the analyst's answer is followed
    await drop(page, '.editor-pane', cadastral);
    await expect(ask).toBeVisible();
    await page.getByTestId('drop-as-model').click();
    await expect(page.getByTestId('model-dialog')).toContainText('LSMD_CONT_LDREG_11110');

    // a shapefile of the analyst's own (no cadastral columns) dropped on 모델 is a model at once
    await page.getByTestId('model-close').click();
    await drop(page, '[data-testid=models-panel]', await shapefileSet('민원', ['번호', '내용']));
    await expect(page.getByTestId('model-dialog')).toContainText('민원');
    await expect(ask).toHaveCount(0);
  } finally {
    server.stop();
  }
});
