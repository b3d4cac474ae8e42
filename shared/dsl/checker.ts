import type { Expr, Pipeline, Step } from './ast';
import { findTable, type Catalog, type CatalogColumn } from './catalog';
import { diag, type Diagnostic } from './diagnostics';
import { checkAppend } from './appendCheck';
import { checkJoin, type JoinSpec } from './joinCheck';
import { checkParcelJoin, type ParcelJoinSpec } from './parcelJoinCheck';
import { checkSpatial, isSpatialStep, type SpatialSpec } from './spatialCheck';
import { checkSqlSource } from './sqlSource';
import { checkStep, type MapHints } from './stepCheck';
import { unknownName } from './suggest';

export type { MapHints } from './stepCheck';

/** The pipeline with names resolved: for each step, the columns it reads and produces. */
export interface CheckedPipeline {
  pipeline: Pipeline;
  /** the table the source reads, with its exact catalog name */
  sourceTable: string | null;
  /** a `sql "..."` source's columns as the host described them; null when not described */
  sqlColumns: CatalogColumn[] | null;
  /** columns entering step i (index 0 = after the source); the last entry is the output */
  columns: CatalogColumn[][];
  mapHints: MapHints;
  /** the parcel_join steps, in pipeline order */
  joins: ParcelJoinSpec[];
  /** the join steps between the analyst's tables, in pipeline order */
  tableJoins: JoinSpec[];
  /** the pipelines of append steps, checked */
  appends: { step: number; checked: CheckedPipeline }[];
  /** the steps the host refines with the geometry engine, in pipeline order */
  spatial: SpatialSpec[];
  /** string literals compared with dates, read as these ISO dates ('2024.01.01' → 2024-01-01) */
  dates: ReadonlyMap<Expr, string>;
}

export interface CheckResult {
  checked: CheckedPipeline | null;
  diagnostics: Diagnostic[];
  /** columns entering each step as far as they are known, errors or not (for completion) */
  columns: CatalogColumn[][];
}

/**
 * `sqlColumns`: the columns of a `sql "..."` source, which only the engine can tell (the host
 * describes the SQL and checks again); without them the steps after it are not checked by name.
 */
export function check(pipeline: Pipeline, catalog: Catalog, sqlColumns?: CatalogColumn[]): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const mapHints: MapHints = {};
  const joins: ParcelJoinSpec[] = [];
  const tableJoins: JoinSpec[] = [];
  const appends: CheckedPipeline['appends'] = [];
  const spatial: SpatialSpec[] = [];
  const dates = new Map<Expr, string>();
  let sourceTable: string | null = null;
  let cols: CatalogColumn[] | null;

  const src = pipeline.source;
  if (src.kind === 'from') {
    const table = findTable(catalog, src.name);
    if (!table) {
      const names = catalog.tables.map((t) => t.name);
      diagnostics.push(diag(unknownName('model', src.name, names), src.span));
      cols = null;
    } else {
      sourceTable = table.name;
      cols = table.columns;
    }
  } else {
    // hints only: the host decides from DuckDB's own parse and describes the columns
    diagnostics.push(...checkSqlSource(src.text, src.textStart, catalog));
    cols = sqlColumns ?? null;
  }

  const columns: CatalogColumn[][] = [];
  pipeline.steps.forEach((step, i) => {
    columns.push(cols ?? []);
    // Once the columns are unknown (an earlier error), later steps are not checked against them.
    if (cols && step.kind === 'parcelJoin') {
      // the host prepares parcel_join steps before spatial ones (queryService): not the other way yet
      if (spatial.length)
        diagnostics.push(
          diag(
            'parcel_join cannot follow a spatial step (within <model>, near, intersects, …) yet',
            step.span,
            'error',
            'put parcel_join first',
          ),
        );
      const joined = checkParcelJoin(step, i, cols, catalog, diagnostics);
      if (joined) joins.push(joined.spec);
      cols = joined?.columns ?? null;
    } else if (cols && step.kind === 'join') {
      const joined = checkJoin(step, i, cols, catalog, diagnostics);
      if (joined) tableJoins.push(joined.spec);
      cols = joined?.columns ?? null;
    } else if (cols && step.kind === 'append') {
      const sub = checkAppended(step, catalog, diagnostics);
      if (sub) appends.push({ step: i, checked: sub });
      cols = sub && checkAppend(step, cols, sub.columns[sub.columns.length - 1]!, diagnostics);
    } else if (cols && isSpatialStep(step)) {
      const checkedStep = checkSpatial(step, i, cols, catalog, diagnostics);
      if (checkedStep) spatial.push(checkedStep.spec);
      cols = checkedStep?.columns ?? null;
    } else cols = cols && checkStep(step, cols, diagnostics, mapHints, dates);
  });
  columns.push(cols ?? []);
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return {
    checked: ok
      ? { pipeline, sourceTable, sqlColumns: sqlColumns ?? null, columns, mapHints, joins, tableJoins, appends, spatial, dates }
      : null,
    diagnostics,
    columns,
  };
}

/**
 * An appended pipeline, checked on its own: it reads a model or the store (a `sql "..."` source
 * is described by the host for the outer query only, and a parcel_join needs its own match table).
 */
function checkAppended(step: Extract<Step, { kind: 'append' }>, catalog: Catalog, out: Diagnostic[]): CheckedPipeline | null {
  const sub = step.pipeline;
  if (sub.source.kind === 'sql') {
    out.push(diag('an appended pipeline starts from a model or `parcels`', sub.source.span, 'error', 'append (from <model> | ...)'));
    return null;
  }
  const nested = sub.steps.find((s) => s.kind === 'parcelJoin');
  if (nested) {
    out.push(diag('parcel_join cannot run inside `append`', nested.span, 'error', 'append first, then parcel_join the combined rows'));
    return null;
  }
  const result = check(sub, catalog);
  out.push(...result.diagnostics);
  return result.checked;
}
