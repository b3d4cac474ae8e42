import type { Expr, Step } from './ast';
import { containsAggregate, defaultAggregateName, rowColumns } from './aggregates';
import { BBOX, coveringReplaced, staleCovering } from './bboxCovering';
import type { CatalogColumn } from './catalog';
import { diag, type Diagnostic, type Span } from './diagnostics';
import { ExprScope } from './exprCheck';
import { REGIONS } from './functions';
import { numericLiteral } from './numberLiteral';
import { columnTypeOf, literalText } from './valueTypes';

export interface MapHints {
  color?: string;
}

/**
 * One step that reads and reshapes the rows in place (not a join, append or spatial step, which
 * have checks of their own): the columns after it, or null when it cannot be checked further.
 */
export function checkStep(
  step: Step,
  cols: CatalogColumn[],
  out: Diagnostic[],
  mapHints: MapHints,
  dates: Map<Expr, string>,
): CatalogColumn[] | null {
  // window functions compute a value per row, so they belong where rows keep their values
  const scope = new ExprScope(cols, out, dates, step.kind === 'derive' || step.kind === 'select');
  switch (step.kind) {
    case 'where':
      scope.condition(step.expr, '`where`');
      return cols;
    case 'select': {
      const result: CatalogColumn[] = [];
      for (const item of step.items) {
        const type = columnTypeOf(scope.expr(item.expr, 'rows'));
        const name = item.alias ?? (item.expr.kind === 'column' ? (scope.resolve(item.expr.name) ?? item.expr.name) : null);
        if (name === null) {
          out.push(diag('give a computed column a name: `select <expression> as name`', item.span));
          continue;
        }
        addColumn(result, { name, type }, item.span, out);
      }
      const geometry = cols.find((c) => c.type === 'geometry');
      if (geometry && !result.some((c) => c.name === geometry.name)) result.push(geometry);
      const stale = staleCovering(step, cols);
      if (stale)
        out.push(
          diag(
            '`bbox` covers the shape this step replaces: it would be stale',
            stale,
            'error',
            'leave bbox out (spatial steps need the original shape and its box)',
          ),
        );
      return result;
    }
    case 'derive': {
      const result = [...cols];
      for (const item of step.items) {
        const type = columnTypeOf(scope.expr(item.expr, 'rows'));
        const existing = result.findIndex((c) => c.name === item.name);
        if (existing >= 0) result[existing] = { name: item.name, type };
        else result.push({ name: item.name, type });
      }
      // a new shape in place of the one `bbox` covers: the box would be stale, so it goes (sqlgen drops it too)
      return coveringReplaced(step, cols) ? result.filter((c) => c.name !== BBOX) : result;
    }
    case 'sort':
      for (const item of step.items) {
        scope.expr(item.expr, 'rows');
        // SQL reads ORDER BY 2 as "the second column": a silently different order
        if (literalText(item.expr) !== null)
          out.push(diag('sort by a fixed value does not order rows', item.expr.span, 'error', 'name a column: sort AREA_M2 desc'));
      }
      return cols;
    case 'take':
    case 'sample':
      return cols;
    case 'distinct': {
      const result: CatalogColumn[] = [];
      for (const c of step.columns) {
        const name = scope.resolve(c.name);
        if (!name) scope.unknownColumn(c.name, c.span);
        else
          addColumn(
            result,
            cols.find((x) => x.name === name)!,
            c.span,
            out,
          );
      }
      return step.columns.length ? result : cols;
    }
    case 'map': {
      for (const o of step.options) {
        if (o.key !== 'color') {
          out.push(diag(`unknown map option '${o.key}' — use color=<column>`, o.keySpan));
          continue;
        }
        const name = scope.resolve(o.value);
        if (!name) scope.unknownColumn(o.value, o.valueSpan);
        else mapHints.color = name;
      }
      return cols;
    }
    case 'stats': {
      const result: CatalogColumn[] = [];
      for (const by of step.by) {
        const type = columnTypeOf(scope.expr(by, 'rows'));
        if (by.kind !== 'column') out.push(diag('`by` takes column names', by.span));
        else addColumn(result, { name: scope.resolve(by.name) ?? by.name, type }, by.span, out);
      }
      for (const item of step.aggregates) {
        const type = columnTypeOf(scope.expr(item.expr, 'stats'));
        if (!containsAggregate(item.expr)) {
          out.push(diag('stats takes aggregates such as count(), sum(x), avg(x)', item.span));
          continue;
        }
        // a column outside the aggregates has one value per group only when it is a `by` column
        const groups = new Set(step.by.flatMap((b) => (b.kind === 'column' ? [scope.resolve(b.name)] : [])));
        for (const c of rowColumns(item.expr)) {
          const name = scope.resolve(c.name);
          if (name && !groups.has(name)) {
            out.push(
              diag(
                `${name} is neither inside an aggregate nor a \`by\` column`,
                c.span,
                'error',
                `aggregate it (sum(${name}), max(${name})) or add it after \`by\``,
              ),
            );
          }
        }
        addColumn(result, { name: item.alias ?? defaultAggregateName(item.expr), type }, item.span, out);
      }
      return result;
    }
    case 'within': {
      if (!cols.some((c) => c.name === 'bbox' && c.type === 'struct')) {
        out.push(diag('`within` filters parcels by location: use it on `parcels` (or after parcel_join)', step.span));
        return cols;
      }
      const r = step.region;
      const spec = r.kind === 'call' ? REGIONS[r.name] : undefined;
      if (r.kind !== 'call' || !spec) {
        out.push(diag('`within` takes bbox(xmin, ymin, xmax, ymax), near(lon, lat, meters) or a model with shapes', r.span));
      } else if (r.args.length !== spec.args) {
        out.push(diag(`${r.name} takes ${spec.args} numbers: ${spec.help}`, r.span));
      } else {
        for (const a of r.args) if (numericLiteral(a) === null) out.push(diag('expected a number', a.span));
      }
      return cols;
    }
    case 'parcelJoin':
    case 'join':
    case 'append':
    case 'spatial':
      throw new Error(`${step.kind} is checked before checkStep`);
  }
}

function addColumn(result: CatalogColumn[], col: CatalogColumn, span: Span, out: Diagnostic[]): void {
  if (result.some((c) => c.name === col.name)) out.push(diag(`column '${col.name}' appears twice: rename one with \`as\``, span));
  else result.push(col);
}
