import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pathLength, polygonArea, type LonLat } from '../shared/geo/geodesic';
import { formatArea, formatLength } from '../renderer/src/map/measureFormat';
import { openUrl, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 120_000 });

/** The map's view as it reports it, and the lon/lat under a pixel of it (Web Mercator, as MapLibre draws). */
async function unprojector(page: Page): Promise<(x: number, y: number) => LonLat> {
  const map = page.getByTestId('map');
  const [lng, lat, zoom] = (await map.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number];
  const size = (await map.boundingBox())!;
  const world = 512 * 2 ** zoom;
  const cx = ((lng + 180) / 360) * world;
  const cy = ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * world;
  return (x, y) => {
    const wx = cx + x - size.width / 2;
    const wy = cy + y - size.height / 2;
    return [(wx / world) * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - (2 * wy) / world))) * 180) / Math.PI];
  };
}

async function showJongno(page: Page): Promise<void> {
  await page.goto(openUrl());
  // the first page a fresh host serves can take long on a busy machine
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
  await typeAndRun(page, "parcels | where SGG_NM == '종로구' | take 50");
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-drawn-polygons', '50');
  await expect(map).toHaveAttribute('data-view', /,/);
}

test('measures a distance and an area on the map, geodesically, by mouse and by keyboard', async ({ page }) => {
  await showJongno(page);
  const map = page.getByTestId('map');
  const box = (await map.boundingBox())!;
  const at = (x: number, y: number) => ({ x: box.x + x, y: box.y + y });
  const toLonLat = await unprojector(page);

  // distance: two clicks, then a double-click ends it (its two clicks are one point)
  await page.getByTestId('measure-distance').click();
  await expect(page.getByTestId('measure-distance')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('measure-value')).toHaveText('거리 재기: 지도에서 시작점을 클릭하세요');
  const line: [number, number][] = [
    [200, 300],
    [420, 260],
    [520, 420],
  ];
  await page.mouse.click(at(...line[0]!).x, at(...line[0]!).y);
  await page.mouse.click(at(...line[1]!).x, at(...line[1]!).y);
  await page.mouse.dblclick(at(...line[2]!).x, at(...line[2]!).y);
  await expect(page.getByTestId('measure-overlay')).toHaveAttribute('data-points', '3');
  const metres = pathLength(line.map(([x, y]) => toLonLat(x, y)));
  await expect(page.getByTestId('measure-value')).toHaveText(`거리 ${formatLength(metres)}`);
  // the double-click did not zoom, and no parcel was chosen by the clicks
  expect(await unprojector(page).then((f) => f(0, 0))).toEqual(toLonLat(0, 0));
  await expect(page.getByTestId('results-table').locator('[aria-selected=true]')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/__screenshots__/map-measure-distance-1366.png' });

  // area: three corners, Enter ends; the readout has ha or m², 평 and the perimeter
  await page.getByTestId('measure-area').click();
  await expect(page.getByTestId('measure-distance')).toHaveAttribute('aria-pressed', 'false');
  const ring: [number, number][] = [
    [250, 250],
    [600, 280],
    [450, 520],
  ];
  for (const [x, y] of ring) await page.mouse.click(at(x, y).x, at(x, y).y);
  await page.keyboard.press('Enter');
  const corners = ring.map(([x, y]) => toLonLat(x, y));
  await expect(page.getByTestId('measure-value')).toContainText(`면적 ${formatArea(polygonArea(corners))} (`);
  await expect(page.getByTestId('measure-value')).toContainText(`평) · 둘레 ${formatLength(pathLength([...corners, corners[0]!]))}`);
  await page.screenshot({ path: 'e2e/__screenshots__/map-measure-area-1366.png' });

  // Esc cancels: nothing drawn, the tool off
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('measure-overlay')).toHaveCount(0);
  await expect(page.getByTestId('measure-area')).toHaveAttribute('aria-pressed', 'false');

  // by keyboard alone: the tool's button, Space at the map's centre, the arrows pan, Space, Enter
  await page.getByTestId('measure-distance').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.maplibregl-canvas')).toBeFocused();
  const first = toLonLat(box.width / 2, box.height / 2);
  await page.keyboard.press('Space');
  const before = await map.getAttribute('data-view');
  await page.keyboard.press('ArrowRight');
  await expect(map).not.toHaveAttribute('data-view', before!);
  const second = (await unprojector(page))(box.width / 2, box.height / 2);
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('measure-value')).toHaveText(`거리 ${formatLength(pathLength([first, second]))}`);
  // English too
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('measure-value')).toHaveText(`Distance ${formatLength(pathLength([first, second]))}`);
  await expect(page.getByTestId('measure-distance')).toHaveAttribute('aria-label', 'Measure distance');
});

test('saves the map view as a PNG: basemap, parcels and the legend', async ({ page }) => {
  await showJongno(page);
  await page.getByTestId('color-by').selectOption('JIMOK');
  await expect(page.getByTestId('map')).toHaveAttribute('data-color-by', 'JIMOK');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('save-map-image').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('쿼리 1.png');
  const file = 'e2e/__screenshots__/map-image-saved-1366.png';
  await download.saveAs(file);
  await expect(page.getByTestId('message')).toContainText('지도 이미지 저장: 쿼리 1.png');
  const size = (await page.locator('.maplibregl-canvas').boundingBox())!;

  // read the saved image back, pixel by pixel
  const b64 = readFileSync(file).toString('base64');
  const seen = await page.evaluate(async (png) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    let coloured = 0;
    let opaque = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 255) opaque++;
      // a parcel's fill: saturated, unlike the grey-blue basemap, the white legend and the black text
      if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 60) coloured++;
    }
    const legend = Array.from(ctx.getImageData(10, 10, 1, 1).data);
    return { width: bitmap.width, height: bitmap.height, coloured, opaque, legend };
  }, b64);
  expect(seen.width).toBe(Math.round(size.width));
  expect(seen.height).toBe(Math.round(size.height));
  // the basemap under everything: no hole of transparent pixels
  expect(seen.opaque).toBe(seen.width * seen.height);
  // the parcels were drawn into it (deck.gl's canvas), and the legend's white box top left
  expect(seen.coloured).toBeGreaterThan(2000);
  expect(seen.legend.slice(0, 3).every((v) => v > 240)).toBe(true);
});
