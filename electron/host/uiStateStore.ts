import path from 'node:path';
import { writeFileAtomic } from '../store/manifest';
import { readStateFile, type WorkspaceProblems } from '../workspace/workspaceState';

const FILE = 'ui-state.json';
/** the most recently saved views kept; an old browser's is dropped first */
const MAX_CLIENTS = 32;
const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The page's own view of the workspace — query tabs, pinned layers, colouring, language — kept
 * in `<workspace>/ui-state.json` so that a reload or a restart loses none of it. The host does not
 * read it. It is kept per client (an id the page keeps in its local storage): analysts sharing
 * one server each get their own tabs back, not the last one's.
 */
export class UiStateStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private clients: Record<string, unknown>,
  ) {}

  static async open(workspaceDir: string, problems: WorkspaceProblems): Promise<UiStateStore> {
    const file = path.join(workspaceDir, FILE);
    const saved = await readStateFile(file, asClients, problems, 'the query tabs and layers');
    return new UiStateStore(file, saved ?? {});
  }

  static validClient(id: string): boolean {
    return CLIENT_ID.test(id);
  }

  get(client: string): unknown {
    return this.clients[client] ?? null;
  }

  /** Saves one client's view (the newest last, so the oldest are the ones dropped). */
  async set(client: string, state: object): Promise<void> {
    const { [client]: _old, ...rest } = this.clients;
    const kept = Object.entries(rest).slice(-(MAX_CLIENTS - 1));
    this.clients = { ...Object.fromEntries(kept), [client]: state };
    const text = JSON.stringify(this.clients);
    // one write at a time, in order: the file always ends as the last state
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.file, text));
    await this.writing;
  }
}

function asClients(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
