import { useRef } from 'react';
import { cancelImport, importFiles, importResult } from '../state/importRunner';
import { importReasonKey } from '../state/importReason';
import { routeDrop } from '../state/dropRouter';
import { DropZone } from './DropZone';
import { ImportSwitchOffer, ImportTarget } from './ImportTarget';
import { useStore, useT } from '../state/store';

const MAX_WARNINGS = 5;

/** Drop or pick 연속지적도 files; shows per-file progress (records/s, ETA) and a Cancel. */
export function ImportPanel() {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const { uploading, importJob: job } = useStore((s) => s.jobs);
  const running = uploading || job?.state === 'running';
  const p = job?.progress;
  const result = importResult(job);
  const reason = importReasonKey(job?.errorReason);
  return (
    <DropZone
      testId="import-panel"
      onFiles={(files) => {
        if (!running) void routeDrop(files, 'cadastral');
      }}
    >
      <h3>{t('importTitle')}</h3>
      <p className="muted small">{t('importHint')}</p>
      <ImportTarget />
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept=".zip,.shp,.shx,.dbf,.prj,.cpg"
        data-testid="import-input"
        onChange={(e) => e.target.files?.length && void importFiles([...e.target.files])}
      />
      <button type="button" disabled={running} onClick={() => input.current?.click()}>
        {t('importPick')}
      </button>
      {uploading && <p className="muted">{t('uploading')}</p>}
      {job?.state === 'running' && (
        <div className="job" data-testid="import-progress">
          {p?.phase === 'writing' ? (
            <p>{t('writingPartitions')}</p>
          ) : p ? (
            <>
              <p title={p.file}>
                {t('importing')} {p.fileIndex + 1}/{p.fileCount}: {p.file}
              </p>
              <progress max={p.total || 1} value={p.records} />
              <p className="muted small">
                {p.records.toLocaleString()} / {p.total.toLocaleString()} · {Math.round(p.recordsPerSecond).toLocaleString()}{' '}
                {t('perSecond')}
                {p.etaSeconds !== null && ` · ${Math.ceil(p.etaSeconds)} ${t('secondsLeft')}`}
              </p>
            </>
          ) : (
            <p>{t('importing')}…</p>
          )}
          <button type="button" onClick={() => void cancelImport()} data-testid="import-cancel">
            {t('cancel')}
          </button>
        </div>
      )}
      {result && (
        <p
          className="ok"
          data-testid="import-result"
          data-imported={result.imported}
          data-rejected={result.rejected}
          data-invalid-jimok={result.invalidJimok}
          data-unclosed-rings={result.unclosedRings}
        >
          {t('importDone')}: {result.imported.toLocaleString()} {t('imported')}, {result.rejected.toLocaleString()} {t('rejected')}
          {result.invalidJimok > 0 && (
            <>
              , {result.invalidJimok.toLocaleString()} {t('invalidJimok')}
            </>
          )}
          {result.unclosedRings > 0 && (
            <>
              , {result.unclosedRings.toLocaleString()} {t('unclosedRings')}
            </>
          )}
        </p>
      )}
      {result && <ImportSwitchOffer result={result} />}
      {result && result.warnings.length > 0 && (
        // what the import overruled or filled in (a .cpg the bytes contradicted, unknown 법정동 codes): a few, then a count
        <ul className="warnings small" data-testid="import-warnings">
          {result.warnings.slice(0, MAX_WARNINGS).map((w) => (
            <li key={w}>{w}</li>
          ))}
          {result.warnings.length > MAX_WARNINGS && <li>… +{result.warnings.length - MAX_WARNINGS}</li>}
        </ul>
      )}
      {(job?.state === 'failed' || job?.state === 'cancelled') && (
        // the cause in the UI's words where the host names it; its English message stays in the tooltip
        <p className="error" data-testid="import-error" data-reason={job.errorReason ?? ''} title={job.error ?? ''}>
          {t(job.state === 'failed' ? 'importFailed' : 'importCancelled')}: {reason ? t(reason) : job.error}
        </p>
      )}
    </DropZone>
  );
}
