import type { Expr, Step } from './ast';
import type { CatalogColumn } from './catalog';
import type { CheckedPipeline, MapHints } from './checker';
import type { Span } from './diagnostics';
import type { JoinSpec } from './joinCheck';
import type { ParcelJoinSpec } from './parcelJoinCheck';
import type { SpatialSpec } from './spatialCheck';
import type { SpatialRelation } from './spatialSql';

/**
 * The relational plan: what the checker made of a query, one node per source and step, each with
 * its span and the typed columns it produces. The host binds what only it knows (the relations a
 * parcel_join reads) and the SQL generator turns the bound plan into one statement, once. A
 * failure after checking (an engine error at run time) is located at a node's span.
 */
export interface Plan {
  source: PlanSource;
  steps: PlanStep[];
  /** the result's columns */
  columns: CatalogColumn[];
  mapHints: MapHints;
  /** string literals compared with dates, read as these ISO dates ('2024.01.01' → 2024-01-01) */
  dates: ReadonlyMap<Expr, string>;
}

export type PlanSource =
  | { kind: 'table'; table: string; span: Span; columns: CatalogColumn[] }
  /** columns: what DuckDB described; null in the editor, before the host has described it */
  | { kind: 'sql'; text: string; span: Span; columns: CatalogColumn[] | null };

export type PlanStep =
  | { kind: 'step'; step: Step; span: Span; input: CatalogColumn[]; columns: CatalogColumn[] }
  | { kind: 'parcelJoin'; spec: ParcelJoinSpec; relations: JoinRelations; span: Span; input: CatalogColumn[]; columns: CatalogColumn[] }
  | { kind: 'join'; spec: JoinSpec; span: Span; input: CatalogColumn[]; columns: CatalogColumn[] }
  | { kind: 'append'; plan: Plan; span: Span; input: CatalogColumn[]; columns: CatalogColumn[] }
  /** a step the host refines with the geometry engine; relation: its table of accepted shapes */
  | { kind: 'spatial'; spec: SpatialSpec; relation: SpatialRelation; span: Span; input: CatalogColumn[]; columns: CatalogColumn[] };

/** What a parcel_join step reads: the host's per-query match relation and the store partitions it needs. */
export interface JoinRelations {
  /** one row per distinct address key: k0..kn, pnu, match_status, match_note, match_detail */
  matchTable: string;
  /** the parcels relation (the host narrows it to the partitions present) */
  parcels: string;
}

/**
 * The plan of a checked pipeline; null when a parcel_join could not be planned because its input
 * columns are not known yet (after a `sql "..."` source the host has not described).
 */
export function buildPlan(checked: CheckedPipeline): Plan | null {
  const { pipeline, columns } = checked;
  const src = pipeline.source;
  const source: PlanSource =
    src.kind === 'sql'
      ? { kind: 'sql', text: src.text, span: src.span, columns: checked.sqlColumns }
      : { kind: 'table', table: checked.sourceTable ?? src.name, span: src.span, columns: columns[0]! };
  const steps: PlanStep[] = [];
  for (const [i, step] of pipeline.steps.entries()) {
    const io = { span: step.span, input: columns[i]!, columns: columns[i + 1]! };
    const node = planStep(checked, i, io);
    if (!node) return null;
    steps.push(node);
  }
  return { source, steps, columns: columns[columns.length - 1]!, mapHints: checked.mapHints, dates: checked.dates };
}

function planStep(
  checked: CheckedPipeline,
  i: number,
  io: { span: Span; input: CatalogColumn[]; columns: CatalogColumn[] },
): PlanStep | null {
  const step = checked.pipeline.steps[i]!;
  // `within <model>` and `within near(...)` are spatial too: the checker listed them
  const spatial = checked.spatial.find((sp) => sp.step === i);
  if (spatial) return { kind: 'spatial', spec: spatial, relation: { table: `__spatial_${i + 1}`, box: null }, ...io };
  switch (step.kind) {
    case 'parcelJoin': {
      const spec = checked.joins.find((j) => j.step === i);
      return spec ? { kind: 'parcelJoin', spec, relations: defaultRelations(i), ...io } : null;
    }
    case 'join': {
      const spec = checked.tableJoins.find((j) => j.step === i);
      return spec ? { kind: 'join', spec, ...io } : null;
    }
    case 'append': {
      const sub = checked.appends.find((a) => a.step === i);
      const plan = sub && buildPlan(sub.checked);
      return plan ? { kind: 'append', plan, ...io } : null;
    }
    default:
      return { kind: 'step', step, ...io };
  }
}

/** The names a plan uses until the host binds its own: `__match_<n>` and the store's `parcels`. */
function defaultRelations(step: number): JoinRelations {
  return { matchTable: `__match_${step + 1}`, parcels: 'parcels' };
}

/** The plan with each parcel_join step reading the relations the host named for it. */
export function bindJoinRelations(plan: Plan, relations: (step: number) => JoinRelations): Plan {
  return { ...plan, steps: plan.steps.map((s, i) => (s.kind === 'parcelJoin' ? { ...s, relations: relations(i) } : s)) };
}

/** The plan with each spatial step reading the table (and prefilter box) the host named for it. */
export function bindSpatialRelations(plan: Plan, relation: (step: number, spec: SpatialSpec) => SpatialRelation): Plan {
  return { ...plan, steps: plan.steps.map((s, i) => (s.kind === 'spatial' ? { ...s, relation: relation(i, s.spec) } : s)) };
}

/**
 * The plan in lines, for snapshots and the CLI: each node's kind, its span, and how it changes the
 * columns (`+name:type` added or retyped, `-name` dropped); a source lists all its columns.
 */
export function explainPlan(plan: Plan): string {
  const cols = (cs: readonly CatalogColumn[]) => cs.map((c) => `${c.name}:${c.type}`).join(' ');
  const at = (s: Span) => `@${s.start}-${s.end}`;
  const src = plan.source;
  const lines = [
    src.kind === 'table'
      ? `table ${src.table} ${at(src.span)} → ${cols(src.columns)}`
      : `sql ${at(src.span)} → ${src.columns ? cols(src.columns) : '(columns not described yet)'}`,
  ];
  for (const s of plan.steps) {
    lines.push(`${nodeTitle(s)} ${at(s.span)}${columnChange(s.input, s.columns)}`);
    if (s.kind === 'append')
      lines.push(
        ...explainPlan(s.plan)
          .split('\n')
          .map((l) => `  ${l}`),
      );
  }
  return lines.join('\n');
}

function nodeTitle(s: PlanStep): string {
  switch (s.kind) {
    case 'parcelJoin':
      return `parcel_join ${s.spec.keep} via ${s.relations.matchTable}`;
    case 'join':
      return `join ${s.spec.side} ${s.spec.table} on ${s.spec.keys.map((k) => k.input).join(', ')}`;
    case 'append':
      return 'append';
    case 'spatial':
      return `spatial ${s.spec.predicate} via ${s.relation.table}`;
    case 'step':
      return s.step.kind;
  }
}

function columnChange(input: readonly CatalogColumn[], output: readonly CatalogColumn[]): string {
  const before = new Map(input.map((c) => [c.name, c.type]));
  const after = new Set(output.map((c) => c.name));
  const added = output.filter((c) => before.get(c.name) !== c.type).map((c) => ` +${c.name}:${c.type}`);
  const dropped = input.filter((c) => !after.has(c.name)).map((c) => ` -${c.name}`);
  const changes = [...dropped, ...added].join('');
  return changes ? ` →${changes}` : '';
}
