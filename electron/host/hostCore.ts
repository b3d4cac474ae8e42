import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../shared/api/contract';
import type { Catalog } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { MANIFEST, storeInfo } from '../store/manifest';
import { attachStore, describeRelation, hiveStoreInfo, isHiveLayout } from '../store/storeCatalog';
import { attachModel } from '../models/modelTable';
import { openEngine, type Engine } from './engine/engine';
import { QueryService } from './queryService';

export interface CoreOptions {
  storeDir: string;
  workspaceDir: string;
  threads?: number;
}

/** What the HTTP app and the CLI share: the engine, the attached store, the catalog and queries. */
export interface HostCore {
  engine: Engine;
  queries: QueryService;
  catalog(): Catalog;
  store(): StoreInfo | null;
  storeDir(): string;
  /** Points the host at another store (after the first import into the workspace). */
  useStore(dir: string): Promise<void>;
  /** Re-reads the store if its manifest changed (an import by another process). */
  refresh(): Promise<void>;
  /** Registers a table (a model's stored Parquet) under a name the DSL can read. */
  addModel(name: string, file: string): Promise<void>;
  close(): Promise<void>;
}

export async function openHostCore(options: CoreOptions): Promise<HostCore> {
  await fs.mkdir(options.workspaceDir, { recursive: true });
  const engine = await openEngine({ allowedDirectories: [options.storeDir, options.workspaceDir], threads: options.threads });
  let storeDir = options.storeDir;
  let catalog: Catalog = { tables: [] };
  let info: StoreInfo | null = null;
  let seen = '';
  const manifestStamp = async () => {
    const st = await fs.stat(path.join(storeDir, MANIFEST)).catch(() => null);
    return st ? `${st.mtimeMs}:${st.size}` : 'none';
  };
  const attach = async () => {
    seen = await manifestStamp();
    const manifest = await attachStore(engine, storeDir);
    catalog = { tables: [await describeRelation(engine, PARCELS, 'store'), ...catalog.tables.filter((t) => t.kind !== 'store')] };
    info = isHiveLayout(storeDir) ? await hiveStoreInfo(engine, storeDir) : storeInfo(storeDir, manifest);
  };
  try {
    await attach();
  } catch (e) {
    await engine.close();
    throw e;
  }
  const core: HostCore = {
    engine,
    queries: new QueryService(engine, () => catalog, () => core.refresh()),
    catalog: () => catalog,
    store: () => info,
    storeDir: () => storeDir,
    async useStore(dir) {
      storeDir = dir;
      await attach();
    },
    async refresh() {
      if ((await manifestStamp()) !== seen) await attach();
    },
    async addModel(name, file) {
      if (name.toLowerCase() === PARCELS) throw new Error(`'${PARCELS}' is the cadastral store; give the model another name`);
      await attachModel(engine, name, file);
      const table = await describeRelation(engine, name, 'model');
      catalog = { tables: [...catalog.tables.filter((t) => t.name !== name), table] };
    },
    close: () => engine.close(),
  };
  return core;
}
