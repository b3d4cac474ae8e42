import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * What went wrong with the workspace's saved state this session, for the user to see. A file
 * that cannot be read is never reset in place: it is moved aside (kept for recovery) and listed
 * here, so the next save cannot silently overwrite the analyst's work.
 */
export class WorkspaceProblems {
  private readonly items: string[] = [];

  add(message: string): void {
    this.items.push(message);
  }

  list(): string[] {
    return [...this.items];
  }
}

/** `<file>.corrupt-<time>` beside it (or `<dir>.corrupt-<time>` for a folder); returns the new path. */
export async function setAside(target: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  let aside = `${target}.corrupt-${stamp}`;
  for (
    let n = 2;
    await fs.stat(aside).then(
      () => true,
      () => false,
    );
    n++
  )
    aside = `${target}.corrupt-${stamp}-${n}`;
  await fs.rename(target, aside);
  return aside;
}

/**
 * Reads a JSON state file: null when it does not exist yet. When it cannot be parsed or `check`
 * refuses its shape, it is set aside and reported, and null is returned (start empty).
 */
export async function readStateFile<T>(
  file: string,
  check: (value: unknown) => T | null,
  problems: WorkspaceProblems,
  what: string,
): Promise<T | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  let reason: string;
  try {
    const value = check(JSON.parse(text));
    if (value !== null) return value;
    reason = 'its contents are not what Pilji wrote';
  } catch (e) {
    reason = (e as Error).message;
  }
  const aside = await setAside(file);
  problems.add(`${path.basename(file)} could not be read (${reason}); it was set aside as ${aside} and ${what} start empty`);
  return null;
}
