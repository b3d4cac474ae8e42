import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { QueryLibrary as Library } from '../../shared/api/contract';
import { writeFileAtomic } from '../store/manifest';

const HISTORY_LIMIT = 100;
const FILE = 'queries.json';

/**
 * The workspace's queries: what ran (newest first, the same text run again moves to the top) and
 * what the analyst saved by name. One small JSON file, replaced atomically; writes are queued so
 * two requests never interleave.
 */
export class QueryLibrary {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly workspaceDir: string) {}

  async read(): Promise<Library> {
    try {
      const lib = JSON.parse(await fs.readFile(path.join(this.workspaceDir, FILE), 'utf8')) as Partial<Library>;
      return { history: lib.history ?? [], saved: lib.saved ?? [] };
    } catch {
      return { history: [], saved: [] };
    }
  }

  recordRun(dsl: string): Promise<Library> {
    const text = dsl.trim();
    return this.change((lib) => {
      lib.history = [{ dsl: text, at: new Date().toISOString() }, ...lib.history.filter((h) => h.dsl !== text)].slice(0, HISTORY_LIMIT);
    });
  }

  save(name: string, dsl: string): Promise<Library> {
    return this.change((lib) => {
      lib.saved = [...lib.saved.filter((s) => s.name !== name), { name, dsl, savedAt: new Date().toISOString() }].sort((a, b) => a.name.localeCompare(b.name, 'ko'));
    });
  }

  remove(name: string): Promise<Library> {
    return this.change((lib) => {
      lib.saved = lib.saved.filter((s) => s.name !== name);
    });
  }

  private change(edit: (lib: Library) => void): Promise<Library> {
    const next = this.queue.then(async () => {
      const lib = await this.read();
      edit(lib);
      await fs.mkdir(this.workspaceDir, { recursive: true });
      await writeFileAtomic(path.join(this.workspaceDir, FILE), JSON.stringify(lib, null, 2));
      return lib;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
