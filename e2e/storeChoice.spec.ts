import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createClient } from '../shared/api/client';
import { synthShapefile, tempDir } from '../test/store/synthFixtures';
import { startOwnServer } from './helpers';

// two parcels of the bundled sample, both matched there (and not in the imported store)
const CSV = '관리번호,소재지\r\n001,서울 종로구 이화동 21-3\r\n002,서울 중구 무교동 9-12\r\n';

test('switching between the sample and an imported store: the import names its target, the switch asks first, the report turns stale', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = tempDir('e2e-stores');
  const w = await synthShapefile('11110', 400, {
    dir,
    name: 'LSMD_CONT_LDREG_11110_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    seed: 11,
  });
  const server = await startOwnServer();
  try {
    // a model matched against the sample, through the same client the UI uses
    const url = new URL(server.openUrl);
    const client = createClient({ baseUrl: url.origin, token: url.searchParams.get('token') }, (u, i) => fetch(u, i as RequestInit));
    const { uploadId } = await client.createUpload();
    await client.uploadFile(uploadId, '목록.csv', new Blob([CSV]));
    await client.registerModel({ uploadId });
    await client.setModelMapping('목록', { kind: 'address', address: '소재지' });

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 60_000 });
    await expect(page.getByTestId('active-store')).toContainText('예제 저장소');
    await expect(page.getByTestId('import-target')).toContainText('내 저장소');

    await page.getByTestId('import-input').setInputFiles(readdirSync(dir).map((f) => path.join(dir, f)));
    await expect(page.getByTestId('import-result')).toHaveAttribute('data-imported', String(w.validPnus.length), { timeout: 60_000 });
    // the import did not switch: the sample is still what queries read
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await expect(page.getByTestId('import-offer')).toBeVisible();

    await page.getByTestId('import-switch').click();
    await expect(page.getByTestId('store-confirm')).toContainText('1'); // one model's report would go stale: asked first
    await page.getByTestId('store-confirm-yes').click();
    await expect(page.getByTestId('store-status')).toContainText(w.validPnus.length.toLocaleString('en-US'));
    await expect(page.getByTestId('active-store')).toContainText('내 저장소');
    await expect(page.getByTestId('model-stale-목록')).toBeVisible();
    await page.screenshot({ path: 'e2e/__screenshots__/store-switched.png' });

    // and back: the sample's counts again; the report made against it is fresh again
    await page.getByTestId('store-use-sample').click();
    await expect(page.getByTestId('store-status')).toContainText('4,000');
    await expect(page.getByTestId('active-store')).toContainText('예제 저장소');
    await expect(page.getByTestId('model-stale-목록')).toHaveCount(0);
  } finally {
    server.stop();
  }
});
