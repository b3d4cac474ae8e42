import type { ColumnType } from './catalog';

/**
 * The allow-list: the only functions a query may call. Each maps to one DuckDB function; none
 * touches files, settings or the network, so a query can only compute over the data it reads.
 */
export interface FunctionSpec {
  sql: string;
  minArgs: number;
  maxArgs: number;
  /** result type; 'arg' means the type of the first argument */
  returns: ColumnType | 'arg';
  aggregate: boolean;
  help: string;
}

const f = (sql: string, minArgs: number, maxArgs: number, returns: FunctionSpec['returns'], help: string, aggregate = false): FunctionSpec => ({
  sql, minArgs, maxArgs, returns, aggregate, help,
});

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  lower: f('lower', 1, 1, 'string', 'lower(text) — lower case'),
  upper: f('upper', 1, 1, 'string', 'upper(text) — upper case'),
  length: f('length', 1, 1, 'integer', 'length(text) — number of characters'),
  trim: f('trim', 1, 1, 'string', 'trim(text) — remove surrounding spaces'),
  substr: f('substr', 2, 3, 'string', 'substr(text, start, length) — part of a text (1-based)'),
  left: f('left', 2, 2, 'string', 'left(text, n) — first n characters'),
  right: f('right', 2, 2, 'string', 'right(text, n) — last n characters'),
  replace: f('replace', 3, 3, 'string', 'replace(text, from, to)'),
  concat: f('concat', 1, 16, 'string', 'concat(a, b, ...) — join texts'),
  contains: f('contains', 2, 2, 'boolean', 'contains(text, part)'),
  starts_with: f('starts_with', 2, 2, 'boolean', 'starts_with(text, prefix)'),
  coalesce: f('coalesce', 1, 16, 'arg', 'coalesce(a, b, ...) — first non-null value'),
  round: f('round', 1, 2, 'number', 'round(x, digits)'),
  abs: f('abs', 1, 1, 'arg', 'abs(x)'),
  floor: f('floor', 1, 1, 'number', 'floor(x)'),
  ceil: f('ceil', 1, 1, 'number', 'ceil(x)'),
  sqrt: f('sqrt', 1, 1, 'number', 'sqrt(x)'),
  greatest: f('greatest', 1, 16, 'arg', 'greatest(a, b, ...)'),
  least: f('least', 1, 16, 'arg', 'least(a, b, ...)'),
  count: f('count', 0, 1, 'integer', 'count() — rows; count(x) — non-null values', true),
  count_distinct: f('count', 1, 1, 'integer', 'count_distinct(x) — distinct values', true),
  sum: f('sum', 1, 1, 'number', 'sum(x)', true),
  avg: f('avg', 1, 1, 'number', 'avg(x) — mean', true),
  min: f('min', 1, 1, 'arg', 'min(x)', true),
  max: f('max', 1, 1, 'arg', 'max(x)', true),
  median: f('median', 1, 1, 'number', 'median(x)', true),
};

/** Region functions, valid only as the argument of `within`. */
export const REGIONS: Readonly<Record<string, { args: number; help: string }>> = {
  bbox: { args: 4, help: 'bbox(xmin, ymin, xmax, ymax) — a lon/lat rectangle (WGS 84)' },
  near: { args: 3, help: 'near(lon, lat, meters) — within a distance of a point' },
};
