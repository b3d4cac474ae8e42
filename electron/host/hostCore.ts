import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../shared/api/contract';
import type { Catalog } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { MANIFEST, storeInfo } from '../store/manifest';
import { attachStore, describeRelation, hiveStoreInfo, isHiveLayout, parcelsSql } from '../store/storeCatalog';
import { PlaceIndex } from '../../shared/address/placeIndex';
import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { ModelRegistry } from '../models/modelRegistry';
import { attachModel } from '../models/modelTable';
import { bjdTableFile, loadBjdTable } from '../store/bjdTableLoader';
import { loadRoadIndex } from '../juso/jusoIndexFile';
import type { RoadIndex } from '../../shared/address/roadIndex';
import { openEngine, type Engine } from './engine/engine';
import { paths } from './paths';
import { WorkspaceProblems } from './workspaceState';
import { QueryService } from './queryService';

export interface CoreOptions {
  storeDir: string;
  workspaceDir: string;
  /** the shipped assets (법정동 code table); default: the app's */
  assetsDir?: string;
  threads?: number;
  /** queries the engine runs at once (default DEFAULT_CONCURRENT_QUERIES) */
  maxConcurrentQueries?: number;
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
  /** Makes a Parquet file readable under a name for this session only (`pilji query --model`). */
  addModel(name: string, file: string): Promise<void>;
  /** The workspace's registered models; call `modelsChanged` after changing them. */
  models: ModelRegistry;
  modelsChanged(): void;
  placeIndex(): PlaceIndex;
  /** the workspace's 도로명주소 index (pilji juso), null when none was imported */
  roadIndex(): Promise<RoadIndex | null>;
  /** workspace state that could not be read this session (set aside, for the user to see) */
  problems: WorkspaceProblems;
  close(): Promise<void>;
}

export async function openHostCore(options: CoreOptions): Promise<HostCore> {
  await fs.mkdir(options.workspaceDir, { recursive: true });
  const engine = await openEngine({ allowedDirectories: [options.storeDir, options.workspaceDir], threads: options.threads });
  let storeDir = options.storeDir;
  let catalog: Catalog = { tables: [] };
  let sessionModels: Catalog['tables'] = [];
  let info: StoreInfo | null = null;
  let manifest: Awaited<ReturnType<typeof attachStore>> = null;
  let index: { table: BjdTable; places: PlaceIndex } | null = null;
  // Rebuilt when the user imports a newer code table into the workspace.
  const placeIndex = () => {
    const table = loadBjdTable(bjdTableFile(options.assetsDir ?? paths.assets(), options.workspaceDir));
    if (index?.table !== table) index = { table, places: new PlaceIndex(table) };
    return index.places;
  };
  const roadIndex = () => loadRoadIndex(engine, options.workspaceDir);
  const tmpDir = path.join(options.workspaceDir, 'tmp');
  await removeStale(tmpDir, STALE_TMP_MS);
  const models = new ModelRegistry(path.join(options.workspaceDir, 'models'), engine, placeIndex, tmpDir, roadIndex);
  const rebuildCatalog = () => {
    const store = catalog.tables.filter((t) => t.kind === 'store');
    // A session model (`--model name=file`) replaced the view of a registered one of that name.
    const session = new Set(sessionModels.map((t) => t.name.toLowerCase()));
    const registered = models.list().filter((m) => !session.has(m.name.toLowerCase())).map((m) => ({ name: m.name, kind: 'model' as const, columns: m.columns }));
    catalog = { tables: [...store, ...registered, ...sessionModels] };
  };
  let seen = '';
  const manifestStamp = async () => {
    const st = await fs.stat(path.join(storeDir, MANIFEST)).catch(() => null);
    return st ? `${st.mtimeMs}:${st.size}` : 'none';
  };
  const attach = async () => {
    seen = await manifestStamp();
    manifest = await attachStore(engine, storeDir);
    catalog = { tables: [await describeRelation(engine, PARCELS, 'store'), ...catalog.tables.filter((t) => t.kind !== 'store')] };
    info = isHiveLayout(storeDir) ? await hiveStoreInfo(engine, storeDir) : storeInfo(storeDir, manifest);
  };
  const problems = new WorkspaceProblems();
  try {
    await attach();
    await models.load(problems);
    rebuildCatalog();
  } catch (e) {
    await engine.close();
    throw e;
  }
  const core: HostCore = {
    engine,
    queries: new QueryService(engine, () => catalog, () => core.refresh(), {
      placeIndex,
      roadIndex,
      parcelsFor: (sggCodes) => parcelsSql(storeDir, manifest, sggCodes),
      workDir: tmpDir,
    }, options.maxConcurrentQueries),
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
      sessionModels = [...sessionModels.filter((t) => t.name !== name), await describeRelation(engine, name, 'model')];
      rebuildCatalog();
    },
    models,
    modelsChanged: rebuildCatalog,
    placeIndex,
    roadIndex,
    problems,
    close: () => engine.close(),
  };
  return core;
}

/** Scratch older than this was left by a process that was killed (exports, query models, matches). */
const STALE_TMP_MS = 60 * 60 * 1000;

/** Removes entries of `dir` not modified for `ageMs` (never the fresh ones: another process may be using them). */
async function removeStale(dir: string, ageMs: number): Promise<void> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    const file = path.join(dir, name);
    const st = await fs.stat(file).catch(() => null);
    if (st && Date.now() - st.mtimeMs > ageMs) await fs.rm(file, { recursive: true, force: true });
  }
}
