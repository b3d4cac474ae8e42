import type { ImportResult, JobInfo } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { num } from '../i18n';
import { connect } from './hostMonitor';
import { importReasonKey, requestReasonKey } from './importReason';
import { log, setSlice, slice } from './store';

const POLL_MS = 500;

/** Uploads the dropped files as one set, starts the import job and follows it until it ends. */
export async function importFiles(files: File[]): Promise<void> {
  setSlice('jobs', { uploading: true, importJob: null });
  try {
    const { uploadId } = await client.createUpload();
    for (const f of files) await client.uploadFile(uploadId, f.name, f);
    const job = await client.startImport({ uploadId });
    setSlice('jobs', { uploading: false, importJob: job });
    await followImport(job);
  } catch (e) {
    setSlice('jobs', { uploading: false });
    log('error', { key: 'failedIn', params: { what: 'area_import', detail: requestReasonKey(e) ?? (e as Error).message } });
  }
}

/** Follows an import job (a new one, or one retried after an interruption) until it ends. */
export async function followImport(started: JobInfo): Promise<void> {
  let job = started;
  setSlice('jobs', { importJob: job });
  while (job.state === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await client.job(job.id);
    setSlice('jobs', { importJob: job });
  }
  const result = importResult(job);
  if (result) {
    log('info', { key: 'importSummary', params: { imported: num(result.imported), rejected: num(result.rejected) } });
    await connect();
  } else {
    log('error', {
      key: 'importEnded',
      params: {
        state: job.state === 'cancelled' ? 'phase_cancelled' : 'phase_failed',
        detail: importReasonKey(job.errorReason) ?? job.error ?? '',
      },
    });
  }
}

/** The outcome of a finished import job. */
export function importResult(job: JobInfo | null): ImportResult | null {
  return job?.kind === 'import' && job.state === 'done' ? (job.result as ImportResult) : null;
}

export async function cancelImport(): Promise<void> {
  const job = slice('jobs').importJob;
  if (job?.state === 'running') await client.cancelJob(job.id);
}
