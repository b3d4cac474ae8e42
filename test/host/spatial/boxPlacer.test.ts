import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../../../electron/host/hostCore';
import { paths } from '../../../electron/host/paths';
import { BoxPlacer } from '../../../electron/host/spatial/boxPlacer';
import { geosEngine, GeosSession } from '../../../electron/host/spatial/geosEngine';
import { writeWkb, type Polygon } from '../../../shared/geo/wkb';
import { tempDir } from '../../store/synthFixtures';
import { sggOutline } from './spatialFixtures';

/**
 * The box shortcut of the spatial refine against GEOS's exact answer: a parcel whose box is
 * placed inside an outline must meet it and lie in it, one placed outside must not meet it.
 */
let core: HostCore;
let session: GeosSession;
let parcels: { w: Uint8Array; x0: number; y0: number; x1: number; y1: number }[];
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('box-placer') });
  parcels = await core.engine.rows(
    'SELECT ST_AsWKB(geometry) AS w, bbox.xmin AS x0, bbox.ymin AS y0, bbox.xmax AS x1, bbox.ymax AS y1 FROM parcels WHERE geometry IS NOT NULL',
  );
  session = new GeosSession(await geosEngine());
});
afterAll(async () => {
  session.close();
  await core.close();
});

/** an outline as flat rings, moved by (dx, dy)° so that its edges cut other parcels */
const polygonsOf = (o: number[][][][], dx = 0, dy = 0): Polygon[] => o.map((p) => p.map((r) => r.flatMap(([x, y]) => [x! + dx, y! + dy])));

/** each parcel's place, checked against GEOS; the counts of each verdict */
function placeAll(polygons: Polygon[]) {
  const placer = BoxPlacer.of(polygons)!;
  const target = session.prepare(writeWkb(polygons))!.handle;
  const counts = { inside: 0, outside: 0, boundary: 0, straddling: 0 };
  const wrong: string[] = [];
  for (const [i, p] of parcels.entries()) {
    const place = placer.place(p.x0, p.y0, p.x1, p.y1);
    const g = session.read(p.w)!;
    const [meets, within] = [session.intersects(target, g), session.covers(target, g)];
    counts[place]++;
    if (place === 'boundary' && meets && !within) counts.straddling++;
    if ((place === 'inside' && !(meets && within)) || (place === 'outside' && meets))
      wrong.push(`parcel ${i}: ${place}, GEOS ${meets}/${within}`);
  }
  return { counts, wrong };
}

describe('BoxPlacer', () => {
  it.each([
    ['중구', 0, 0],
    ['종로구', 0, 0],
    ['종로구', 0.004, -0.003],
    ['중구', -0.006, 0.005],
  ])('agrees with GEOS on every sample parcel against the KOSTAT 서울 %s outline moved by (%f°, %f°)', (sgg, dx, dy) => {
    const { counts, wrong } = placeAll(polygonsOf(sggOutline('서울특별시', sgg), dx, dy));
    expect(wrong).toEqual([]);
    // the sample store holds parcels on all three sides of these outlines
    expect(counts.inside).toBeGreaterThan(100);
    expect(counts.outside).toBeGreaterThan(100);
    expect(counts.straddling).toBeGreaterThan(10);
  });

  it('places a box in a hole outside, across its edge on the boundary', () => {
    const square = (x0: number, y0: number, x1: number, y1: number) => [x0, y0, x1, y0, x1, y1, x0, y1, x0, y0];
    const placer = BoxPlacer.of([[square(0, 0, 10, 10), square(4, 4, 6, 6)]])!;
    expect(placer.place(1, 1, 2, 2)).toBe('inside');
    expect(placer.place(4.5, 4.5, 5.5, 5.5)).toBe('outside');
    expect(placer.place(3, 4.5, 4.5, 5)).toBe('boundary');
    expect(placer.place(9, 9, 11, 11)).toBe('boundary');
    expect(placer.place(11, 11, 12, 12)).toBe('outside');
    // a box holding the whole area meets its edges
    expect(placer.place(-1, -1, 11, 11)).toBe('boundary');
  });
});
