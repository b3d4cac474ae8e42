import { promises as fs } from 'node:fs';
import type { StoreInfo } from '../../shared/api/contract';
import type { Catalog } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { storeInfo } from '../store/manifest';
import { attachStore, describeRelation } from '../store/storeCatalog';
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
  close(): Promise<void>;
}

export async function openHostCore(options: CoreOptions): Promise<HostCore> {
  await fs.mkdir(options.workspaceDir, { recursive: true });
  const engine = await openEngine({ allowedDirectories: [options.storeDir, options.workspaceDir], threads: options.threads });
  try {
    const manifest = await attachStore(engine, options.storeDir);
    const catalog: Catalog = { tables: [await describeRelation(engine, PARCELS, 'store')] };
    const info = storeInfo(options.storeDir, manifest);
    return {
      engine,
      queries: new QueryService(engine, () => catalog),
      catalog: () => catalog,
      store: () => info,
      close: () => engine.close(),
    };
  } catch (e) {
    await engine.close();
    throw e;
  }
}
