import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { bodyLimit } from 'hono/body-limit';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  API,
  QUERY_ID_HEADER,
  type CatalogResponse,
  type Diagnostics,
  type Health,
  type JobInfo,
  type QueryStatus,
  type ImportRequest,
  type ImportResult,
  type ImportStarted,
  type QueryRequest,
} from '../../shared/api/contract';
import { bjdTableFile } from '../store/bjdTableLoader';
import { ImportCancelledError, importShapefiles } from '../store/import/importer';
import { bjdRoutes } from './bjdRoutes';
import { jusoRoutes } from './jusoRoutes';
import { exportRoutes } from './exportRoutes';
import { modelRoutes } from './modelRoutes';
import { StoreChoices } from './storeChoices';
import { storeRoutes } from './storeRoutes';
import { WorkspaceProblems } from '../workspace/workspaceState';
import { basemapOrigin } from '../../shared/map/basemapSetting';
import { basemapRoutes } from './basemapRoutes';
import { BasemapFiles } from './tiles/basemapFiles';
import { QueryLibrary } from './queryLibrary';
import { SettingsStore } from './settingsStore';
import { UiStateStore } from './uiStateStore';
import { requireToken } from './auth';
import { DEFAULT_CONCURRENT_QUERIES } from './queryService';
import { refuseCrossSite, requireKnownHost } from './requestGuards';
import type { HostLimits } from './hostCore';
import { openHostCore } from './hostCore';
import { diagnostics } from './diagnostics';
import { JobRegistry } from './jobs';
import { Logger } from './logger';
import { UploadError, Uploads } from './uploads';
import { fileResponse } from './staticFiles';

export interface HostOptions {
  mode: 'desktop' | 'server';
  token: string;
  /**
   * A store named on the command line (`--store`): it wins over the analyst's saved choice.
   * Without it the host reads the store chosen last (storeChoices.ts).
   */
  storeDir?: string;
  workspaceDir: string;
  /** the built renderer (index.html and its files) */
  rendererDir: string;
  /** the shipped assets folder (basemap, sample data, code table) */
  assetsDir: string;
  version: string;
  /** largest file an upload may carry (default MAX_UPLOAD_BYTES) */
  maxUploadBytes?: number;
  /** also print the structured log to the terminal (`pilji serve`) */
  logToTerminal?: boolean;
  /** queries the engine runs at once; the rest wait in line (GET /api/query/:id says where) */
  maxConcurrentQueries?: number;
  /** the names a browser may use for this host (Host header); see hostNames */
  allowedHosts: ReadonlySet<string>;
  /** the engine's memory and time limits */
  limits?: Partial<HostLimits>;
}

/**
 * Strict: everything from this origin, nothing else; no eval. Workers and images may be blobs
 * (MapLibre). The one exception is the origin of a basemap the analyst typed in the settings.
 */
export function contentSecurityPolicy(basemapOrigin: string | null = null): string {
  const extra = basemapOrigin ? ` ${basemapOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    `connect-src 'self'${extra}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export const CSP = contentSecurityPolicy();

export interface Host {
  /** `env`: the Node server's bindings (the caller's socket), when there is one */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  /** every route and middleware pattern (method, path), for the route-by-route access tests */
  routes: { method: string; path: string }[];
  close(): Promise<void>;
}

/** The host: one web-standard HTTP application that owns the engine, the store and the API. */
export async function createHost(options: HostOptions): Promise<Host> {
  const logger = new Logger({ dir: path.join(options.workspaceDir, 'logs'), terminal: options.logToTerminal });
  const storeProblems = new WorkspaceProblems();
  const choices = await StoreChoices.open(options.workspaceDir, path.join(options.assetsDir, 'sample', 'store'), storeProblems);
  const core = await openHostCore({
    storeDir: choices.startDir(options.storeDir),
    readableDirs: choices.readableDirs(),
    workspaceDir: options.workspaceDir,
    maxConcurrentQueries: options.maxConcurrentQueries,
    limits: options.limits,
    // on a shared server no one client may hold every slot; on the desktop there is one user
    maxQueriesPerClient: options.mode === 'server' ? (options.maxConcurrentQueries ?? DEFAULT_CONCURRENT_QUERIES) - 1 : undefined,
  });
  const { queries } = core;
  for (const p of storeProblems.list()) core.problems.add(p);
  logger.info('host', 'started', { version: options.version, mode: options.mode, store: core.storeDir(), workspace: options.workspaceDir });
  for (const p of core.problems.list()) logger.warn('workspace', p);
  const jobs = await JobRegistry.open(logger, { file: path.join(options.workspaceDir, 'jobs.json'), problems: core.problems });
  const uploads = new Uploads(options.workspaceDir, options.maxUploadBytes);
  const library = new QueryLibrary(options.workspaceDir, core.problems);
  const settings = await SettingsStore.open(options.workspaceDir, core.problems);
  const uiState = await UiStateStore.open(options.workspaceDir, core.problems);
  const basemapFiles = new BasemapFiles();
  // The bundled sample and attached folders are read-only: imports build the workspace's own store.
  const target = choices.importTarget();

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', contentSecurityPolicy(basemapOrigin(settings.get().basemap)));
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    c.header('cache-control', 'no-store');
  });
  app.use('*', requireKnownHost(options.allowedHosts));
  app.use('*', requireToken(options.token));
  app.use('*', refuseCrossSite(/^\/api\/uploads\/[^/]+\/[^/]+$/));
  // JSON bodies are small; file uploads stream to disk with their own limit (uploads.ts).
  const jsonLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json({ error: 'request body too large (limit 1 MiB)', code: 'bad_request' }, 413),
  });
  app.use(API.query, jsonLimit);
  app.use(API.imports, jsonLimit);
  app.use(`${API.models}/*`, jsonLimit);
  app.use(API.models, jsonLimit);
  app.use(API.bjd, jsonLimit);
  app.use(API.juso, jsonLimit);
  app.use(API.exports, jsonLimit);
  app.use(`${API.queries}/*`, jsonLimit);
  app.use(`${API.settings}/*`, jsonLimit);
  app.use(`${API.stores}/*`, jsonLimit);

  app.onError((e, c) => {
    logger.error('http', e.message, { method: c.req.method, path: c.req.path, stack: e.stack?.split('\n').slice(0, 4).join(' | ') });
    return c.json({ error: `internal error: ${e.message}`, code: 'internal' }, 500);
  });

  app.get(API.health, (c) => c.json<Health>({ ok: true, version: options.version, mode: options.mode }));
  app.get(API.diagnostics, async (c) => c.json<Diagnostics>(await diagnostics(options, core, logger)));
  app.get(API.catalog, async (c) => {
    await core.refresh();
    return c.json<CatalogResponse>({ catalog: core.catalog(), store: core.store(), problems: core.problems.list() });
  });
  app.post(API.query, async (c) => {
    let req: QueryRequest;
    try {
      req = await c.req.json<QueryRequest>();
    } catch {
      return c.json({ error: 'expected a JSON body {"dsl": "..."}', code: 'bad_request' }, 400);
    }
    if (typeof req.dsl !== 'string') return c.json({ error: 'expected a JSON body {"dsl": "..."}', code: 'bad_request' }, 400);
    const queryId = typeof req.queryId === 'string' && /^[\w-]{1,64}$/.test(req.queryId) ? req.queryId : undefined;
    const started = performance.now();
    const outcome = await queries.run(req.dsl, queryId, c.req.raw.signal, clientAddress(c));
    const durationMs = Math.round(performance.now() - started);
    if (!outcome.ok) {
      logger.log(outcome.status >= 500 ? 'error' : 'info', 'query', `refused (${outcome.status}): ${outcome.error.error}`, {
        queryId,
        durationMs,
      });
      return c.json(outcome.error, outcome.status as 400);
    }
    logger.info('query', 'streaming', { queryId: outcome.queryId, durationMs, dslChars: req.dsl.length });
    void library.recordRun(req.dsl).catch(() => undefined); // history is a convenience: never fail a query over it
    return new Response(outcome.body, {
      headers: { 'content-type': 'application/vnd.apache.arrow.stream', [QUERY_ID_HEADER]: outcome.queryId },
    });
  });
  app.get('/api/query/:id', (c) => {
    const status = queries.status(c.req.param('id'));
    return status ? c.json<QueryStatus>(status) : c.json({ error: 'no such query waiting or running', code: 'not_found' }, 404);
  });
  app.post('/api/query/:id/cancel', (c) => {
    const found = queries.cancel(c.req.param('id'));
    return found ? c.json({ cancelled: true }) : c.json({ error: 'no such running query', code: 'not_found' }, 404);
  });
  app.post(API.uploads, async (c) => c.json({ uploadId: await uploads.create() }, 201));
  app.put('/api/uploads/:id/:name', async (c) => {
    try {
      await uploads.receive(c.req.param('id'), c.req.param('name'), c.req.raw.body);
      return c.json({ ok: true });
    } catch (e) {
      if (e instanceof UploadError) return c.json(e.body(), e.status);
      throw e;
    }
  });
  // An import keeps its upload until it ends, so one interrupted by a host stop can run again.
  // It never switches the active store by itself: the host reads the new parcels at once only
  // when the workspace's store already was the active one; otherwise the UI offers the switch.
  const startImport = (req: ImportRequest): JobInfo => {
    const dir = uploads.dir(req.uploadId);
    return jobs.start(
      'import',
      uploadLabel(dir),
      async ({ signal, progress }): Promise<ImportResult> => {
        try {
          const s = await importShapefiles({
            inputs: [dir],
            storeDir: target.path,
            bjdFile: bjdTableFile(options.assetsDir, options.workspaceDir),
            signal,
            onProgress: progress,
            defaultEpsg: req.defaultEpsg,
          });
          const activated = core.storeDir() === target.path;
          if (activated) await core.useStore(target.path);
          return {
            imported: s.imported,
            rejected: s.rejected,
            invalidJimok: s.invalidJimok,
            unclosedRings: s.unclosedRings,
            files: s.files,
            warnings: s.warnings,
            reportPath: s.reportPath,
            seconds: s.seconds,
            store: target,
            activated,
          };
        } finally {
          await uploads.discard(req.uploadId);
        }
      },
      (e) => e instanceof ImportCancelledError,
      { uploadId: req.uploadId, defaultEpsg: req.defaultEpsg ?? null },
    );
  };
  jobs.onRetry('import', (spec) =>
    startImport({ uploadId: String(spec.uploadId), defaultEpsg: typeof spec.defaultEpsg === 'number' ? spec.defaultEpsg : undefined }),
  );
  app.post(API.imports, async (c) => {
    const req = await c.req.json<ImportRequest>().catch(() => null);
    if (!req || typeof req.uploadId !== 'string') return c.json({ error: 'expected {"uploadId": "..."}', code: 'bad_request' }, 400);
    try {
      return c.json<ImportStarted>({ ...startImport(req), target }, 202);
    } catch (e) {
      return c.json({ error: (e as Error).message, code: 'not_found' }, 404);
    }
  });
  app.route('/', modelRoutes(core, uploads, jobs));
  app.route('/', storeRoutes(core, choices, logger));
  app.route('/', bjdRoutes(options, uploads));
  app.route('/', jusoRoutes(options, core, uploads));
  app.route('/', exportRoutes(queries, path.join(options.workspaceDir, 'tmp')));
  app.route('/', basemapRoutes(settings, basemapFiles, logger));
  app.get('/api/settings/ui/:client', (c) => {
    const client = c.req.param('client');
    if (!UiStateStore.validClient(client)) return c.json({ error: 'bad client id', code: 'bad_request' }, 400);
    return c.json(uiState.get(client));
  });
  app.put('/api/settings/ui/:client', async (c) => {
    const client = c.req.param('client');
    const state = await c.req.json<unknown>().catch(() => null);
    if (!UiStateStore.validClient(client) || !state || typeof state !== 'object' || Array.isArray(state))
      return c.json({ error: 'a client id and a JSON object', code: 'bad_request' }, 400);
    await uiState.set(client, state);
    return c.body(null, 204);
  });
  app.get(API.queries, async (c) => c.json(await library.read()));
  app.put('/api/queries/saved/:name', async (c) => {
    const body = await c.req.json<{ dsl?: unknown }>().catch(() => null);
    const name = c.req.param('name').trim();
    if (typeof body?.dsl !== 'string' || !name || name.length > 200)
      return c.json({ error: 'expected a name in the path and {"dsl": "..."}', code: 'bad_request' }, 400);
    return c.json(await library.save(name, body.dsl));
  });
  app.delete('/api/queries/saved/:name', async (c) => c.json(await library.remove(c.req.param('name'))));
  app.get(API.jobs, (c) => c.json(jobs.list()));
  app.get('/api/jobs/:id', (c) => {
    const job = jobs.get(c.req.param('id'));
    return job ? c.json(job) : c.json({ error: 'no such job', code: 'not_found' }, 404);
  });
  app.post('/api/jobs/:id/retry', (c) => {
    const next = jobs.retry(c.req.param('id'));
    return typeof next === 'string' ? c.json({ error: next, code: 'bad_request' }, 409) : c.json(next, 202);
  });
  app.post('/api/jobs/:id/cancel', (c) =>
    jobs.cancel(c.req.param('id')) ? c.json({ cancelled: true }) : c.json({ error: 'no such running job', code: 'not_found' }, 404),
  );
  app.all('/api/*', (c) => c.json({ error: `no such API route: ${c.req.method} ${c.req.path}`, code: 'not_found' }, 404));

  app.get(
    '/basemap/*',
    async (c) => (await fileResponse(`${options.assetsDir}/basemap`, c.req.path.slice('/basemap'.length))) ?? c.notFound(),
  );
  app.get('*', async (c) => {
    const p = c.req.path === '/' ? '/index.html' : c.req.path;
    return (await fileResponse(options.rendererDir, p)) ?? c.notFound();
  });

  return {
    fetch: (request, env) => app.fetch(request, env),
    routes: [...new Map(app.routes.map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()],
    close: async () => {
      logger.info('host', 'stopped');
      basemapFiles.close();
      await core.close();
    },
  };
}

/** The caller's address, what one "client" is for the query line; '' inside a test without a socket. */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return '';
  }
}

/** What an import is called in the job list: the shapefiles or zips the user gave it. */
function uploadLabel(dir: string): string {
  const names = readdirSync(dir).filter((f) => /\.(shp|zip)$/i.test(f));
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} (+${names.length - 3})` : names.join(', ') || path.basename(dir);
}
