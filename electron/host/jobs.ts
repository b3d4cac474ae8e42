import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { JobInfo, JobProgress } from '../../shared/api/contract';
import { errorReason } from './errorReason';
import { writeFileAtomic } from '../store/manifest';
import type { Logger } from './logger';
import { readStateFile, type WorkspaceProblems } from '../workspace/workspaceState';

export interface JobContext {
  signal: AbortSignal;
  progress(p: JobProgress): void;
}

/** What a job needs to run again (kept in the workspace with the job, never sent to clients). */
export type RetrySpec = Record<string, unknown>;

type Work = (ctx: JobContext) => Promise<JobInfo['result']>;

interface Entry {
  info: JobInfo;
  controller: AbortController | null;
  retry: RetrySpec | null;
  done: Promise<void>;
}

const KEEP = 50;

/**
 * Long work (imports, model registrations) runs as jobs: each has progress the UI polls and a
 * Cancel that aborts it. The list is kept in `<workspace>/jobs.json` (atomically, at every start
 * and end), so a job the host was killed in the middle of is shown after a restart as
 * 'interrupted', with a Retry that runs it again from what it was started with.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Entry>();
  private readonly retryHandlers = new Map<JobInfo['kind'], (spec: RetrySpec) => JobInfo>();
  private saving: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly logger: Logger,
    private readonly file: string | null,
  ) {}

  /**
   * The registry of a workspace (`kept.file`: its jobs.json, read back with the jobs of earlier
   * runs; a damaged one reported to `kept.problems`), or, without `kept`, in memory only.
   */
  static async open(logger: Logger, kept?: { file: string; problems: WorkspaceProblems }): Promise<JobRegistry> {
    const registry = new JobRegistry(logger, kept?.file ?? null);
    if (!kept) return registry;
    const saved = await readStateFile(kept.file, asSavedJobs, kept.problems, 'the list of earlier jobs');
    for (const { info, retry } of saved ?? []) {
      if (info.state === 'running') {
        Object.assign(info, {
          state: 'interrupted',
          progress: null,
          error: 'Pilji stopped while this job ran (closed or crashed); nothing of it was kept',
          endedAt: info.endedAt ?? new Date().toISOString(),
        });
        info.retryable = retry !== null;
        logger.warn('job', `${info.kind} interrupted by a host stop`, { jobId: info.id, label: info.label });
      }
      registry.jobs.set(info.id, { info, controller: null, retry, done: Promise.resolve() });
    }
    await registry.save();
    return registry;
  }

  /** How a job of `kind` runs again from its RetrySpec (it must start a new job). */
  onRetry(kind: JobInfo['kind'], handler: (spec: RetrySpec) => JobInfo): void {
    this.retryHandlers.set(kind, handler);
  }

  start(kind: JobInfo['kind'], label: string, run: Work, isCancel: (e: unknown) => boolean, retry: RetrySpec | null = null): JobInfo {
    return this.begin(kind, label, run, isCancel, retry).info;
  }

  /**
   * Runs a job and waits for it, for work a request answers with its outcome (a model
   * registration): its result, or the error it failed with, as it was thrown.
   */
  async run<T extends JobInfo['result']>(
    kind: JobInfo['kind'],
    label: string,
    work: (ctx: JobContext) => Promise<T>,
    retry: RetrySpec | null = null,
  ): Promise<T> {
    let failure: { e: unknown } | null = null;
    const entry = this.begin(
      kind,
      label,
      (ctx) =>
        work(ctx).catch((e: unknown) => {
          failure = { e };
          throw e;
        }),
      () => false,
      retry,
    );
    await entry.done;
    if (failure) throw (failure as { e: unknown }).e;
    return entry.info.result as T;
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
    job.controller?.abort();
    return true;
  }

  /** Runs an interrupted job again as a new job; the old one is marked as retried. */
  retry(id: string): JobInfo | string {
    const job = this.jobs.get(id);
    if (!job) return 'no such job';
    const handler = this.retryHandlers.get(job.info.kind);
    if (!job.info.retryable || !job.retry || !handler) return `this job cannot be retried (${job.info.state})`;
    job.info.retryable = false;
    const next = handler(job.retry);
    job.info.error = `${job.info.error ?? ''} — retried as job ${next.id}`;
    void this.save();
    return next;
  }

  private begin(kind: JobInfo['kind'], label: string, run: Work, isCancel: (e: unknown) => boolean, retry: RetrySpec | null): Entry {
    const info: JobInfo = {
      id: randomUUID(),
      kind,
      label,
      state: 'running',
      progress: null,
      result: null,
      error: null,
      startedAt: new Date().toISOString(),
      endedAt: null,
      retryable: false,
    };
    const controller = new AbortController();
    const started = performance.now();
    const fields = () => ({ jobId: info.id, kind, label, durationMs: Math.round(performance.now() - started) });
    this.logger.info('job', `${kind} started`, { jobId: info.id, kind, label });
    const entry: Entry = { info, controller, retry, done: Promise.resolve() };
    this.jobs.set(info.id, entry);
    this.prune();
    entry.done = this.save()
      .then(() => run({ signal: controller.signal, progress: (p) => (info.progress = p) }))
      .then(
        (result) => {
          Object.assign(info, { state: 'done', result, endedAt: new Date().toISOString() });
          this.logger.info('job', `${kind} done`, fields());
        },
        (e: unknown) => {
          Object.assign(info, {
            state: isCancel(e) || controller.signal.aborted ? 'cancelled' : 'failed',
            error: e instanceof Error ? e.message : String(e),
            errorReason: errorReason(e),
            endedAt: new Date().toISOString(),
          });
          this.logger.log(info.state === 'failed' ? 'error' : 'info', 'job', `${kind} ${info.state}: ${info.error}`, fields());
        },
      )
      .then(() => this.save());
    return entry;
  }

  private prune(): void {
    const done = [...this.jobs.values()].filter((j) => j.info.state !== 'running');
    for (const j of done.slice(0, Math.max(0, done.length - KEEP))) this.jobs.delete(j.info.id);
  }

  /** Writes the list (queued: writes never interleave); a failure is logged, never thrown. */
  private save(): Promise<void> {
    const { file } = this;
    if (!file) return Promise.resolve();
    const next = this.saving
      .then(async () => {
        const saved = [...this.jobs.values()].map(({ info, retry }) => ({ info: { ...info, progress: null }, retry }));
        await fs.mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, JSON.stringify(saved, null, 1));
      })
      .catch((e: unknown) => this.logger.error('job', `could not save the job list: ${(e as Error).message}`, { file }));
    this.saving = next;
    return next;
  }
}

function asSavedJobs(v: unknown): { info: JobInfo; retry: RetrySpec | null }[] | null {
  if (!Array.isArray(v)) return null;
  const ok = v.every(
    (j) =>
      typeof j?.info?.id === 'string' &&
      typeof j.info.kind === 'string' &&
      typeof j.info.state === 'string' &&
      typeof j.info.label === 'string',
  );
  return ok ? (v as { info: JobInfo; retry: RetrySpec | null }[]).map((j) => ({ info: j.info, retry: j.retry ?? null })) : null;
}
