import type { Expr, Step } from './ast';
import { findColumn, findTable, PARCELS, type Catalog, type CatalogColumn } from './catalog';
import { BBOX } from './bboxCovering';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { numericLiteral } from './numberLiteral';
import { unknownName } from './suggest';

/** What the shapes of the rows are tested against. */
export type SpatialTarget =
  /** a registered model's shapes (exact catalog name, and its geometry column) */
  | { kind: 'model'; name: string; geometry: string }
  /** one parcel of the store, by its PNU */
  | { kind: 'parcel'; pnu: string }
  /** a lon/lat point */
  | { kind: 'point'; lon: number; lat: number };

export type SpatialPredicate = 'intersects' | 'within' | 'contains' | 'adjacent' | 'near' | 'join';

/**
 * A step the host refines exactly (spatial/spatialRunner.ts): DuckDB prefilters on the bbox
 * covering, the geometry engine decides each candidate, and the generated SQL keeps the rows
 * whose geometry's hash the host accepted (spatialSql.ts).
 */
export interface SpatialSpec {
  step: number;
  predicate: SpatialPredicate;
  target: SpatialTarget;
  /** the input's geometry column */
  geometry: string;
  /** near: the distance in metres (from the point, or from the model's shapes: a buffer) */
  meters: number | null;
  /** spatial_join: the model's columns added, and the names they get */
  added: { name: string; as: string }[];
  span: Span;
  targetSpan: Span;
}

const PREDICATE: Readonly<Record<string, SpatialPredicate>> = {
  intersects: 'intersects',
  contains: 'contains',
  adjacent: 'adjacent',
  spatial_join: 'join',
};

/** `within <model>` and `within near(...)` are refined in the host; `within bbox(...)` stays plain SQL. */
export function isSpatialStep(step: Step): boolean {
  if (step.kind === 'spatial') return true;
  return step.kind === 'within' && (step.region.kind === 'column' || (step.region.kind === 'call' && step.region.name === 'near'));
}

/** Checks one spatial step; returns its spec and the columns after it, or null with diagnostics. */
export function checkSpatial(
  step: Step,
  index: number,
  cols: CatalogColumn[],
  catalog: Catalog,
  out: Diagnostic[],
): { spec: SpatialSpec; columns: CatalogColumn[] } | null {
  const command = step.kind === 'spatial' ? step.command : 'within';
  const target = step.kind === 'spatial' ? step.target : step.kind === 'within' ? step.region : null;
  if (!target) return null;
  const geometry = cols.find((c) => c.type === 'geometry');
  if (geometry && !cols.some((c) => c.name === BBOX && c.type === 'struct')) {
    // a derive gave the shape a new value (bboxCovering.ts): its box, the prefilter, went with it
    out.push(
      diag(
        `\`${command}\` needs the shapes' bbox, which an earlier step dropped when it replaced ${geometry.name}`,
        step.span,
        'error',
        `derive the new shape under another name, e.g. derive 버퍼 = buffer(${geometry.name}, 50)`,
      ),
    );
    return null;
  }
  if (!geometry) {
    out.push(
      diag(
        `\`${command}\` tests shapes: these rows have none (use it on \`parcels\`, after parcel_join, or on a model with shapes)`,
        step.span,
      ),
    );
    return null;
  }
  const base = { step: index, geometry: geometry.name, added: [], meters: null, span: step.span, targetSpan: target.span };
  const first = target.kind === 'call' && target.args.length === 2 ? target.args[0]! : null;
  if (command === 'within' && target.kind === 'call' && first?.kind === 'literal' && typeof first.value === 'string') {
    // near('<PNU>', meters): within that distance of one parcel's outline (its neighbourhood)
    const meters = numericLiteral(target.args[1]!);
    if (!/^\d{19}$/.test(first.value)) out.push(diag("near('<PNU>', meters) takes a 19-digit PNU", first.span));
    if (meters === null || !(meters > 0)) out.push(diag("near('<PNU>', meters) takes a distance above 0", target.args[1]!.span));
    if (!/^\d{19}$/.test(first.value) || meters === null || !(meters > 0)) return null;
    return { spec: { ...base, predicate: 'near', meters, target: { kind: 'parcel', pnu: first.value } }, columns: cols };
  }
  if (command === 'within' && target.kind === 'call' && target.args.length === 2 && target.args[0]!.kind === 'column') {
    // near(<model>, meters): within that distance of one of the model's shapes (a buffer around them)
    const model = modelTarget('near', target.args[0]!, catalog, out);
    const meters = numericLiteral(target.args[1]!);
    if (meters === null || !(meters > 0)) out.push(diag('near(<model>, meters) takes a distance above 0', target.args[1]!.span));
    if (!model || meters === null || !(meters > 0)) return null;
    const shapes = { kind: 'model' as const, name: model.name, geometry: model.columns.find((c) => c.type === 'geometry')!.name };
    return { spec: { ...base, predicate: 'near', meters, target: shapes }, columns: cols };
  }
  if (command === 'within' && target.kind === 'call') {
    const numbers = target.args.map((a) => numericLiteral(a));
    if (target.args.length !== 3 || numbers.some((n) => n === null)) {
      out.push(
        diag(
          "near takes 3 numbers, near(lon, lat, meters), a model and a distance, near(<model>, meters), or a parcel and a distance, near('<PNU>', meters)",
          target.span,
        ),
      );
      return null;
    }
    const [lon, lat, meters] = numbers as [number, number, number];
    if (!(meters > 0) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      out.push(diag('near(lon, lat, meters) takes a lon/lat point (WGS 84) and a distance above 0', target.span));
      return null;
    }
    return { spec: { ...base, predicate: 'near', meters, target: { kind: 'point', lon, lat } }, columns: cols };
  }
  if (command === 'adjacent') {
    const pnu = target.kind === 'literal' && typeof target.value === 'string' ? target.value : null;
    if (pnu === null || !/^\d{19}$/.test(pnu)) {
      const digits = target.kind === 'number' ? target.text : null;
      out.push(
        diag(
          'adjacent takes a 19-digit PNU in quotes',
          target.span,
          'error',
          digits ? `write '${digits}'` : "adjacent '1111010100100010000'",
        ),
      );
      return null;
    }
    return { spec: { ...base, predicate: 'adjacent', target: { kind: 'parcel', pnu } }, columns: cols };
  }
  const model = modelTarget(command, target, catalog, out);
  if (!model) return null;
  const predicate = command === 'within' ? 'within' : PREDICATE[command]!;
  const modelShapes = { kind: 'model' as const, name: model.name, geometry: model.columns.find((c) => c.type === 'geometry')!.name };
  if (predicate !== 'join') return { spec: { ...base, predicate, target: modelShapes }, columns: cols };
  // the model's columns join the row's; a name already there is prefixed with the model's
  const added: { name: string; as: string }[] = [];
  const columns = [...cols];
  for (const c of model.columns) {
    if (c.type === 'geometry' || c.name === 'bbox') continue;
    const as = findColumn(columns, c.name) ? `${model.name}_${c.name}` : c.name;
    if (findColumn(columns, as)) {
      out.push(diag(`spatial_join would add '${as}' twice: rename a column first (select … as …)`, target.span));
      return null;
    }
    added.push({ name: c.name, as });
    columns.push({ name: as, type: c.type });
  }
  return { spec: { ...base, predicate, added, target: modelShapes }, columns };
}

function modelTarget(
  command: string,
  target: Expr,
  catalog: Catalog,
  out: Diagnostic[],
): { name: string; columns: CatalogColumn[] } | null {
  if (target.kind !== 'column') {
    out.push(diag(`\`${command}\` takes the name of a model with shapes`, target.span, 'error', `${command} 사업지구`));
    return null;
  }
  const models = catalog.tables.filter((t) => t.kind === 'model');
  const table = findTable(catalog, target.name);
  if (!table) {
    const names = models.map((t) => t.name);
    out.push(diag(unknownName('model', target.name, names), target.span));
    return null;
  }
  if (table.name === PARCELS) {
    out.push(
      diag(
        `\`${command}\` tests against your own shapes, not the whole store`,
        target.span,
        'error',
        "for a parcel's neighbours: adjacent '<PNU>'",
      ),
    );
    return null;
  }
  if (!table.columns.some((c) => c.type === 'geometry')) {
    out.push(
      diag(
        `model '${table.name}' has no shapes (no geometry column)`,
        target.span,
        'error',
        'register it from GeoJSON, a shapefile or GeoParquet',
      ),
    );
    return null;
  }
  return table;
}
