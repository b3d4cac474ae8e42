import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../../../electron/host/hostCore';
import { paths } from '../../../electron/host/paths';
import { loadedGeos } from '../../../electron/host/spatial/geosEngine';
import { readWkb } from '../../../shared/geo/wkb';
import { tempDir } from '../../store/synthFixtures';

/** GEOS (a few MB of WebAssembly) loads at the first query that needs it, never at start-up. */
let core: HostCore;
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('geos-lazy') });
});
afterAll(async () => core.close());

async function rows(dsl: string) {
  const outcome = await core.queries.run(dsl);
  if (!outcome.ok) throw new Error(outcome.error.error);
  return tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer()));
}

describe('GEOS loading', () => {
  it('is not loaded by start-up, plain queries, area, centroid or near a point', async () => {
    expect(loadedGeos()).toBeNull();
    expect((await rows('parcels | take 5 | derive 면적 = area(geometry), 중심 = centroid(geometry) | select PNU, 면적')).numRows).toBe(5);
    expect((await rows('parcels | within near(126.9769, 37.5759, 300) | select PNU')).numRows).toBeGreaterThan(0);
    expect(loadedGeos()).toBeNull();
  });

  it('loads for buffer: concurrent buffer queries wait for the one load and all answer', async () => {
    const dsl = 'parcels | take 20 | derive 버퍼 = buffer(geometry, 10) | select PNU, 버퍼';
    const answers = await Promise.all([rows(dsl), rows(dsl), rows(dsl)]);
    expect(loadedGeos()).not.toBeNull();
    for (const t of answers) {
      expect(t.numRows).toBe(20);
      for (let i = 0; i < t.numRows; i++) expect(readWkb(t.getChild('버퍼')!.get(i) as Uint8Array).polygons.length).toBeGreaterThan(0);
    }
  });
});
