import { useEffect, useMemo, useState } from 'react';
import { REASON_MESSAGES, renderReason } from '../../../shared/address/reasonMessages';
import type { UnmatchedCsvRequest, UnmatchedRows } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { fill, num, sayIn } from '../i18n';
import { saidOf } from '../state/hostError';
import { useStore, useT } from '../state/store';

/**
 * A model's unmatched rows, whole: every column of the requester's file (순번, 비고, …) with the
 * status, the reason and the detail; filtered and sorted by reason, and saved as the CSV that
 * goes back to the requester (the host writes it, through the one CSV writer).
 */
export function UnmatchedRowsView({ model }: { model: string }) {
  const t = useT();
  const lang = useStore((s) => s.settings.lang);
  const [list, setList] = useState<UnmatchedRows | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [byReason, setByReason] = useState(false);
  useEffect(() => {
    let live = true;
    client.unmatchedRows(model).then(
      (l) => live && setList(l),
      (e: unknown) => live && setError(sayIn(lang, saidOf(e))),
    );
    return () => {
      live = false;
    };
  }, [model, lang]);
  const codes = useMemo(() => {
    const counts = new Map<string, number>();
    for (const r of list?.rows ?? []) if (r.reason) counts.set(r.reason.code, (counts.get(r.reason.code) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [list]);
  const shown = useMemo(() => {
    const rows = (list?.rows ?? []).filter((r) => !reason || r.reason?.code === reason);
    return byReason ? [...rows].sort((a, b) => (a.reason?.code ?? '').localeCompare(b.reason?.code ?? '')) : rows;
  }, [list, reason, byReason]);
  if (error)
    return (
      <p className="error" data-testid="unmatched-error">
        {error}
      </p>
    );
  if (!list) return null;
  const save = async (encoding: UnmatchedCsvRequest['encoding']) => {
    const req: UnmatchedCsvRequest = {
      encoding,
      lang,
      headers: [t('status'), t('reason'), t('matchDetail')],
      statuses: { not_found: t('status_not_found'), ambiguous: t('status_ambiguous'), invalid: t('status_invalid') },
      ...(reason && { reason }),
    };
    try {
      const bytes = await client.unmatchedCsv(model, req);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/csv' }));
      a.download = `${fill(t('unmatchedFile'), { name: model })}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (e) {
      setError(sayIn(lang, saidOf(e)));
    }
  };
  // a reason's words without its particulars: the filter's choice
  const reasonName = (code: string) =>
    REASON_MESSAGES[lang][`reason_${code}` as keyof (typeof REASON_MESSAGES)['ko']].replace(/'?\{\w+\}'?/g, '…');
  return (
    <div className="unmatched-rows" data-testid="unmatched-rows">
      <div className="unmatched-tools">
        <span>{fill(t('unmatchedRowsShown'), { n: num(shown.length) })}</span>
        <select aria-label={t('filterReason')} data-testid="unmatched-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
          <option value="">{t('allReasons')}</option>
          {codes.map(([code, n]) => (
            <option key={code} value={code}>{`${reasonName(code)} (${num(n)})`}</option>
          ))}
        </select>
        <span>{t('unmatchedCsv')}:</span>
        <button type="button" data-testid="unmatched-csv-cp949" onClick={() => void save('cp949')}>
          {t('csvCp949')}
        </button>
        <button type="button" data-testid="unmatched-csv-utf8" onClick={() => void save('utf-8')}>
          {t('csvUtf8')}
        </button>
      </div>
      <div className="unmatched">
        <table>
          <thead>
            <tr>
              {list.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>{t('status')}</th>
              <th aria-sort={byReason ? 'ascending' : 'none'}>
                <button
                  type="button"
                  className="link"
                  data-testid="sort-reason"
                  title={t('sortByReason')}
                  onClick={() => setByReason(!byReason)}
                >
                  {t('reason')} {byReason ? '▲' : '↕'}
                </button>
              </th>
              <th>{t('matchDetail')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i} data-testid="unmatched-row" data-reason={r.reason?.code ?? ''}>
                {r.values.map((v, j) => (
                  <td key={j}>{v ?? ''}</td>
                ))}
                <td>{t(`status_${r.status}`)}</td>
                <td className="reason-text">{r.reason ? renderReason(r.reason, lang) : ''}</td>
                <td>{r.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.truncated && <p className="muted small">{fill(t('unmatchedMore'), { n: num(list.rows.length) })}</p>}
    </div>
  );
}
