import { expect, test } from '@playwright/test';
import { addressDbFiles } from '../bench/synth/addressDbGenerator';
import { generateJusoFiles, type JusoParcel } from '../bench/synth/jusoGenerator';
import { openEngine } from '../electron/engine/engine';
import { paths } from '../electron/host/paths';
import { attachStore } from '../electron/store/storeCatalog';
import { startOwnServer } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });

/** The 주소DB download given to the data pane: a set it cannot read is refused in Korean, the whole set is imported and named. */
test('the data pane imports the 주소DB family and words a refusal in Korean', async ({ page }) => {
  test.setTimeout(240_000);
  const engine = await openEngine({ allowedDirectories: [paths.sampleStore()] });
  let parcels: JusoParcel[];
  try {
    await attachStore(engine, paths.sampleStore());
    parcels = await engine.rows<JusoParcel>('SELECT PNU AS pnu, SI_NM AS sido, SGG_NM AS sgg, EMD_NM AS emd, RI_NM AS ri FROM parcels');
  } finally {
    await engine.close();
  }
  const hangul = generateJusoFiles(parcels);
  const files = [...addressDbFiles(hangul, parcels)].map(([name, buffer]) => ({ name, mimeType: 'text/plain', buffer }));
  const live = hangul.buildings.filter((b) => !b.removed).length;

  const server = await startOwnServer();
  try {
    await page.goto(server.openUrl);
    await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
    const panel = page.getByTestId('juso-panel');
    const input = panel.locator('input[type=file]');
    // 주소_ alone: its parcels and road names are in the files not given
    await input.setInputFiles(files.filter((f) => f.name.startsWith('주소_서울')));
    await expect(panel.locator('.error')).toHaveText(
      '주소_서울특별시.txt: 함께 있어야 할 파일이 없습니다: 지번_<시도>.txt, 개선_도로명코드_전체분.txt',
    );
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/pilji-juso-refused-1366.png' });
    await input.setInputFiles(files);
    await expect(page.getByTestId('juso-info')).toHaveText(
      new RegExp(`^주소DB 2024-10-31 · ${live.toLocaleString()} 개 도로명주소 · [\\d,]+ 개 관련지번$`),
      {
        timeout: 60_000,
      },
    );
    await expect(panel.locator('.error')).toHaveCount(0);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/pilji-juso-addressdb-1366.png' });
  } finally {
    server.stop();
  }
});
