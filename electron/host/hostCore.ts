import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import type { JusoDbInfo, ReportStore, StoreInfo } from '../../shared/api/contract';
import type { Catalog } from '../../shared/dsl/catalog';
import { PARCELS } from '../../shared/dsl/catalog';
import { storeInfo } from '../store/manifest';
import { storeStamp } from '../store/storeStamp';
import { attachStore, describeRelation, hiveStoreInfo, isHiveLayout, parcelsSql, type StoreAttachment } from '../store/storeCatalog';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import { ModelRegistry } from '../models/modelRegistry';
import { attachModel } from '../models/modelTable';
import { bjdTableFile } from '../store/bjdTableLoader';
import { loadCodeTableIndex } from '../store/placeIndexCache';
import { jusoIndexInfo, jusoIndexStamp, loadRoadIndex } from '../juso/jusoIndexFile';
import { SampleJuso } from '../juso/sampleJuso';
import type { RoadIndex } from '../../shared/address/roadIndex';
import { openEngine, type Engine } from '../engine/engine';
import { paths } from './paths';
import { registerGeometryFunctions } from './spatial/geometryFunctions';
import { WorkspaceProblems } from '../workspace/workspaceState';
import { QueryService } from './queryService';
import { MatchCache } from './matchCache';

export interface CoreOptions {
  storeDir: string;
  workspaceDir: string;
  /**
   * Other folders the engine may read, so the host can switch to them later (the bundled sample,
   * attached stores): DuckDB fixes its allowed folders when external access is turned off.
   */
  readableDirs?: string[];
  /** the shipped assets (법정동 code table); default: the app's */
  assetsDir?: string;
  threads?: number;
  /** queries the engine runs at once (default DEFAULT_CONCURRENT_QUERIES) */
  maxConcurrentQueries?: number;
  /** the most of them one client (address) may hold; a shared server keeps one free for others */
  maxQueriesPerClient?: number;
  /** the engine's memory and time limits (defaults: see HOST_LIMIT_DEFAULTS) */
  limits?: Partial<HostLimits>;
}

/** What one host lets its queries use; `pilji serve` flags set them, diagnostics shows them. */
export interface HostLimits {
  /** DuckDB memory_limit, e.g. '4GB' (default: a quarter of RAM, 1-8 GB) */
  memoryLimit?: string;
  /** a query running longer is stopped */
  queryTimeoutSeconds: number;
  /** the most the engine may spill to <workspace>/tmp/spill */
  maxTempSize: string;
}

export const HOST_LIMIT_DEFAULTS: HostLimits = { queryTimeoutSeconds: 300, maxTempSize: '20GB' };

/** What the HTTP app and the CLI share: the engine, the attached store, the catalog and queries. */
export interface HostCore {
  engine: Engine;
  queries: QueryService;
  catalog(): Catalog;
  store(): StoreInfo | null;
  storeDir(): string;
  /** Points the host at another store (the analyst's choice: see storeChoices.ts). */
  useStore(dir: string): Promise<void>;
  /** The active store and its version, as a match report records them. */
  storeIdentity(): ReportStore;
  /** Whether the engine may read `dir` (it lies in a folder it was opened with). */
  canRead(dir: string): boolean;
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
  /** that index's vintage and counts (the bundled sample's, flagged, while it stands in) */
  jusoInfo(): Promise<JusoDbInfo | null>;
  /** workspace state that could not be read this session (set aside, for the user to see) */
  problems: WorkspaceProblems;
  close(): Promise<void>;
}

export async function openHostCore(options: CoreOptions): Promise<HostCore> {
  await fs.mkdir(options.workspaceDir, { recursive: true });
  const limits = { ...HOST_LIMIT_DEFAULTS, ...options.limits };
  const readable = [options.storeDir, options.workspaceDir, ...(options.readableDirs ?? [])].map((d) => path.resolve(d));
  const engine = await openEngine({
    allowedDirectories: readable,
    threads: options.threads,
    memoryLimit: limits.memoryLimit,
    // spills stay inside the workspace, never in the folder the host was started from
    tempDirectory: path.join(options.workspaceDir, 'tmp', 'spill'),
    maxTempSize: limits.maxTempSize,
    queryTimeoutMs: limits.queryTimeoutSeconds * 1000,
  });
  // GEOS loads at the first query that needs it (queryService.ts), not here
  registerGeometryFunctions(engine);
  let storeDir = options.storeDir;
  let catalog: Catalog = { tables: [] };
  let sessionModels: Catalog['tables'] = [];
  let info: StoreInfo | null = null;
  let attached: StoreAttachment | null = null;
  let index: { stamp: string; places: PlaceIndex } | null = null;
  // Rebuilt when the user imports a newer code table into the workspace.
  // what cached matches depend on besides their rows: a change to any of these makes new keys
  let codeTables = 0;
  let modelChanges = 0;
  const placeIndex = () => {
    const file = bjdTableFile(options.assetsDir ?? paths.assets(), options.workspaceDir);
    const st = statSync(file);
    const stamp = `${file}|${st.mtimeMs}|${st.size}`;
    if (index?.stamp !== stamp) {
      index = { stamp, places: loadCodeTableIndex(file, path.join(options.workspaceDir, 'cache')).places };
      codeTables++;
    }
    return index.places;
  };
  const sampleJuso = new SampleJuso(engine, options.assetsDir ?? paths.assets(), options.workspaceDir);
  const roadIndex = async () =>
    (await loadRoadIndex(engine, options.workspaceDir)) ?? (sampleJuso.appliesTo(storeDir) ? sampleJuso.index() : null);
  const jusoInfo = async () =>
    (await jusoIndexInfo(engine, options.workspaceDir)) ?? (sampleJuso.appliesTo(storeDir) ? sampleJuso.info() : null);
  const tmpDir = path.join(options.workspaceDir, 'tmp');
  await removeStale(tmpDir, STALE_TMP_MS);
  const models = new ModelRegistry(path.join(options.workspaceDir, 'models'), engine, placeIndex, tmpDir, roadIndex);
  const rebuildCatalog = () => {
    modelChanges++;
    const store = catalog.tables.filter((t) => t.kind === 'store');
    // A session model (`--model name=file`) replaced the view of a registered one of that name.
    const session = new Set(sessionModels.map((t) => t.name.toLowerCase()));
    const registered = models
      .list()
      .filter((m) => !session.has(m.name.toLowerCase()))
      .map((m) => ({ name: m.name, kind: 'model' as const, columns: m.columns }));
    catalog = { tables: [...store, ...registered, ...sessionModels] };
  };
  let seen = '';
  const manifestStamp = () => storeStamp(storeDir);
  const attach = async () => {
    seen = await manifestStamp();
    attached = await attachStore(engine, storeDir);
    catalog = { tables: [await describeRelation(engine, PARCELS, 'store'), ...catalog.tables.filter((t) => t.kind !== 'store')] };
    info = isHiveLayout(storeDir) ? await hiveStoreInfo(engine, storeDir) : storeInfo(storeDir, attached.manifest);
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
    queries: new QueryService(
      engine,
      () => catalog,
      () => core.refresh(),
      {
        placeIndex,
        roadIndex,
        cache: new MatchCache(engine),
        generation: () => {
          placeIndex(); // a newer code table counts from now, not from the next match
          return `${storeDir}|${seen}|${codeTables}|${modelChanges}|${jusoIndexStamp(options.workspaceDir)}`;
        },
        parcelsFor: (sggCodes) => parcelsSql(storeDir, attached, sggCodes, info),
        workDir: tmpDir,
      },
      options.maxConcurrentQueries,
      options.maxQueriesPerClient,
    ),
    catalog: () => catalog,
    store: () => info,
    storeDir: () => storeDir,
    async useStore(dir) {
      const previous = storeDir;
      storeDir = dir;
      try {
        await attach();
      } catch (e) {
        // a folder that cannot be read leaves the host on the store it had, never on none
        storeDir = previous;
        await attach();
        throw e;
      }
    },
    storeIdentity: () => ({ path: storeDir, stamp: seen }),
    canRead: (dir) =>
      readable.some((r) => {
        const rel = path.relative(r, path.resolve(dir));
        return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
      }),
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
    jusoInfo,
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
