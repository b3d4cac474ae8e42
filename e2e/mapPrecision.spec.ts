import { tableFromIPC } from 'apache-arrow';
import { expect, test, type Page } from '@playwright/test';
import { createClient } from '../shared/api/client';
import { readWkb } from '../shared/geo/wkb';
import { openUrl, typeAndRun } from './helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 180_000 });

// a parcel of about 29 × 27 m at the north edge of 종로구, and one in 전주, 210 km south
const NEAR = '1111018300100060003';
const FAR = '5211111900100100001';

/** The parcel's rings as lon/lat, read from the host's own answer (the store's geometry, not the map's). */
async function parcelRings(pnu: string): Promise<number[][]> {
  const url = new URL(openUrl());
  const client = createClient({ baseUrl: url.origin, token: url.searchParams.get('token') }, (u, i) => fetch(u, i as RequestInit));
  const { arrow } = await client.query({ dsl: `parcels | where PNU == '${pnu}'` });
  const wkb = tableFromIPC(arrow).getChild('geometry')!.get(0) as Uint8Array;
  return readWkb(wkb).polygons.flat();
}

/** Web Mercator, as MapLibre draws it: lon/lat → CSS pixels of a map of this size and view. */
function project(view: { lng: number; lat: number; zoom: number }, size: { width: number; height: number }) {
  const world = 512 * 2 ** view.zoom;
  const x = (lng: number) => ((lng + 180) / 360) * world;
  const y = (lat: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * world;
  return (lng: number, lat: number) => [size.width / 2 + x(lng) - x(view.lng), size.height / 2 + y(lat) - y(view.lat)] as const;
}

/** The box of the map's pixels in the result's orange (fill or outline: red well above blue) inside a region, from a real screenshot. */
async function orangeBox(
  page: Page,
  region: { x0: number; y0: number; x1: number; y1: number },
): Promise<[number, number, number, number] | null> {
  const png = (await page.getByTestId('map').screenshot()).toString('base64');
  return page.evaluate(
    async ({ b64, r }) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      let box: [number, number, number, number] | null = null;
      for (let y = Math.max(0, r.y0); y < Math.min(height, r.y1); y++) {
        for (let x = Math.max(0, r.x0); x < Math.min(width, r.x1); x++) {
          const i = 4 * (y * width + x);
          if (data[i]! - data[i + 2]! < 40) continue;
          box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x + 1), Math.max(box[3], y + 1)] : [x, y, x + 1, y + 1];
        }
      }
      return box;
    },
    { b64: png, r: region },
  );
}

test('a parcel at zoom 19 is drawn where it is, though the same result has a parcel 210 km away', async ({ page }) => {
  const rings = await parcelRings(NEAR);
  await page.goto(openUrl());
  // the first page a fresh host serves can take long on a busy machine
  await expect(page.getByTestId('store-status')).toContainText('4,000', { timeout: 90_000 });
  const map = page.getByTestId('map');
  await typeAndRun(page, `parcels | where PNU == '${NEAR}' or PNU == '${FAR}'`);
  await expect(map).toHaveAttribute('data-drawn-polygons', '2');

  // zoom to the near parcel (a double-click on its row), leave it unselected (it would be drawn
  // again on top, in blue, by another layer), then one step closer
  const row = page.getByTestId('results-table').locator('[role=row]', { hasText: NEAR });
  await row.dblclick();
  await expect(map).toHaveAttribute('data-view', /,18$/);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'false');
  await page.getByRole('button', { name: '확대' }).click();
  await expect(map).toHaveAttribute('data-view', /,19$/);
  await expect(map).toHaveAttribute('data-drawn-polygons', '2');
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'e2e/__screenshots__/map-precision-z19.png' });

  const [lng, lat, zoom] = (await map.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number];
  const size = (await map.boundingBox())!;
  const toPixel = project({ lng, lat, zoom }, size);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      const [x, y] = toPixel(ring[i]!, ring[i + 1]!);
      xs.push(x);
      ys.push(y);
    }
  }
  const expected = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  // about 120 px across at zoom 19; an error of metres is tens of pixels
  expect(expected[2]! - expected[0]!).toBeGreaterThan(80);
  const margin = 100;
  const drawn = await orangeBox(page, {
    x0: Math.floor(expected[0]! - margin),
    y0: Math.floor(expected[1]! - margin),
    x1: Math.ceil(expected[2]! + margin),
    y1: Math.ceil(expected[3]! + margin),
  });
  expect(drawn).not.toBeNull();
  // the outline is a pixel wide, centred on the edge: within 1.5 px of where the rings project
  for (let k = 0; k < 4; k++)
    expect(
      Math.abs(drawn![k]! - expected[k]!),
      `edge ${k}: drawn ${drawn!.join(',')} expected ${expected.map((v) => v.toFixed(1)).join(',')}`,
    ).toBeLessThanOrEqual(1.5);
});
