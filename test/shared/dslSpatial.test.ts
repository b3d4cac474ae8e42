import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/dsl/catalog';
import { compile } from '../../shared/dsl/compile';
import { formatDiagnostic } from '../../shared/dsl/diagnostics';
import { generateSql } from '../../shared/dsl/sqlgen';
import { bindSpatialRelations, type Plan } from '../../shared/dsl/plan';
import { completionsAt } from '../../shared/dsl/completion';
import { hoverHelp } from '../../shared/dsl/hoverHelp';
import { catalog as base } from './dslFixtures';

const shapes = [
  { name: '지구명', type: 'string' as const },
  { name: 'PNU', type: 'string' as const },
  { name: 'geometry', type: 'geometry' as const },
  { name: 'bbox', type: 'struct' as const },
];
const catalog: Catalog = { tables: [...base.tables, { name: '사업지구', kind: 'model', columns: shapes }] };

const compiled = (src: string) => {
  const r = compile(src, catalog);
  if (!r.sql || !r.plan) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return { ...r, plan: r.plan, spatial: spatialSpecs(r.plan) };
};
const spatialSpecs = (plan: Plan) => plan.steps.flatMap((s) => (s.kind === 'spatial' ? [s.spec] : []));
const errors = (src: string) => compile(src, catalog).diagnostics.map(formatDiagnostic);

describe('spatial steps: the plan and the SQL', () => {
  it('intersects <model>: a spec for the host, SQL keeping the accepted geometries after the bbox prefilter', () => {
    const r = compiled('parcels | intersects 사업지구 | select PNU');
    expect(r.spatial).toEqual([
      expect.objectContaining({
        step: 0,
        predicate: 'intersects',
        geometry: 'geometry',
        target: { kind: 'model', name: '사업지구', geometry: 'geometry' },
      }),
    ]);
    expect(generateSql(bindSpatialRelations(r.plan, () => ({ table: '__spatial_x_1', box: [126.9, 37.5, 127, 37.6] }))).sql)
      .toMatchInlineSnapshot(`
      "WITH
      "__step1" AS (
        SELECT * FROM "parcels" WHERE "bbox".xmax >= 126.9 AND "bbox".xmin <= 127 AND "bbox".ymax >= 37.5 AND "bbox".ymin <= 37.6 AND hash("geometry") IN (SELECT "h" FROM "__spatial_x_1")
      ),
      "__step2" AS (
        SELECT "PNU", "geometry" FROM "__step1"
      )
      SELECT * FROM "__step2""
    `);
  });

  it('within <model>, contains <model>, adjacent and near are host-refined; within bbox stays plain SQL', () => {
    const predicates = (src: string) => compiled(src).spatial.map((s) => [s.predicate, s.target.kind]);
    expect(predicates('parcels | within 사업지구')).toEqual([['within', 'model']]);
    expect(predicates('parcels | contains 사업지구')).toEqual([['contains', 'model']]);
    expect(predicates("parcels | adjacent '1111010100100010000'")).toEqual([['adjacent', 'parcel']]);
    expect(compiled('parcels | within near(126.9769, 37.5759, 500)').spatial[0]!.target).toEqual({
      kind: 'point',
      lon: 126.9769,
      lat: 37.5759,
    });
    expect(predicates('parcels | within bbox(126.9, 37.5, 127, 37.6)')).toEqual([]);
    expect(compiled('parcels | within near(사업지구, 100)').spatial[0]).toMatchObject({
      predicate: 'near',
      meters: 100,
      target: { kind: 'model', name: '사업지구' },
    });
    expect(compiled('parcels | within near(126.9769, 37.5759, 500)').sql).toContain('hash("geometry") IN (SELECT "h" FROM "__spatial_1")');
  });

  it('spatial_join adds the model columns, prefixing a name the rows already have', () => {
    const r = compiled('parcels | spatial_join 사업지구 | select PNU, 지구명, 사업지구_PNU');
    expect(r.spatial[0]!.added).toEqual([
      { name: '지구명', as: '지구명' },
      { name: 'PNU', as: '사업지구_PNU' },
    ]);
    expect(generateSql(r.plan).inputOf(1)).toMatchInlineSnapshot(`
      "WITH
      "__step1" AS (
        SELECT s.*, m."지구명", m."PNU" AS "사업지구_PNU"
        FROM "parcels" AS s
        JOIN "__spatial_1" AS t ON hash(s."geometry") = t."h"
        JOIN "사업지구" AS m ON hash(m."geometry") = t."s"
      )
      SELECT * FROM "__step1""
    `);
  });
});

describe('spatial steps: located errors', () => {
  it('a model without shapes, an unknown model, the store as a target', () => {
    expect(errors('parcels | intersects 주소목록')).toEqual([
      "1:22: model '주소목록' has no shapes (no geometry column) — register it from GeoJSON, a shapefile or GeoParquet",
    ]);
    expect(errors('parcels | within 사업지구s')).toEqual(["1:18: unknown model '사업지구s' — did you mean '사업지구'?"]);
    expect(errors('parcels | contains parcels')[0]).toMatch(/^1:20: `contains` tests against your own shapes, not the whole store/);
  });

  it('rows without shapes, a PNU written as a number, a bad near', () => {
    expect(errors('from 주소목록 | intersects 사업지구')).toEqual([
      '1:13: `intersects` tests shapes: these rows have none (use it on `parcels`, after parcel_join, or on a model with shapes)',
    ]);
    expect(errors('parcels | adjacent 1111010100100010000')).toEqual([
      "1:20: adjacent takes a 19-digit PNU in quotes — write '1111010100100010000'",
    ]);
    expect(errors('parcels | within near(126.97, 37.57, -5)')).toEqual([
      '1:18: near(lon, lat, meters) takes a lon/lat point (WGS 84) and a distance above 0',
    ]);
    expect(errors('parcels | within near(126.97, 37.57)')).toEqual([
      "1:18: near takes 3 numbers, near(lon, lat, meters), a model and a distance, near(<model>, meters), or a parcel and a distance, near('<PNU>', meters)",
    ]);
    expect(errors('parcels | within near(사업지구, 0)')).toEqual(['1:29: near(<model>, meters) takes a distance above 0']);
    expect(errors('parcels | within near(주소목록, 10)')[0]).toMatch(/^1:23: model '주소목록' has no shapes/);
    expect(errors("parcels | intersects '사업지구'")[0]).toMatch(/^1:22: `intersects` takes the name of a model with shapes/);
  });

  it('parcel_join after a spatial step is refused at the join', () => {
    expect(errors('from 사업지구 | intersects 사업지구 | parcel_join pnu=PNU')[0]).toMatch(
      /^1:31: parcel_join cannot follow a spatial step/,
    );
  });
});

describe('spatial steps in the editor', () => {
  it('completes the commands after | and explains them on hover', () => {
    const labels = completionsAt('parcels | ', 10, catalog).options.map((o) => o.label);
    expect(labels).toEqual(expect.arrayContaining(['intersects', 'contains', 'adjacent', 'spatial_join']));
    expect(hoverHelp('parcels | spatial_join 사업지구', 12)?.help).toMatch(/^spatial_join <model>/);
    expect(hoverHelp('parcels | contains 사업지구', 12)?.help).toMatch(/^contains <model>/);
    expect(hoverHelp("parcels | where contains(JIBUN, '1')", 18)?.help).toMatch(/^contains\(text, part\)/);
  });

  it('completes the models with shapes after intersects, within, contains and spatial_join', () => {
    expect(completionsAt('parcels | intersects ', 21, catalog).options.map((o) => o.label)).toEqual(['사업지구']);
    expect(completionsAt('parcels | within ', 17, catalog).options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['사업지구', 'bbox', 'near']),
    );
  });
});
