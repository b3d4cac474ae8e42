// Starts a TypeScript worker thread when Pilji runs from its sources: worker threads do not
// inherit the tsx loader, so register it here, then load the worker named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
