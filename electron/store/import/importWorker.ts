import { parentPort, workerData } from 'node:worker_threads';
import { loadBjdTable } from '../bjdTableLoader';
import { StagedRowWriter } from '../stagedRows';
import { readRange, type RangeJob, type RangeResult } from './rangeReader';

/**
 * An import thread, reused for many jobs: each job reads a record range of a shapefile into this
 * thread's own staged files and reports progress. The main thread combines the results.
 */
export interface WorkerSetup {
  bjdFile: string;
}

/** `rowsDir`: where the job's staged files go */
export type ToWorker = { type: 'job'; id: number; job: RangeJob; rowsDir: string } | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; id: number; records: number }
  | { type: 'done'; id: number; result: RangeResult }
  | { type: 'error'; id: number; message: string };

const setup = workerData as WorkerSetup;
const post = (m: FromWorker) => parentPort!.postMessage(m);
let cancelled = false;
// before the first job arrives, while the main thread plans
loadBjdTable(setup.bjdFile);

parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') {
    cancelled = true;
    return;
  }
  const writer = new StagedRowWriter(m.rowsDir, `${m.job.fileIndex}-${m.id}`);
  readRange(
    m.job,
    loadBjdTable(setup.bjdFile),
    writer,
    (records) => post({ type: 'progress', id: m.id, records }),
    () => cancelled,
  )
    .then((result) => post({ type: 'done', id: m.id, result }))
    .catch((e: unknown) => {
      writer.destroy();
      post({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
    });
});
