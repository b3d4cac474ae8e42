import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { bindSpatialRelations, type Plan } from '../../../shared/dsl/plan';
import type { Span } from '../../../shared/dsl/diagnostics';
import type { SpatialSpec } from '../../../shared/dsl/spatialCheck';
import { boxSql, nearBox, type Box } from '../../../shared/dsl/spatialSql';
import { literalSql, quoteIdent, type GeneratedSql } from '../../../shared/dsl/sqlgen';
import { PARCELS } from '../../../shared/dsl/catalog';
import { wkbBounds } from '../../models/modelTable';
import type { Engine } from '../../engine/engine';
import { ParquetWriter } from '../../store/parquet/parquetWriter';
import { geosEngine, GeosSession, GeosTestError, type ShapeKind } from './geosEngine';
import { toLocalMetres } from './localMetres';
import { BoxPlacer } from './boxPlacer';
import { readWkb } from '../../../shared/geo/wkb';
import { metresFromPoint } from './pointDistance';

/** A refusal found while refining, at the place in the query it concerns. */
export class SpatialQueryError extends Error {
  constructor(
    message: string,
    readonly span: Span,
    readonly hint?: string,
  ) {
    super(message);
  }
}

interface Shape {
  hash: bigint;
  wkb: Uint8Array;
  /** lon/lat; for near, grown by the distance */
  box: Box;
  /** for near(<model>, m): the point the shapes were laid out in metres around */
  centre: readonly [number, number] | null;
  handle: number;
  kind: ShapeKind;
  /** decides most candidates by their box alone (intersects, within, spatial_join on a valid area) */
  boxes: BoxPlacer | null;
}

/** the predicates a candidate's box decides when it lies wholly inside or wholly apart from the area */
const BOX_DECIDES = new Set<SpatialSpec['predicate']>(['intersects', 'within', 'join', 'adjacent']);

/**
 * The spatial steps of a query, in two halves around the one SQL generation. `bind` (before it)
 * reads each step's target shapes, which do not depend on the rows entering the step, and binds
 * the step to its per-query table and the bbox covering its targets (the generated SQL repeats the
 * box so Parquet statistics skip the rest). `refine` (after it) has DuckDB read the rows entering
 * each step (a prefix of the one statement) whose bbox meets the targets', decides each one exactly
 * (by its box where that lies wholly inside or apart from a target area, BoxPlacer; with GEOS
 * otherwise), and writes the accepted geometries' hashes to the step's table (spatialSql); steps run
 * in order, so a later step's input reads an earlier step's table.
 */
export class PreparedSpatial {
  private readonly targets = new Map<number, Shape[]>();
  private readonly created: string[] = [];

  private constructor(
    private readonly engine: Engine,
    /** null when no step tests against shapes (near a point is measured without GEOS) */
    private readonly session: GeosSession | null,
    /** the plan with each spatial step reading its table and prefilter box */
    public plan: Plan,
  ) {}

  static async bind(engine: Engine, plan: Plan, queryId: string, signal: AbortSignal): Promise<PreparedSpatial> {
    const shapes = plan.steps.some((s) => s.kind === 'spatial' && s.spec.target.kind !== 'point');
    const prepared = new PreparedSpatial(engine, shapes ? new GeosSession(await geosEngine()) : null, plan);
    try {
      const boxes = new Map<number, Box>();
      for (const [i, node] of plan.steps.entries()) {
        if (node.kind !== 'spatial') continue;
        const spec = node.spec;
        const targets = await targetShapes(engine, prepared.session, spec, signal);
        prepared.targets.set(i, targets);
        boxes.set(
          i,
          spec.target.kind === 'point' ? nearBox(spec.target.lon, spec.target.lat, spec.meters!) : union(targets.map((t) => t.box)),
        );
      }
      prepared.plan = bindSpatialRelations(plan, (i) => ({ table: `__spatial_${queryId}_${i + 1}`, box: boxes.get(i)! }));
    } catch (e) {
      await prepared.release();
      throw e;
    }
    return prepared;
  }

  async refine(workDir: string, generated: GeneratedSql, signal: AbortSignal): Promise<void> {
    for (const [i, node] of this.plan.steps.entries()) {
      if (node.kind !== 'spatial') continue;
      const { spec, relation } = node;
      const accepted = await refine(this.engine, this.session, spec, generated.inputOf(i), relation.box!, this.targets.get(i)!, signal);
      this.created.push(relation.table);
      await writeAccepted(this.engine, workDir, relation.table, accepted, spec.predicate === 'join');
    }
  }

  /** drops the per-query tables and frees the shapes */
  async release(): Promise<void> {
    for (const name of this.created.reverse()) await this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
    this.created.length = 0;
    this.session?.close();
  }
}

/** The shapes a step tests against: a model's, or one parcel's; none for a point. */
async function targetShapes(engine: Engine, session: GeosSession | null, spec: SpatialSpec, signal: AbortSignal): Promise<Shape[]> {
  const t = spec.target;
  if (t.kind === 'point') return [];
  const sql =
    t.kind === 'model'
      ? `SELECT hash(${quoteIdent(t.geometry)}) AS h, ST_AsWKB(${quoteIdent(t.geometry)}) AS w FROM ${quoteIdent(t.name)} WHERE ${quoteIdent(t.geometry)} IS NOT NULL`
      : `SELECT hash("geometry") AS h, ST_AsWKB("geometry") AS w FROM ${quoteIdent(PARCELS)} WHERE "PNU" = ${literalSql(t.pnu)} AND "geometry" IS NOT NULL`;
  const rows = await engine.rows<{ h: bigint; w: Uint8Array }>(sql, signal);
  if (!rows.length) {
    throw t.kind === 'model'
      ? new SpatialQueryError(`model '${t.name}' has no rows with a shape`, spec.targetSpan)
      : new SpatialQueryError(`no parcel ${t.pnu} in the store`, spec.targetSpan, "check the PNU: parcels | where PNU == '…'");
  }
  const boxes = rows.map((r) => wkbBounds(r.w));
  // near(<model>, m): the shapes in metres around their middle, and their boxes grown by m
  const centre = spec.meters === null ? null : middle(union(boxes));
  const shapes = rows.map((r, i): Shape => {
    const prepared = session!.prepare(centre ? toLocalMetres(r.w, centre[0], centre[1]) : r.w);
    if (!prepared)
      throw new SpatialQueryError(`shape ${i + 1} of ${t.kind === 'model' ? `'${t.name}'` : t.pnu} cannot be read`, spec.targetSpan);
    const box = centre ? grow(boxes[i]!, spec.meters!) : boxes[i]!;
    // a box inside the area meets it and lies in it; one apart from it does neither (for a
    // valid area: GEOS reads an invalid one its own way, so it decides every candidate)
    const placed = BOX_DECIDES.has(spec.predicate) && prepared.kind === 'polygon' && session!.isValid(r.w);
    return { hash: r.h, wkb: r.w, box, centre, ...prepared, boxes: placed ? BoxPlacer.of(readWkb(r.w).polygons) : null };
  });
  const name = t.kind === 'model' ? `'${t.name}'` : t.pnu;
  if (shapes.some((s) => s.kind === 'other'))
    throw new SpatialQueryError(`${name} holds shapes other than polygons and points`, spec.targetSpan);
  if (spec.predicate === 'within' && shapes.some((s) => s.kind === 'point')) {
    throw new SpatialQueryError(
      `\`within\` needs areas: ${name} holds points`,
      spec.targetSpan,
      `the parcels the points fall in: contains ${t.kind === 'model' ? t.name : ''}`.trim(),
    );
  }
  return shapes;
}

/** hash → the model shapes it met (for spatial_join) or [] for a kept row; absent: rejected. */
type Accepted = Map<bigint, bigint[]>;

/** A row entering a spatial step: its box, and its shape read only when a box cannot decide. */
interface Candidate {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  wkb(): Uint8Array;
}

/** what was seen of a hash: the box, and the shape where it was read */
interface Seen {
  box: Box;
  wkb: Uint8Array | null;
}

async function refine(
  engine: Engine,
  session: GeosSession | null,
  spec: SpatialSpec,
  input: string,
  box: Box,
  targets: Shape[],
  signal: AbortSignal,
): Promise<Accepted> {
  const g = quoteIdent(spec.geometry);
  const accepted: Accepted = new Map();
  const seen = new Map<bigint, Seen>();
  const self = spec.predicate === 'adjacent' ? targets[0]! : null;
  // read as columns, chunk by chunk: a shape's bytes leave the engine only when they are tested
  await engine.scan(
    `SELECT hash(${g}) AS h, ST_AsWKB(${g}) AS w, "bbox".xmin AS x0, "bbox".ymin AS y0, "bbox".xmax AS x1, "bbox".ymax AS y1
     FROM (${input}) WHERE ${g} IS NOT NULL AND ${boxSql(box, '"bbox"')}`,
    (chunk) => {
      for (let row = 0; row < chunk.rowCount; row++) {
        const h = chunk.value(0, row) as bigint;
        let bytes: Uint8Array | null = null;
        const c: Candidate = {
          x0: chunk.value(2, row) as number,
          y0: chunk.value(3, row) as number,
          x1: chunk.value(4, row) as number,
          y1: chunk.value(5, row) as number,
          wkb: () => (bytes ??= chunk.blob(1, row)!.slice()),
        };
        const before = seen.get(h);
        if (before) {
          // the SQL keeps rows by this hash: two different shapes sharing one would decide
          // together. Boxes alone decide alike for one box; where a shape was read, its bytes must match.
          if (!sameBox(before.box, c) || (before.wkb && !sameBytes(before.wkb, c.wkb())))
            throw new SpatialQueryError('two different shapes here share one hash, so the exact test cannot keep them apart', spec.span);
          continue;
        }
        const skip = self !== null && sameBytes(self.wkb, c.wkb());
        const hits = skip ? null : test(session, spec, c, targets);
        seen.set(h, { box: [c.x0, c.y0, c.x1, c.y1], wkb: bytes });
        if (hits) accepted.set(h, hits);
      }
    },
    signal,
  );
  return accepted;
}

/** The target shapes the candidate meets (as the predicate reads it); null when it is rejected. */
function test(session: GeosSession | null, spec: SpatialSpec, c: Candidate, targets: Shape[]): bigint[] | null {
  const t = spec.target;
  if (t.kind === 'point') return metresFromPoint(c.wkb(), t.lon, t.lat) <= spec.meters! ? [] : null;
  const centre = targets[0]!.centre;
  const geos = session!;
  // the candidate is parsed by GEOS only when a box cannot decide
  let g: number | null = null;
  const geometry = () => {
    g ??= geos.read(centre ? toLocalMetres(c.wkb(), centre[0], centre[1]) : c.wkb());
    if (g === null) throw new SpatialQueryError('a shape of these rows cannot be read', spec.span);
    return g;
  };
  const hits: bigint[] = [];
  try {
    for (const s of targets) {
      if (s.box[2] < c.x0 || s.box[0] > c.x1 || s.box[3] < c.y0 || s.box[1] > c.y1) continue;
      const place = s.boxes?.place(c.x0, c.y0, c.x1, c.y1) ?? 'boundary';
      const hit =
        place !== 'boundary'
          ? place === 'inside'
          : spec.predicate === 'near'
            ? geos.distanceWithin(s.handle, geometry(), spec.meters!)
            : spec.predicate === 'within'
              ? geos.covers(s.handle, geometry())
              : spec.predicate === 'contains'
                ? geos.coveredBy(s.handle, geometry())
                : geos.intersects(s.handle, geometry());
      if (!hit) continue;
      if (spec.predicate !== 'join') return [];
      hits.push(s.hash);
    }
  } catch (e) {
    if (e instanceof GeosTestError)
      throw new SpatialQueryError('the geometry engine could not test a shape here (an invalid outline?)', spec.span);
    throw e;
  }
  return hits.length ? hits : null;
}

/** The accepted hashes (and, for spatial_join, the shapes met) as a table, staged through Parquet. */
async function writeAccepted(engine: Engine, workDir: string, table: string, accepted: Accepted, pairs: boolean): Promise<void> {
  await fs.mkdir(workDir, { recursive: true });
  const file = path.join(workDir, `spatial-${randomUUID()}.parquet`);
  // UBIGINT hashes as decimal text: a Parquet int64 from a JavaScript number would round them
  const writer = new ParquetWriter(file, [{ name: 'h', type: 'string' }, ...(pairs ? [{ name: 's', type: 'string' as const }] : [])]);
  for (const [h, shapes] of accepted) {
    for (const s of pairs ? shapes : [0n]) {
      writer.values[0]!.string(h.toString());
      if (pairs) writer.values[1]!.string(s.toString());
    }
  }
  writer.close();
  try {
    const cols = pairs ? 'CAST(h AS UBIGINT) AS h, CAST(s AS UBIGINT) AS s' : 'CAST(h AS UBIGINT) AS h';
    await engine.exec(`CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT ${cols} FROM read_parquet(${literalSql(file)})`);
  } finally {
    await fs.rm(file, { force: true });
  }
}

function middle(b: Box): [number, number] {
  return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
}

/** A lon/lat box grown by at least `meters` on every side (degrees of longitude measured where they are shortest). */
function grow(b: Box, meters: number): Box {
  const lat = Math.max(Math.abs(b[1]), Math.abs(b[3]));
  const [x0, y0] = nearBox(0, lat, meters);
  const [dLon, dLat] = [-x0, lat - y0];
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

function union(boxes: Box[]): Box {
  return boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

function sameBox(b: Box, c: Candidate): boolean {
  return b[0] === c.x0 && b[1] === c.y0 && b[2] === c.x1 && b[3] === c.y1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
