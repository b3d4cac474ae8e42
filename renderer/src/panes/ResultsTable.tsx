import { DataType, type Table } from 'apache-arrow';
import { num } from '../i18n';
import { useEffect, useMemo, useRef, useState } from 'react';
import { requestView } from '../map/viewRequests';
import { keepRows, rowOrder, rowsAsTsv, rowsInOrder, type SortKey } from './tableView';
import { rowDrawn } from '../map/colorScale';
import { useShownScale } from '../map/shownScale';
import { LegendFilterNote } from '../map/LegendFilterNote';
import { useTab, useT, log } from '../state/store';
import { select } from '../state/resultTabs';
import type { QueryResult } from '../state/slices/tabsSlice';

const ROW_HEIGHT = 24;
const OVERSCAN = 10;
const DEFAULT_WIDTH = 130;
/** a 19-digit PNU whole, in the table's monospaced digits */
const PNU_WIDTH = 175;
const MIN_WIDTH = 48;

/**
 * Virtualized: only the visible rows are in the DOM, so 100,000+ rows scroll smoothly. A header
 * click sorts (again: descending, a third time: result order), dragging a header's edge resizes
 * the column, Ctrl/Cmd+C copies the selected row as TSV.
 */
export function ResultsTable({ result }: { result: QueryResult | null }) {
  const t = useT();
  const selectedRow = useTab((s) => s.selectedRow);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const [height, setHeight] = useState(300);
  const [sort, setSort] = useState<SortKey | null>(null);
  const [widths, setWidths] = useState<Record<string, number>>({});
  const table = result?.table;
  const columns = useMemo(() => (table ? visibleColumns(table) : []), [table]);
  const sorted = useMemo(
    () => (table ? rowOrder(table, sort && columns.some((c) => c.name === sort.column) ? sort : null) : null),
    [table, sort, columns],
  );
  // the legend filter: only the rows of the legend item chosen, in the same order
  const { drawn, filter } = useShownScale();
  const order = useMemo(
    () => (table && drawn && filter ? keepRows(sorted, table.numRows, (r) => rowDrawn(drawn, r)) : sorted),
    [table, sorted, drawn, filter],
  );
  const count = order ? order.length : (table?.numRows ?? 0);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // a row selected on the map scrolls into view
  useEffect(() => {
    const el = scroller.current;
    const shownAt = selectedRow === null ? -1 : order ? order.indexOf(selectedRow) : selectedRow;
    if (el && shownAt >= 0 && shownAt < count) {
      const top = shownAt * ROW_HEIGHT;
      if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - 2 * ROW_HEIGHT) el.scrollTop = top - el.clientHeight / 2;
    }
  }, [selectedRow, order, count]);

  if (!table) return <div className="empty">{t('noResult')}</div>;
  const width = (name: string) => widths[name] ?? (/pnu/i.test(name) ? PNU_WIDTH : DEFAULT_WIDTH);
  const copy = (rows: Iterable<number>) => {
    void navigator.clipboard
      .writeText(
        rowsAsTsv(
          table,
          rows,
          columns.map((c) => c.name),
        ),
      )
      .then(
        () => log('info', { key: 'copied' }),
        (e: Error) => log('error', e.message),
      );
  };
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const row = order ? order[i]! : i;
    rows.push(
      <div
        key={row}
        role="row"
        aria-rowindex={i + 1}
        aria-selected={row === selectedRow}
        data-row={row}
        className={row === selectedRow ? 'row selected' : 'row'}
        style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
        onClick={() => {
          select(row === selectedRow ? null : row);
          if (row !== selectedRow) requestView({ kind: 'row', row, zoom: false });
        }}
        onDoubleClick={() => {
          select(row);
          requestView({ kind: 'row', row, zoom: true });
        }}
      >
        {columns.map((c) => (
          <div role="cell" key={c.name} className={c.numeric ? 'cell num' : 'cell'} style={{ flexBasis: width(c.name) }}>
            {format(c.get(row))}
          </div>
        ))}
      </div>,
    );
  }
  return (
    <div
      className="table"
      data-testid="results-table"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && selectedRow !== null) {
          e.preventDefault();
          copy([selectedRow]);
        }
      }}
    >
      <div className="table-tools">
        <button type="button" onClick={() => copy(rowsInOrder(count, order))} data-testid="copy-tsv">
          {t('copyTsv')}
        </button>
        <LegendFilterNote testId="table-filter" />
      </div>
      {/* the table role holds rows only (the tools above are not part of it); display: contents keeps the layout */}
      <div className="table-rows" role="table" aria-rowcount={count}>
        <div className="header-scroll" style={{ transform: `translateX(${-scrollLeft}px)` }}>
          <div className="row header" role="row">
            {columns.map((c) => (
              <div
                role="columnheader"
                key={c.name}
                className={c.numeric ? 'cell num' : 'cell'}
                style={{ flexBasis: width(c.name) }}
                aria-sort={sort?.column === c.name ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button type="button" className="sort" onClick={() => setSort(nextSort(sort, c.name))} data-testid={`sort-${c.name}`}>
                  {c.name}
                  {sort?.column === c.name ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
                <span
                  className="resize"
                  data-testid={`resize-${c.name}`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    const startX = e.clientX;
                    const start = width(c.name);
                    const move = (m: MouseEvent) => setWidths((w) => ({ ...w, [c.name]: Math.max(MIN_WIDTH, start + m.clientX - startX) }));
                    const up = () => {
                      window.removeEventListener('mousemove', move);
                      window.removeEventListener('mouseup', up);
                    };
                    window.addEventListener('mousemove', move);
                    window.addEventListener('mouseup', up);
                  }}
                />
              </div>
            ))}
          </div>
        </div>
        <div
          className="scroller"
          ref={scroller}
          // focusable, so the rows scroll by keyboard too; a row group, which a table may hold
          role="rowgroup"
          tabIndex={0}
          onScroll={(e) => {
            setScrollTop(e.currentTarget.scrollTop);
            setScrollLeft(e.currentTarget.scrollLeft);
          }}
        >
          <div style={{ height: count * ROW_HEIGHT, position: 'relative', width: columns.reduce((a, c) => a + width(c.name), 0) }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}

function nextSort(sort: SortKey | null, column: string): SortKey | null {
  if (sort?.column !== column) return { column, desc: false };
  return sort.desc ? null : { column, desc: true };
}

function visibleColumns(table: Table) {
  return table.schema.fields
    .map((f, j) => {
      // once per column: getChildAt joins the column's record batches into a new vector each call
      const vector = table.getChildAt(j)!;
      // numbers read right-aligned, digits under digits
      const numeric = DataType.isInt(f.type) || DataType.isFloat(f.type) || DataType.isDecimal(f.type);
      return { name: f.name, typeId: f.typeId, numeric, get: (i: number) => vector.get(i) as unknown };
    })
    .filter((c) => c.name !== 'geometry' && c.name !== 'bbox');
}

/** Numbers with thousands separators; fractions to two places. */
function format(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return Number.isInteger(v) ? num(v) : v.toLocaleString('ko-KR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (typeof v === 'bigint') return v.toLocaleString('ko-KR');
  if (v instanceof Uint8Array) return `(${v.length} bytes)`;
  return String(v);
}
