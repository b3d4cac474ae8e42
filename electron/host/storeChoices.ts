import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ReportStore, StoreChoice, StoreKind, StoresResponse } from '../../shared/api/contract';
import { MANIFEST, readManifest, writeFileAtomic } from '../store/manifest';
import { isHiveLayout } from '../store/storeCatalog';
import { storeStamp } from '../store/storeStamp';
import { sameStore } from './reportStaleness';
import { paths } from './paths';
import { readStateFile, WorkspaceProblems } from '../workspace/workspaceState';

const FILE = 'stores.json';
const ATTACHED = 'attached:';

/** What the workspace remembers: the store the analyst chose, and the folders they attached. */
interface Saved {
  active: string | null;
  attached: string[];
}

/** What listing needs from the running host: which store it reads, and which folders its engine may read. */
export interface ListContext {
  active: ReportStore;
  canRead: (dir: string) => boolean;
  /** the stores the models' reports were made against */
  reports: (ReportStore | null | undefined)[];
}

export class StoreChoiceError extends Error {
  constructor(
    message: string,
    readonly code: 'bad_request' | 'not_found' | 'conflict',
  ) {
    super(message);
  }
}

/**
 * The stores the analyst can choose among (`<workspace>/stores.json`, replaced atomically): the
 * bundled sample (read-only, always there), the workspace's own store (which imports build), and
 * folders attached by path (read-only). The choice is explicit: nothing here switches by itself.
 */
export class StoreChoices {
  private constructor(
    private readonly file: string,
    private readonly sampleDir: string,
    private readonly workspaceStore: string,
    private saved: Saved,
  ) {}

  static async open(workspaceDir: string, sampleDir: string, problems: WorkspaceProblems): Promise<StoreChoices> {
    const file = path.join(workspaceDir, FILE);
    const saved = await readStateFile(file, asSaved, problems, 'the store choices');
    return new StoreChoices(file, path.resolve(sampleDir), path.resolve(workspaceDir, 'store'), saved ?? { active: null, attached: [] });
  }

  /** Where imports go: always the workspace's own store, never the sample or an attached folder. */
  importTarget(): StoresResponse['importTarget'] {
    return { id: 'workspace', path: this.workspaceStore };
  }

  /** Folders the engine must be allowed to read to switch to them later. */
  readableDirs(): string[] {
    return [this.sampleDir, ...this.saved.attached];
  }

  /**
   * The store a starting host reads: one named on the command line wins; then the saved choice,
   * when it can still be read; else the workspace's store when something was imported into it
   * (what hosts did before the choice existed), else the sample.
   */
  startDir(explicit: string | undefined): string {
    if (explicit) return path.resolve(explicit);
    const saved = this.saved.active === null ? null : this.dirOf(this.saved.active);
    if (saved && (layoutOf(saved) === 'pilji' || layoutOf(saved) === 'hive')) return saved;
    return existsSync(path.join(this.workspaceStore, MANIFEST)) ? this.workspaceStore : this.sampleDir;
  }

  dirOf(id: string): string | null {
    if (id === 'sample') return this.sampleDir;
    if (id === 'workspace') return this.workspaceStore;
    if (id.startsWith(ATTACHED) && this.saved.attached.includes(id.slice(ATTACHED.length))) return id.slice(ATTACHED.length);
    return null;
  }

  async list(ctx: ListContext): Promise<StoresResponse> {
    const entries: [string, StoreKind, string][] = [
      ['sample', 'sample', this.sampleDir],
      ['workspace', 'workspace', this.workspaceStore],
      ...this.saved.attached.map((d): [string, StoreKind, string] => [ATTACHED + d, 'attached', d]),
    ];
    // An active folder named on the command line is listed too, so the chooser never hides what is read.
    if (!entries.some(([, , d]) => d === ctx.active.path)) entries.push([ATTACHED + ctx.active.path, 'attached', ctx.active.path]);
    const fresh = ctx.reports.filter((r) => sameStore(r, ctx.active));
    const stores = await Promise.all(
      entries.map(async ([id, kind, dir]): Promise<StoreChoice> => {
        // the workspace's store is made by the first import: until then it is empty, not missing
        const found = layoutOf(dir);
        const layout = kind === 'workspace' && found === 'missing' ? 'empty' : found;
        const active = dir === ctx.active.path;
        const identity = { path: dir, stamp: active ? ctx.active.stamp : await storeStamp(dir) };
        const rows = layout === 'pilji' ? ((await readManifest(dir).catch(() => null))?.rows ?? null) : null;
        const unavailable = active
          ? null
          : layout === 'missing'
            ? 'missing'
            : layout === 'empty'
              ? kind === 'workspace'
                ? 'empty'
                : 'not_a_store'
              : ctx.canRead(dir)
                ? null
                : 'restart';
        return {
          id,
          kind,
          path: dir,
          layout,
          rows,
          active,
          unavailable,
          readOnly: kind !== 'workspace',
          invalidatesReports: active ? 0 : fresh.filter((r) => !sameStore(r, identity)).length,
        };
      }),
    );
    return { stores, importTarget: this.importTarget() };
  }

  /** Remembers the analyst's choice for the next start. */
  async setActive(id: string): Promise<void> {
    await this.save({ ...this.saved, active: id });
  }

  /** Lists a folder as a read-only store; it must hold a Pilji store or the Spark layout. */
  async attach(dir: string): Promise<string> {
    if (!path.isAbsolute(dir)) throw new StoreChoiceError(`'${dir}' is not an absolute path on the host`, 'bad_request');
    const abs = path.resolve(dir);
    const layout = layoutOf(abs);
    if (layout === 'missing') throw new StoreChoiceError(`there is no folder ${abs} on the host`, 'not_found');
    if (layout !== 'pilji' && layout !== 'hive')
      throw new StoreChoiceError(`${abs} holds neither a Pilji store (manifest.json) nor the Spark layout (SI_NM= folders)`, 'bad_request');
    if (abs === this.sampleDir || abs === this.workspaceStore) throw new StoreChoiceError(`${abs} is already listed`, 'conflict');
    if (!this.saved.attached.includes(abs)) await this.save({ ...this.saved, attached: [...this.saved.attached, abs] });
    return ATTACHED + abs;
  }

  private async save(next: Saved): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2));
    this.saved = next;
  }
}

/** 'empty': a folder with neither a manifest nor SI_NM= folders. */
function layoutOf(dir: string): StoreChoice['layout'] {
  if (existsSync(path.join(dir, MANIFEST))) return 'pilji';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return 'missing';
  return isHiveLayout(dir) ? 'hive' : 'empty';
}

function asSaved(v: unknown): Saved | null {
  const o = v as { active?: unknown; attached?: unknown } | null;
  if (!o || typeof o !== 'object') return null;
  const active = typeof o.active === 'string' ? o.active : null;
  const attached =
    Array.isArray(o.attached) && o.attached.every((d) => typeof d === 'string' && path.isAbsolute(d)) ? (o.attached as string[]) : null;
  return attached ? { active, attached } : null;
}

/** The store a command without a running host reads (`pilji query`, `pilji match`): the app's choice, as a starting host makes it. */
export async function chosenStoreDir(workspaceDir: string, explicit: string | undefined): Promise<string> {
  const choices = await StoreChoices.open(workspaceDir, paths.sampleStore(), new WorkspaceProblems());
  return choices.startDir(explicit);
}
