import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { QueryLibrary as Library } from '../../shared/api/contract';
import { writeFileAtomic } from '../store/manifest';
import { readStateFile, type WorkspaceProblems } from '../workspace/workspaceState';

const HISTORY_LIMIT = 100;
const FILE = 'queries.json';

/**
 * The workspace's queries: what ran (newest first, the same text run again moves to the top) and
 * what the analyst saved by name. One small JSON file, replaced atomically; writes are queued so
 * two requests never interleave.
 */
export class QueryLibrary {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workspaceDir: string,
    private readonly problems: WorkspaceProblems,
  ) {}

  /** Queued like the changes, so a file being set aside is handled once. */
  read(): Promise<Library> {
    return this.enqueue(() => this.load());
  }

  recordRun(dsl: string): Promise<Library> {
    const text = dsl.trim();
    return this.change((lib) => {
      lib.history = [{ dsl: text, at: new Date().toISOString() }, ...lib.history.filter((h) => h.dsl !== text)].slice(0, HISTORY_LIMIT);
    });
  }

  save(name: string, dsl: string): Promise<Library> {
    return this.change((lib) => {
      lib.saved = [...lib.saved.filter((s) => s.name !== name), { name, dsl, savedAt: new Date().toISOString() }].sort((a, b) =>
        a.name.localeCompare(b.name, 'ko'),
      );
    });
  }

  remove(name: string): Promise<Library> {
    return this.change((lib) => {
      lib.saved = lib.saved.filter((s) => s.name !== name);
    });
  }

  private async load(): Promise<Library> {
    const lib = await readStateFile(path.join(this.workspaceDir, FILE), asLibrary, this.problems, 'the query history and saved queries');
    return lib ?? { history: [], saved: [] };
  }

  private change(edit: (lib: Library) => void): Promise<Library> {
    return this.enqueue(async () => {
      const lib = await this.load();
      edit(lib);
      await fs.mkdir(this.workspaceDir, { recursive: true });
      await writeFileAtomic(path.join(this.workspaceDir, FILE), JSON.stringify(lib, null, 2));
      return lib;
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** The file's contents when they have the shape this class writes, else null. */
function asLibrary(v: unknown): Library | null {
  const lib = v as Partial<Library> | null;
  if (typeof lib !== 'object' || lib === null) return null;
  const history = lib.history ?? [];
  const saved = lib.saved ?? [];
  if (!Array.isArray(history) || !history.every((h) => isText(h?.dsl) && isText(h.at))) return null;
  if (!Array.isArray(saved) || !saved.every((q) => isText(q?.name) && isText(q.dsl) && isText(q.savedAt))) return null;
  return { history, saved };
}
