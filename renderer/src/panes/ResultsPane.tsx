import { useMemo, useState } from 'react';
import { EXPORT_CRS, GEO_FORMATS, type ExportCrs, type ExportFormat } from '../../../shared/api/contract';
import { exportLabel, exportResult } from '../state/exportRunner';
import { ExportProgressView } from './ExportProgress';
import { MatchReportView } from './MatchReportView';
import { RunElapsed } from './RunElapsed';
import { RunErrorPanel } from './RunErrorPanel';
import { staleReason, StaleNotice } from './StaleNotice';
import { ResultsTable } from './ResultsTable';
import { chartColumns, StatsChart } from './StatsChart';
import { setSlice, useStore, useTab, useT } from '../state/store';

export function ResultsPane() {
  const t = useT();
  const result = useTab((s) => s.result);
  const failed = useTab((s) => s.runStatus === 'error');
  const stale = useTab(staleReason) !== null;
  const [tab, setTab] = useState<'table' | 'sql' | 'report' | 'chart'>('table');
  const chart = useMemo(() => (result ? chartColumns(result.table) : null), [result]);
  const reports = result?.matchReports ?? [];
  const unmatched = reports.reduce((a, r) => a + r.report.rows - r.report.counts.matched, 0);
  const crs = useStore((s) => s.jobs.exportCrs);
  // a result without geometry (a stats table) has nothing to draw: only the table formats
  const formats = (['geojson', 'csv', 'parquet', 'shapefile'] as const).filter(
    (f: ExportFormat) => result?.geometry || !GEO_FORMATS.includes(f),
  );
  return (
    <section className="pane results-pane" aria-label={t('results')}>
      <header>
        <div role="tablist">
          <button role="tab" aria-selected={tab === 'table'} onClick={() => setTab('table')}>
            {t('results')}
          </button>
          <button role="tab" aria-selected={tab === 'sql'} onClick={() => setTab('sql')} data-testid="sql-tab">
            {t('sql')}
          </button>
          {chart && (
            <button role="tab" aria-selected={tab === 'chart'} onClick={() => setTab('chart')} data-testid="chart-tab">
              {t('chart')}
            </button>
          )}
          {reports.length > 0 && (
            <button role="tab" aria-selected={tab === 'report'} onClick={() => setTab('report')} data-testid="report-tab">
              {t('matchReport')}
              {unmatched > 0 && (
                <span className="badge" data-testid="unmatched-badge">
                  {unmatched.toLocaleString()}
                </span>
              )}
            </button>
          )}
        </div>
        {result && (
          <span className="exports">
            {result.geometry && (
              <select
                aria-label={t('exportCrs')}
                title={t('exportCrs')}
                data-testid="export-crs"
                value={crs}
                onChange={(e) => setSlice('jobs', { exportCrs: Number(e.target.value) as ExportCrs })}
              >
                {EXPORT_CRS.map((c) => (
                  <option key={c} value={c}>
                    {t(`crs_${c}`)}
                  </option>
                ))}
              </select>
            )}
            {formats.map((f) => (
              <button key={f} type="button" onClick={() => void exportResult(f)} data-testid={`export-${f}`} title={t('export')}>
                {exportLabel(f, !!result.geometry)}
              </button>
            ))}
            <ExportProgressView />
          </span>
        )}
        <RunElapsed />
        {result && (
          <span className="muted" data-testid="result-summary" data-rows={result.table.numRows}>
            {result.table.numRows.toLocaleString()} {t('rows')} · {t('elapsed')} {result.elapsedMs} ms
          </span>
        )}
      </header>
      {failed && <RunErrorPanel />}
      <StaleNotice />
      <div className={stale ? 'results-body stale' : 'results-body'} data-stale={stale}>
        {tab === 'chart' && chart && result ? (
          <StatsChart table={result.table} spec={chart} />
        ) : tab === 'report' && reports.length ? (
          <div className="report-tab">
            {reports.map((r, i) => (
              <MatchReportView key={i} report={r.report} columns={r.columns} />
            ))}
          </div>
        ) : tab !== 'sql' ? (
          <ResultsTable result={result} />
        ) : (
          <div className="sql">
            <button type="button" onClick={() => void navigator.clipboard.writeText(result?.sql ?? '')}>
              {t('copy')}
            </button>
            <pre data-testid="sql-text">{result?.sql ?? ''}</pre>
          </div>
        )}
      </div>
    </section>
  );
}
