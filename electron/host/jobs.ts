import { randomUUID } from 'node:crypto';
import type { JobInfo, JobProgress } from '../../shared/api/contract';
import type { Logger } from './logger';

export interface JobContext {
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

/**
 * Long work (imports) runs as jobs: each has progress the UI polls and a Cancel that aborts it.
 * Finished jobs stay listed (the last 50) so the UI can show their outcome.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, { info: JobInfo; controller: AbortController }>();

  constructor(private readonly logger: Logger) {}

  start(kind: JobInfo['kind'], label: string, run: (ctx: JobContext) => Promise<JobInfo['result']>, isCancel: (e: unknown) => boolean): JobInfo {
    const info: JobInfo = { id: randomUUID(), kind, label, state: 'running', progress: null, result: null, error: null, startedAt: new Date().toISOString(), endedAt: null };
    const controller = new AbortController();
    this.jobs.set(info.id, { info, controller });
    this.prune();
    const started = performance.now();
    const fields = () => ({ jobId: info.id, kind, label, durationMs: Math.round(performance.now() - started) });
    this.logger.info('job', `${kind} started`, { jobId: info.id, kind, label });
    void run({ signal: controller.signal, progress: (p) => (info.progress = p) }).then(
      (result) => {
        Object.assign(info, { state: 'done', result, endedAt: new Date().toISOString() });
        this.logger.info('job', `${kind} done`, fields());
      },
      (e: unknown) => {
        Object.assign(info, {
          state: isCancel(e) || controller.signal.aborted ? 'cancelled' : 'failed',
          error: e instanceof Error ? e.message : String(e),
          endedAt: new Date().toISOString(),
        });
        this.logger.log(info.state === 'failed' ? 'error' : 'info', 'job', `${kind} ${info.state}: ${info.error}`, fields());
      },
    );
    return info;
  }

  get(id: string): JobInfo | undefined {
    return this.jobs.get(id)?.info;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => j.info).reverse();
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || job.info.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.info.state !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - 50))) this.jobs.delete(j.info.id);
  }
}
