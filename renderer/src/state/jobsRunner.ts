import type { JobInfo } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { connect } from './hostMonitor';
import { followImport } from './importRunner';
import { loadModels } from './modelsRunner';
import { log, setSlice } from './store';

export async function loadInterruptedJobs(): Promise<void> {
  try {
    setSlice('jobs', { interrupted: (await client.jobs()).filter((j) => j.state === 'interrupted' && j.retryable) });
  } catch {
    // the host monitor reports a lost host
  }
}

/** Runs an interrupted job again and follows the new one like a fresh start. */
export async function retryJob(job: JobInfo): Promise<void> {
  try {
    const next = await client.retryJob(job.id);
    await loadInterruptedJobs();
    if (next.kind === 'import') return await followImport(next);
    let j = next;
    while (j.state === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      j = await client.job(j.id);
    }
    if (j.state === 'done') await Promise.all([loadModels(), connect()]);
    log(j.state === 'done' ? 'info' : 'error', `${j.label}: ${j.state}${j.error ? ` (${j.error})` : ''}`);
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_retry', detail: (e as Error).message } });
  }
}
