import type { ColumnType } from './catalog';

/**
 * The allow-list: the only functions a query may call. Each maps to one DuckDB function; none
 * touches files, settings or the network, so a query can only compute over the data it reads.
 */
/**
 * What an argument must be: text, a whole number, any number, a date, a condition (true/false),
 * a shape, anything, a value that compares (not a geometry), or the same type as the other `same`
 * arguments (coalesce, greatest, the two values of if).
 */
export type ParamType = 'text' | 'integer' | 'number' | 'date' | 'condition' | 'geometry' | 'any' | 'comparable' | 'same';

export interface FunctionSpec {
  sql: string;
  minArgs: number;
  maxArgs: number;
  /** argument types in order; the last one repeats for further arguments */
  params: readonly ParamType[];
  /** result type; 'arg' means the type of the (same-typed) arguments */
  returns: ColumnType | 'arg';
  aggregate: boolean;
  /** a window function: only with `over (...)` */
  window?: boolean;
  /** condition, value pairs, then the value for the rest (if): the params alternate, the last is a value */
  branches?: boolean;
  help: string;
}

const f = (
  sql: string,
  minArgs: number,
  maxArgs: number,
  params: readonly ParamType[],
  returns: FunctionSpec['returns'],
  help: string,
  aggregate = false,
): FunctionSpec => ({
  sql,
  minArgs,
  maxArgs,
  params,
  returns,
  aggregate,
  help,
});

// DuckDB picks an overload by the argument types and casts text and numbers into each other
// unasked; these are the types each function is meant for, checked before SQL is made.
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  lower: f('lower', 1, 1, ['text'], 'string', 'lower(text) — lower case'),
  upper: f('upper', 1, 1, ['text'], 'string', 'upper(text) — upper case'),
  length: f('length', 1, 1, ['text'], 'integer', 'length(text) — number of characters'),
  trim: f('trim', 1, 1, ['text'], 'string', 'trim(text) — remove surrounding spaces'),
  substr: f('substr', 2, 3, ['text', 'integer', 'integer'], 'string', 'substr(text, start, length) — part of a text (1-based)'),
  left: f('left', 2, 2, ['text', 'integer'], 'string', 'left(text, n) — first n characters'),
  right: f('right', 2, 2, ['text', 'integer'], 'string', 'right(text, n) — last n characters'),
  replace: f('replace', 3, 3, ['text'], 'string', 'replace(text, from, to)'),
  concat: f('concat', 1, 16, ['any'], 'string', 'concat(a, b, ...) — join texts'),
  contains: f('contains', 2, 2, ['text'], 'boolean', 'contains(text, part)'),
  starts_with: f('starts_with', 2, 2, ['text'], 'boolean', 'starts_with(text, prefix)'),
  coalesce: f('coalesce', 1, 16, ['same'], 'arg', 'coalesce(a, b, ...) — first non-null value'),
  round: f('round', 1, 2, ['number', 'integer'], 'number', 'round(x, digits)'),
  abs: f('abs', 1, 1, ['number'], 'arg', 'abs(x)'),
  floor: f('floor', 1, 1, ['number'], 'number', 'floor(x)'),
  ceil: f('ceil', 1, 1, ['number'], 'number', 'ceil(x)'),
  sqrt: f('sqrt', 1, 1, ['number'], 'number', 'sqrt(x)'),
  if: {
    ...f(
      'if',
      3,
      15,
      ['condition', 'same'],
      'arg',
      "if(condition, a, [condition2, b, …,] else) — the value of the first condition that holds, else the last: if(AREA_M2 >= 1000, '대형', AREA_M2 >= 300, '중형', '소형')",
    ),
    branches: true,
  },
  matches: f(
    'regexp_matches',
    2,
    2,
    ['text'],
    'boolean',
    "matches(text, pattern) — the text contains a match of the regular expression: matches(JIBUN, '^산')",
  ),
  extract: f(
    'regexp_extract',
    2,
    3,
    ['text', 'text', 'integer'],
    'string',
    "extract(text, pattern, group) — the part matching the regular expression ('' when none): extract(JIBUN, '([0-9]+)-', 1)",
  ),
  year: f('year', 1, 1, ['date'], 'integer', 'year(date) — the year, e.g. 2024'),
  month: f('month', 1, 1, ['date'], 'integer', 'month(date) — the month, 1–12'),
  day: f('day', 1, 1, ['date'], 'integer', 'day(date) — the day of the month'),
  greatest: f('greatest', 1, 16, ['same'], 'arg', 'greatest(a, b, ...)'),
  least: f('least', 1, 16, ['same'], 'arg', 'least(a, b, ...)'),
  // shapes, measured in metres on the Korea 2000 plane of their belt: computed in the host (electron/host/spatial/geometryFunctions.ts)
  area: f('pilji_area', 1, 1, ['geometry'], 'number', 'area(geometry) — the area in m² (0 for points): area(geometry) / 3.3058 is 평'),
  centroid: f('pilji_centroid', 1, 1, ['geometry'], 'geometry', "centroid(geometry) — the shape's centre of area, a point"),
  buffer: f(
    'pilji_buffer',
    2,
    2,
    ['geometry', 'number'],
    'geometry',
    'buffer(geometry, meters) — the area within that distance of the shape (negative: shrunk), arcs to a few centimetres',
  ),
  count: f('count', 0, 1, ['any'], 'integer', 'count() — rows; count(x) — non-null values', true),
  count_distinct: f('count', 1, 1, ['any'], 'integer', 'count_distinct(x) — distinct values', true),
  sum: f('sum', 1, 1, ['number'], 'number', 'sum(x)', true),
  avg: f('avg', 1, 1, ['number'], 'number', 'avg(x) — mean', true),
  min: f('min', 1, 1, ['comparable'], 'arg', 'min(x)', true),
  max: f('max', 1, 1, ['comparable'], 'arg', 'max(x)', true),
  median: f('median', 1, 1, ['number'], 'number', 'median(x)', true),
  row_number: w('row_number', 0, 0, ['any'], 'integer', 'row_number() over (group sort order) — 1, 2, 3 … within each group'),
  rank: w('rank', 0, 0, ['any'], 'integer', 'rank() over (group sort order) — rank within each group; ties share one, then a gap'),
  dense_rank: w('dense_rank', 0, 0, ['any'], 'integer', 'dense_rank() over (group sort order) — rank without gaps'),
  lag: w('lag', 1, 2, ['any', 'integer'], 'arg', 'lag(x, n) over (group sort order) — x of the row n before (default 1)'),
  lead: w('lead', 1, 2, ['any', 'integer'], 'arg', 'lead(x, n) over (group sort order) — x of the row n after (default 1)'),
};

function w(
  sql: string,
  minArgs: number,
  maxArgs: number,
  params: readonly ParamType[],
  returns: FunctionSpec['returns'],
  help: string,
): FunctionSpec {
  return { ...f(sql, minArgs, maxArgs, params, returns, help), window: true };
}

/** The type argument `i` of `n` must have (the last parameter repeats; branches alternate, the last a value). */
export function paramType(spec: FunctionSpec, i: number, n: number): ParamType {
  if (spec.branches) return i % 2 === 0 && i < n - 1 ? spec.params[0]! : spec.params[1]!;
  return spec.params[Math.min(i, spec.params.length - 1)]!;
}

/** A whole-number argument is an SQL INTEGER (32 bits): what round, left, right and substr all accept. */
export const INTEGER_PARAM_MAX = 2_147_483_647;

/** Region functions, valid only as the argument of `within`. */
export const REGIONS: Readonly<Record<string, { args: number; help: string }>> = {
  bbox: { args: 4, help: 'bbox(xmin, ymin, xmax, ymax) — a lon/lat rectangle (WGS 84)' },
  near: {
    args: 3,
    help: "near(lon, lat, meters) | near(<model>, meters) | near('<PNU>', meters) — within a distance of a point, of a model's shapes, or of a parcel (measured from the outlines)",
  },
};
