import type { Span } from './diagnostics';

export type Literal = string | boolean | null;

export type Expr =
  | { kind: 'column'; name: string; span: Span }
  | { kind: 'literal'; value: Literal; span: Span }
  /** a number as written (digits, '.', exponent): kept as text so no digit is lost (numberLiteral.ts) */
  | { kind: 'number'; text: string; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  | { kind: 'unary'; op: 'not' | '-'; operand: Expr; span: Span }
  | { kind: 'call'; name: string; nameSpan: Span; args: Expr[]; span: Span }
  | { kind: 'list'; items: Expr[]; span: Span }
  | { kind: 'in'; expr: Expr; list: Expr[]; negated: boolean; span: Span }
  | { kind: 'isNull'; expr: Expr; negated: boolean; span: Span }
  | { kind: 'between'; expr: Expr; low: Expr; high: Expr; negated: boolean; span: Span }
  | { kind: 'like'; expr: Expr; pattern: Expr; negated: boolean; span: Span }
  /** cast(x as integer): the value converted; a value that does not convert fails at its step */
  | { kind: 'cast'; expr: Expr; to: CastType; span: Span }
  /** f(...) over (a, b sort c desc): an aggregate or window function over a group of rows, in row order */
  | { kind: 'window'; call: Extract<Expr, { kind: 'call' }>; partition: Expr[]; order: SortItem[]; span: Span };

/** The types `cast` converts to, by their DSL names. */
export const CAST_TYPES = { integer: 'BIGINT', number: 'DOUBLE', text: 'VARCHAR', date: 'DATE', boolean: 'BOOLEAN' } as const;
export type CastType = keyof typeof CAST_TYPES;

export interface SortItem {
  expr: Expr;
  desc: boolean;
}

export type BinaryOp = 'or' | 'and' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export type Source =
  | { kind: 'from'; name: string; span: Span }
  /** textStart: where the SQL text begins in the query (inside the quotes), for error positions */
  | { kind: 'sql'; text: string; span: Span; textStart: number };

export interface SelectItem {
  expr: Expr;
  alias: string | null;
  span: Span;
}

export interface NamedExpr {
  name: string;
  nameSpan: Span;
  expr: Expr;
}

export interface Option {
  key: string;
  keySpan: Span;
  value: string;
  valueSpan: Span;
}

export type Step =
  | { kind: 'where'; expr: Expr; span: Span }
  | { kind: 'select'; items: SelectItem[]; span: Span }
  | { kind: 'derive'; items: NamedExpr[]; span: Span }
  | { kind: 'sort'; items: SortItem[]; span: Span }
  | { kind: 'take'; count: number; offset: number; span: Span }
  | { kind: 'map'; options: Option[]; span: Span }
  | { kind: 'stats'; aggregates: SelectItem[]; by: Expr[]; span: Span }
  | { kind: 'parcelJoin'; options: Option[]; span: Span }
  | { kind: 'within'; region: Expr; span: Span }
  /** distinct [a, b]: one row per distinct combination of the columns (all when none is named) */
  | { kind: 'distinct'; columns: { name: string; span: Span }[]; span: Span }
  /** sample N | sample P%: N rows, or P percent of them, picked at random (the same ones each run over the same data) */
  | { kind: 'sample'; count: number; unit: 'rows' | 'percent'; span: Span }
  /** join [left] <model> on a, b: the model's rows whose key columns equal the input's */
  | { kind: 'join'; side: 'inner' | 'left'; table: string; tableSpan: Span; keys: { name: string; span: Span }[]; span: Span }
  /** append (<pipeline>): the rows of another pipeline with the same columns */
  | { kind: 'append'; pipeline: Pipeline; span: Span }
  /** intersects/contains <model>, adjacent '<PNU>', spatial_join <model>: host-refined shape tests (spatialCheck.ts) */
  | { kind: 'spatial'; command: SpatialCommand; target: Expr; span: Span };

export type SpatialCommand = 'intersects' | 'contains' | 'adjacent' | 'spatial_join';

export interface Pipeline {
  source: Source;
  steps: Step[];
  span: Span;
}

/** Words inside expressions, with their help for hover and completion. */
export const EXPRESSION_WORDS: Readonly<Record<string, string>> = {
  over: 'f(...) over (group columns sort order) — sum, count, row_number, rank, lag, … per group and in order, on every row',
  cast: 'cast(x as integer | number | text | date | boolean) — convert a value; one that does not convert stops the query at its step',
};

/** The pipeline commands, with the one-line help the editor shows on hover. */
export const COMMANDS: Readonly<Record<string, string>> = {
  from: 'from <model> — start from a registered model (your data) or `parcels`, the cadastral store',
  parcels: 'parcels — start from the cadastral store (연속지적도)',
  sql: 'sql "SELECT ..." — start from one read-only SELECT over models and `parcels`',
  let: 'let name = <value> — before the source; $name stands for the value in the query',
  where: 'where <condition> — keep rows where the condition holds',
  select: 'select a, b as c — keep and rename columns (geometry is kept for the map)',
  derive: 'derive name = <expression>, ... — add computed columns',
  sort: 'sort a, b desc — order rows',
  take: 'take N [offset M] — keep the first N rows',
  map: 'map color=<column> — how the map colours the result; rows are unchanged',
  stats: 'stats count(), avg(x) by a, b — aggregate rows, optionally per group',
  parcel_join:
    "parcel_join address=<col> | sido=.. sgg=.. emd=.. bonbun=.. | pnu=<col> [keep=all] [parcels=all] — join matching parcels (parcels=all: every parcel of a road address's building, flagged in match_parcel)",
  distinct: 'distinct [a, b] — one row per distinct combination of the columns (all columns when none is named)',
  sample: 'sample N | sample P% — N rows, or P percent of the rows, picked at random, the same ones each run',
  join: "join [left] <model> on <column>, ... — add the columns of a model's rows whose key columns are equal (left: keep rows without a match)",
  append: 'append (from <model> | ...) — add the rows of another pipeline with the same columns',
  within:
    'within bbox(xmin, ymin, xmax, ymax) | near(lon, lat, meters) | <model> — keep shapes in a box, within a distance of a point (from the outline), or inside a shape of a model',
  intersects: 'intersects <model> — keep shapes that meet a shape of the model (exact, not just its box)',
  contains: 'contains <model> — keep shapes that hold a shape of the model whole (the parcel a point falls in)',
  adjacent: "adjacent '<PNU>' — parcels whose outline meets that parcel's (neighbours), the parcel itself left out",
  spatial_join: "spatial_join <model> — add the columns of each model shape a row's shape meets (one row per pair)",
};

/** The options of a step whose value is one of a few words: their help (hover) and their values (completion). */
export const OPTION_WORDS: Readonly<Record<string, { help: string; values: readonly string[] }>> = {
  keep: {
    help: 'keep=matched (default) | all — all keeps unmatched rows, with match_status, match_note and match_detail',
    values: ['matched', 'all'],
  },
  parcels: {
    help: "parcels=main (default) | all — all joins every parcel of a road address's building (대표지번 and 관련지번), one row each, flagged in match_parcel; 지번 rows are unchanged",
    values: ['main', 'all'],
  },
};
