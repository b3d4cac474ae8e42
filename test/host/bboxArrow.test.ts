import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC, type StructRowProxy } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer(tempDir('bbox-arrow-ws'));
});
afterAll(async () => server.close());

async function query(dsl: string) {
  return tableFromIPC((await clientOf(server).query({ dsl })).arrow);
}

const BOX = 'Struct<{xmin:Float64, ymin:Float64, xmax:Float64, ymax:Float64}>';

describe('a query answer carries the bbox as a struct of float64, decoded by apache-arrow', () => {
  it("the store's boxes: each double as DuckDB holds it, to the last bit", async () => {
    const t = await query('parcels | take 300 | select PNU, bbox');
    expect(String(t.getChild('bbox')!.type)).toBe(BOX);
    // DuckDB's own text of each double (the shortest that reads back exactly), not through Arrow
    const text = await query(
      `sql "SELECT PNU, bbox.xmin::VARCHAR AS x0, bbox.ymin::VARCHAR AS y0, bbox.xmax::VARCHAR AS x1, bbox.ymax::VARCHAR AS y1 FROM parcels"`,
    );
    const expected = new Map(text.toArray().map((r: StructRowProxy) => [r.PNU as string, [r.x0, r.y0, r.x1, r.y1].map(Number)]));
    expect(t.numRows).toBe(300);
    const wrong = t.toArray().filter((r: StructRowProxy) => {
      const b = r.bbox as StructRowProxy;
      const want = expected.get(r.PNU as string)!;
      return ![b.xmin, b.ymin, b.xmax, b.ymax].every((v, k) => Object.is(v, want[k]));
    });
    expect(wrong.map((r: StructRowProxy) => r.PNU)).toEqual([]);
    expect((t.get(0)!.bbox as StructRowProxy).xmin).toBeGreaterThan(124);
  });

  it('a NULL box, a NULL entry, NaN, infinities, -0, the largest and the smallest doubles come back as they were', async () => {
    // a Parquet model with a bbox of its own (kept as it is), written by DuckDB
    const file = path.join(tempDir('bbox-arrow'), '상자.parquet');
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`COPY (SELECT * FROM (VALUES
      (1, {'xmin': '-126.97654321098766'::DOUBLE, 'ymin': 1.7976931348623157e308, 'xmax': 'NaN'::DOUBLE, 'ymax': NULL::DOUBLE}),
      (2, NULL),
      (3, {'xmin': -0.0::DOUBLE, 'ymin': 5e-324, 'xmax': '-inf'::DOUBLE, 'ymax': 'inf'::DOUBLE})
    ) AS t(id, bbox)) TO '${file}' (FORMAT parquet)`);
    duck.closeSync();
    const c = clientOf(server);
    const { uploadId } = await c.createUpload();
    await c.uploadFile(uploadId, path.basename(file), new Blob([new Uint8Array(readFileSync(file))]));
    await c.registerModel({ uploadId });
    const t = await query('from 상자 | sort id');
    expect(String(t.getChild('bbox')!.type)).toBe(BOX);
    const boxes = t.toArray().map((r: StructRowProxy) => (r.bbox as StructRowProxy | null)?.toJSON() ?? null);
    expect(boxes).toEqual([
      { xmin: -126.97654321098766, ymin: 1.7976931348623157e308, xmax: NaN, ymax: null },
      null,
      { xmin: -0, ymin: 5e-324, xmax: -Infinity, ymax: Infinity },
    ]);
    expect(Object.is(boxes[2]!.xmin, -0)).toBe(true);
    expect(t.getChild('bbox')!.nullCount).toBe(1);
  });

  it('an empty answer still carries the struct type', async () => {
    const t = await query(`parcels | where PNU = '0000000000000000000' | select PNU, bbox`);
    expect(t.numRows).toBe(0);
    expect(String(t.getChild('bbox')!.type)).toBe(BOX);
  });
});
