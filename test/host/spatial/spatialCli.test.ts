import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { outlineBounds } from '../../../bench/synth/boundaries';
import { writeWkb } from '../../../shared/geo/wkb';
import { sggOutline } from './spatialFixtures';

const root = path.resolve(import.meta.dirname, '../../..');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'pilji-cli-spatial-'));
const pilji = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PILJI_WORKSPACE: workspace },
  });

describe('pilji query --model x.geojson', () => {
  it('reads GeoJSON as shapes (not as a CSV) and runs a spatial step against them', () => {
    const file = path.join(workspace, '구역.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { 이름: '중구' },
            geometry: { type: 'MultiPolygon', coordinates: sggOutline('서울특별시', '중구') },
          },
        ],
      }),
    );
    const r = pilji(
      'query',
      '--workspace',
      workspace,
      '--model',
      `구역=${file}`,
      '-e',
      'parcels | spatial_join 구역 | stats count() by 이름',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [header, row] = r.stdout.trim().split(/\r?\n/);
    expect(header).toBe('이름,count');
    expect(Number(row!.split(',')[1])).toBeGreaterThan(500);
    expect(row!.split(',')[0]).toBe('중구');
  });
});

describe('pilji query --model x.parquet with a geometry column', () => {
  it('gets the bbox covering, so within and the spatial steps work on it', async () => {
    const outline = sggOutline('서울특별시', '중구');
    const hex = Buffer.from(writeWkb(outline.map((p) => p.map((r) => r.flat())))).toString('hex');
    const file = path.join(workspace, '구역.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(
      `COPY (SELECT * FROM (VALUES ('중구', ST_GeomFromWKB(from_hex('${hex}'))), ('없음', NULL)) AS t(이름, geometry)) TO '${file}' (FORMAT parquet)`,
    );
    c.closeSync();
    const [x0, y0, x1, y1] = outlineBounds(outline);
    const r = pilji(
      'query',
      '--workspace',
      workspace,
      '--model',
      `구역=${file}`,
      '-e',
      `from 구역 | within bbox(${x0 - 0.001}, ${y0 - 0.001}, ${x0 + 0.001}, ${y1}) | select 이름`,
    );
    expect(r.stderr).toBe('');
    expect(
      r.stdout
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(',')[0]),
    ).toEqual(['이름', '중구']);
    const far = pilji(
      'query',
      '--workspace',
      workspace,
      '--model',
      `구역=${file}`,
      '-e',
      `from 구역 | within bbox(${x1 + 0.001}, ${y0}, ${x1 + 0.01}, ${y1}) | select 이름`,
    );
    expect(far.stdout.trim().split(/\r?\n/)).toHaveLength(1);
  });
});
