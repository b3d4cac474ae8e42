import type { Table } from 'apache-arrow';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp, useT } from '../state/appStore';

const ROW_HEIGHT = 24;
const OVERSCAN = 10;

/** Virtualized: only the visible rows are in the DOM, so 100,000+ rows scroll smoothly. */
export function ResultsTable() {
  const t = useT();
  const result = useApp((s) => s.result);
  const selectedRow = useApp((s) => s.selectedRow);
  const select = useApp((s) => s.select);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const table = result?.table;
  const columns = useMemo(() => (table ? visibleColumns(table) : []), [table]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (el && selectedRow !== null) {
      const top = selectedRow * ROW_HEIGHT;
      if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - 2 * ROW_HEIGHT) el.scrollTop = top - el.clientHeight / 2;
    }
  }, [selectedRow]);

  if (!table) return <div className="empty">{t('noResult')}</div>;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(table.numRows, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 1}
        aria-selected={i === selectedRow}
        className={i === selectedRow ? 'row selected' : 'row'}
        style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
        onClick={() => select(i === selectedRow ? null : i)}
      >
        {columns.map((c) => (
          <div role="cell" key={c.name} className="cell">{format(c.get(i))}</div>
        ))}
      </div>,
    );
  }
  return (
    <div className="table" role="table" aria-rowcount={table.numRows} data-testid="results-table">
      <div className="row header" role="row">
        {columns.map((c) => <div role="columnheader" key={c.name} className="cell">{c.name}</div>)}
      </div>
      <div className="scroller" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: table.numRows * ROW_HEIGHT, position: 'relative' }}>{rows}</div>
      </div>
    </div>
  );
}

function visibleColumns(table: Table) {
  return table.schema.fields
    .map((f, j) => ({ name: f.name, typeId: f.typeId, get: (i: number) => table.getChildAt(j)!.get(i) as unknown }))
    .filter((c) => c.name !== 'geometry' && c.name !== 'bbox');
}

function format(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (v instanceof Uint8Array) return `(${v.length} bytes)`;
  return String(v);
}
