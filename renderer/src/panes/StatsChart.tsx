import { DataType, type Table } from 'apache-arrow';
import { useMemo, useState } from 'react';

const MAX_BARS = 40;

/** What a bar chart can show: label columns (the `by` groups) and numeric measures; null when it cannot help. */
export function chartColumns(table: Table): { labels: string[]; measures: string[] } | null {
  const fields = table.schema.fields;
  if (fields.some((f) => f.name === 'geometry') || table.numRows < 2) return null;
  const isNumber = (t: DataType) => DataType.isInt(t) || DataType.isFloat(t);
  const measures = fields.filter((f) => isNumber(f.type)).map((f) => f.name);
  const labels = fields.filter((f) => !isNumber(f.type)).map((f) => f.name);
  return labels.length && measures.length ? { labels, measures } : null;
}

/** Horizontal bars for a `stats … by` result: the largest groups first, one measure at a time. */
export function StatsChart({ table, spec }: { table: Table; spec: NonNullable<ReturnType<typeof chartColumns>> }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const measure = chosen && spec.measures.includes(chosen) ? chosen : spec.measures[0]!;
  const bars = useMemo(() => {
    const labels = spec.labels.map((n) => table.getChild(n)!);
    const values = table.getChild(measure)!;
    const out: { label: string; value: number }[] = [];
    for (let i = 0; i < table.numRows; i++) {
      out.push({ label: labels.map((c) => String(c.get(i) ?? '∅')).join(' · '), value: Number(values.get(i) ?? 0) });
    }
    return out.sort((a, b) => b.value - a.value).slice(0, MAX_BARS);
  }, [table, spec, measure]);
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  return (
    <div className="chart" data-testid="stats-chart">
      {spec.measures.length > 1 && (
        <select value={measure} onChange={(e) => setChosen(e.target.value)} data-testid="chart-measure">
          {spec.measures.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      )}
      <svg width="100%" height={bars.length * 22 + 4} role="img" aria-label={measure}>
        {bars.map((b, i) => (
          <g key={b.label + i} transform={`translate(0, ${i * 22 + 2})`}>
            <text x="0" y="14" className="bar-label">
              {b.label}
            </text>
            <rect x="38%" y="2" height="16" width={`${(50 * Math.max(b.value, 0)) / max}%`} className="bar" data-testid="bar" />
            <text x={`${39 + (50 * Math.max(b.value, 0)) / max}%`} y="14" className="bar-value">
              {b.value.toLocaleString()}
            </text>
          </g>
        ))}
      </svg>
      {table.numRows > MAX_BARS && (
        <p className="muted small">
          {MAX_BARS} / {table.numRows.toLocaleString()}
        </p>
      )}
    </div>
  );
}
