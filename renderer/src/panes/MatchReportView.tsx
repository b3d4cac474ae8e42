import { useState } from 'react';
import { MATCH_STATUSES, type MatchReport } from '../../../shared/address/addressMapping';
import { renderReason } from '../../../shared/address/reasonMessages';
import { useApp, useT } from '../state/appStore';
import { UnmatchedRowsView } from './UnmatchedRowsView';

/**
 * Counts by status; one click lists what did not match with the reason for each: a model's rows
 * whole (every source column), or for a query's parcel_join the distinct addresses with how many
 * rows have each.
 */
export function MatchReportView({ report, columns, model }: { report: MatchReport; columns: string[]; model?: string }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const [showUnmatched, setShowUnmatched] = useState(false);
  const unmatched = report.rows - report.counts.matched;
  return (
    <div className="match-report" data-testid="match-report">
      <ul className="status-counts">
        {MATCH_STATUSES.map((s) => (
          <li key={s} className={`status-${s}`} data-testid={`count-${s}`} data-count={report.counts[s]}>
            <span>{t(`status_${s}`)}</span> <b>{report.counts[s].toLocaleString()}</b>
          </li>
        ))}
      </ul>
      {report.related && (
        <p className="small" data-testid="related-parcels">
          {t('relatedParcels')} <b>{report.related.parcels.toLocaleString()}</b>
          {report.related.missing > 0 && ` · ${t('relatedMissing')} ${report.related.missing.toLocaleString()}`}
        </p>
      )}
      {unmatched > 0 && (
        <button type="button" onClick={() => setShowUnmatched(!showUnmatched)} data-testid="show-unmatched">
          {showUnmatched ? t('hideUnmatched') : `${t('showUnmatched')} (${unmatched.toLocaleString()})`}
        </button>
      )}
      {showUnmatched && model && <UnmatchedRowsView model={model} />}
      {showUnmatched && !model && (
        <div className="unmatched" data-testid="unmatched-table">
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
                <th>{t('status')}</th>
                <th>{t('reason')}</th>
                <th>{t('matchDetail')}</th>
                <th>{t('rowsWithKey')}</th>
              </tr>
            </thead>
            <tbody>
              {report.unmatched.map((u, i) => (
                <tr key={i}>
                  {u.values.map((v, j) => (
                    <td key={j}>{v ?? <span className="muted">∅</span>}</td>
                  ))}
                  <td>{t(`status_${u.status}`)}</td>
                  {/* the reason in the UI's language; a report kept from before reasons had codes has only its note */}
                  <td>{u.reason ? renderReason(u.reason, lang) : u.note}</td>
                  <td>{u.detail ?? ''}</td>
                  <td className="num">{u.rows.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.unmatchedKeys > report.unmatched.length && (
            <p className="muted small">
              {t('unmatchedTruncated').replace('{n}', String(report.unmatched.length)).replace('{total}', String(report.unmatchedKeys))}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
