import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './importWorker';
import type { RangeJob, RangeResult } from './rangeReader';

export class ImportCancelledError extends Error {
  constructor() {
    super('import cancelled; the store is unchanged');
  }
}

/**
 * A fixed pool of import threads. They start when the pool is made (each loads its modules and
 * the 법정동 code table, about half a second under tsx), so that happens while the import plans.
 */
export class ImportWorkerPool {
  private readonly workers: Worker[];
  /** a thread that failed before it had a job (its modules or the code table would not load) */
  private failure: Error | null = null;
  private closing = false;

  constructor(
    readonly size: number,
    bjdFile: string,
  ) {
    const { file, entry } = workerScript();
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(file, { workerData: { bjdFile, entry } });
      w.on('error', (e) => (this.failure ??= e));
      w.on('exit', (code) => {
        if (!this.closing) this.failure ??= new Error(`an import thread stopped (exit code ${code})`);
      });
      return w;
    });
  }

  /** Runs the jobs on the threads; results in the jobs' order. */
  run(jobs: RangeJob[], rowsDir: string, onProgress: (job: number, records: number) => void, signal?: AbortSignal): Promise<RangeResult[]> {
    const results: RangeResult[] = new Array(jobs.length);
    const workers = this.workers.slice(0, Math.max(1, Math.min(this.size, jobs.length)));
    let next = 0;
    let finished = 0;
    return new Promise<RangeResult[]>((resolve, reject) => {
      const listeners: [Worker, (m: FromWorker) => void][] = [];
      const settle = () => {
        signal?.removeEventListener('abort', onAbort);
        for (const [w, onMessage] of listeners) {
          w.off('message', onMessage);
          w.off('error', fail);
          w.off('exit', onExit);
        }
      };
      const fail = (e: Error) => {
        settle();
        void this.close();
        reject(e);
      };
      const onAbort = () => fail(new ImportCancelledError());
      const onExit = (code: number) => {
        if (!this.closing) fail(new Error(`an import thread stopped (exit code ${code})`));
      };
      if (this.failure) return fail(this.failure);
      if (signal?.aborted) return onAbort();
      if (jobs.length === 0) return resolve([]);
      signal?.addEventListener('abort', onAbort, { once: true });
      const give = (w: Worker) => {
        const id = next++;
        if (id < jobs.length) w.postMessage({ type: 'job', id, job: jobs[id]!, rowsDir } satisfies ToWorker);
      };
      for (const w of workers) {
        const onMessage = (m: FromWorker) => {
          if (m.type === 'progress') return onProgress(m.id, m.records);
          if (m.type === 'error') return fail(new Error(m.message));
          results[m.id] = m.result;
          if (++finished === jobs.length) {
            settle();
            resolve(results);
          } else give(w);
        };
        listeners.push([w, onMessage]);
        w.on('message', onMessage);
        w.on('error', fail);
        w.on('exit', onExit);
        give(w);
      }
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** From the sources the worker is the .ts file, started through tsx; in the Node bundle it sits beside us. */
function workerScript(): { file: URL | string; entry: string | null } {
  const here = import.meta.url as string | undefined;
  if (here?.endsWith('.ts')) return { file: new URL('../../../bin/tsxWorker.mjs', here), entry: new URL('./importWorker.ts', here).href };
  return { file: path.join(__dirname, 'importWorker.cjs'), entry: null };
}
