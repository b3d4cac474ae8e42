import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ImportError } from './importError';

export class StoreLockedError extends ImportError {
  constructor(message: string) {
    super(message, 'store_locked');
  }
}

/**
 * One writer per store: an exclusive lock file holding the writer's pid. A lock left by a process
 * that no longer runs (a crash, a kill) is taken over; a live one makes the second import fail
 * with a clear message instead of corrupting the store.
 */
export async function lockStore(storeDir: string): Promise<() => Promise<void>> {
  const file = path.join(storeDir, '.import.lock');
  await fs.mkdir(storeDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await fs.open(file, 'wx');
      await h.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      await h.close();
      return () => fs.rm(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = await fs
        .readFile(file, 'utf8')
        .then((t) => JSON.parse(t) as { pid: number; since: string })
        .catch(() => null);
      if (holder && isAlive(holder.pid)) {
        throw new StoreLockedError(
          `another import into ${storeDir} is running (process ${holder.pid}, since ${holder.since}); wait for it to finish`,
        );
      }
      await fs.rm(file, { force: true }); // stale: its process is gone
    }
  }
  throw new StoreLockedError(`could not lock ${storeDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
