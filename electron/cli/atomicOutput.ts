import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes `target` through a hidden file beside it (`.<name>.<pid>.partial`), renamed into place
 * only once complete: a killed or failed export never leaves a half-written file under the name
 * the analyst asked for (and an earlier file of that name stays as it was until then).
 */
export async function withAtomicOutput<T>(target: string, write: (partial: string) => Promise<T>): Promise<T> {
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  try {
    const result = await write(partial);
    await fs.rename(partial, target);
    return result;
  } finally {
    await fs.rm(partial, { force: true });
  }
}
