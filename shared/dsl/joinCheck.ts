import type { Step } from './ast';
import { findColumn, findTable, type Catalog, type CatalogColumn } from './catalog';
import { diag, type Diagnostic } from './diagnostics';
import { addJoinedColumns, renamedList, type JoinedColumn } from './joinedColumns';
import { suggest, unknownName } from './suggest';
import { kindOf, typeWords } from './valueTypes';

/** A checked `join <model> on ...`: the key pairs and the model columns it adds. */
export interface JoinSpec {
  /** index of the step in the pipeline */
  step: number;
  side: 'inner' | 'left';
  /** the model's exact catalog name */
  table: string;
  /** each key's name in the input and in the model, as each spells it */
  keys: { input: string; model: string }[];
  /** the model's other columns, with the name each gets (prefixed when the input already has it) */
  added: JoinedColumn[];
}

/** Checks a join step against the input columns and the model; returns the spec and the columns after it. */
export function checkJoin(
  step: Extract<Step, { kind: 'join' }>,
  index: number,
  cols: CatalogColumn[],
  catalog: Catalog,
  out: Diagnostic[],
): { spec: JoinSpec; columns: CatalogColumn[] } | null {
  const table = findTable(catalog, step.table);
  if (!table) {
    const names = catalog.tables.map((t) => t.name);
    out.push(diag(unknownName('model', step.table, names), step.tableSpan));
    return null;
  }
  const before = out.length;
  const keys: JoinSpec['keys'] = [];
  for (const key of step.keys) {
    const left = findColumn(cols, key.name);
    const right = findColumn(table.columns, key.name);
    if (!left) out.push(diag(`the input has no column '${key.name}' to join on`, key.span, 'error', hintFor(key.name, cols)));
    if (!right) out.push(diag(`${table.name} has no column '${key.name}' to join on`, key.span, 'error', hintFor(key.name, table.columns)));
    if (!left || !right) continue;
    const bad = [left, right].find((c) => !JOINABLE.has(kindOf(c.type)));
    if (bad) {
      out.push(
        diag(`'${key.name}' cannot be a join key: in ${bad === left ? 'the input' : table.name} it is ${typeWords(bad.type)}`, key.span),
      );
    } else if (kindOf(left.type) !== kindOf(right.type)) {
      // DuckDB would cast one side silently: '0012' = 12 matches, or a conversion error unlocated
      out.push(
        diag(
          `'${key.name}' is ${typeWords(left.type)} in the input and ${typeWords(right.type)} in ${table.name}`,
          key.span,
          'error',
          'derive a key of the same type first, e.g. derive k = concat(x) for text',
        ),
      );
    } else keys.push({ input: left.name, model: right.name });
  }
  if (out.length > before) return null;
  const keyNames = new Set(keys.map((k) => k.model));
  const taken = new Set(cols.map((c) => c.name.toLowerCase()));
  const columns = [...cols];
  const added = addJoinedColumns(
    table.columns.filter((c) => !keyNames.has(c.name)),
    `${table.name}_`,
    taken,
    columns,
  );
  const renamed = renamedList(added);
  if (renamed) {
    out.push(diag(`the input already has columns named like ${table.name}'s: ${renamed}`, step.tableSpan, 'warning'));
  }
  return { spec: { step: index, side: step.side, table: table.name, keys, added }, columns };
}

/** Kinds of value that compare exactly with `=`. */
const JOINABLE = new Set(['number', 'text', 'date', 'boolean']);

function hintFor(name: string, cols: readonly CatalogColumn[]): string | undefined {
  const hint = suggest(
    name,
    cols.map((c) => c.name),
  );
  return hint ? `did you mean '${hint}'?` : undefined;
}
