import { cancelExport } from '../state/exportRunner';
import { useStore, useTab, useT } from '../state/store';

/**
 * The running (or last) export: rows written, bytes sent, and a Cancel while it runs. A finished
 * export's status goes when a new result arrives: it spoke of the result before.
 */
export function ExportProgressView() {
  const t = useT();
  const { format, progress, of } = useStore((s) => s.jobs.export);
  const result = useTab((s) => s.result);
  if (!format || !progress) return null;
  const running = progress.phase === 'waiting' || progress.phase === 'running';
  if (!running && of !== result) return null;
  return (
    <span
      className="export-progress"
      data-testid="export-progress"
      data-phase={progress.phase}
      data-rows={progress.rows}
      data-bytes={progress.bytes}
    >
      {t(
        running
          ? 'exporting'
          : progress.phase === 'done'
            ? 'exportDone'
            : progress.phase === 'cancelled'
              ? 'exportCancelled'
              : 'exportFailed',
      )}
      {progress.rows > 0 && ` · ${progress.rows.toLocaleString()} ${t('rows')}`}
      {progress.bytes > 0 && ` · ${formatBytes(progress.bytes)}`}
      {running && (
        <button type="button" className="link" data-testid="export-cancel" onClick={() => void cancelExport()}>
          {t('cancel')}
        </button>
      )}
    </span>
  );
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
