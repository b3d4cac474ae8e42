import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { API, QUERY_ID_HEADER, type CatalogResponse, type Health, type QueryRequest } from '../../shared/api/contract';
import { requireToken } from './auth';
import { openHostCore } from './hostCore';
import { fileResponse } from './staticFiles';

export interface HostOptions {
  mode: 'desktop' | 'server';
  token: string;
  storeDir: string;
  workspaceDir: string;
  /** the built renderer (index.html and its files) */
  rendererDir: string;
  /** the shipped assets folder (basemap, sample data, code table) */
  assetsDir: string;
  version: string;
}

/** Strict: everything from this origin, nothing else; no eval. Workers and images may be blobs (MapLibre). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export interface Host {
  fetch: (request: Request) => Response | Promise<Response>;
  close(): Promise<void>;
}

/** The host: one web-standard HTTP application that owns the engine, the store and the API. */
export async function createHost(options: HostOptions): Promise<Host> {
  const core = await openHostCore({ storeDir: options.storeDir, workspaceDir: options.workspaceDir });
  const { queries } = core;

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', CSP);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-frame-options', 'DENY');
    c.header('cache-control', 'no-store');
  });
  app.use('*', requireToken(options.token));
  app.use('/api/*', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'request body too large (limit 1 MiB)', code: 'bad_request' }, 413) }));

  app.get(API.health, (c) => c.json<Health>({ ok: true, version: options.version, mode: options.mode }));
  app.get(API.catalog, (c) => c.json<CatalogResponse>({ catalog: core.catalog(), store: core.store() }));
  app.post(API.query, async (c) => {
    let req: QueryRequest;
    try {
      req = await c.req.json<QueryRequest>();
    } catch {
      return c.json({ error: 'expected a JSON body {"dsl": "..."}', code: 'bad_request' }, 400);
    }
    if (typeof req.dsl !== 'string') return c.json({ error: 'expected a JSON body {"dsl": "..."}', code: 'bad_request' }, 400);
    const queryId = typeof req.queryId === 'string' && /^[\w-]{1,64}$/.test(req.queryId) ? req.queryId : undefined;
    const outcome = await queries.run(req.dsl, queryId, c.req.raw.signal);
    if (!outcome.ok) return c.json(outcome.error, outcome.status as 400);
    return new Response(outcome.body, {
      headers: { 'content-type': 'application/vnd.apache.arrow.stream', [QUERY_ID_HEADER]: outcome.queryId },
    });
  });
  app.post('/api/query/:id/cancel', (c) => {
    const found = queries.cancel(c.req.param('id'));
    return found ? c.json({ cancelled: true }) : c.json({ error: 'no such running query', code: 'not_found' }, 404);
  });
  app.all('/api/*', (c) => c.json({ error: `no such API route: ${c.req.method} ${c.req.path}`, code: 'not_found' }, 404));

  app.get('/basemap/*', async (c) => (await fileResponse(`${options.assetsDir}/basemap`, c.req.path.slice('/basemap'.length))) ?? c.notFound());
  app.get('*', async (c) => {
    const p = c.req.path === '/' ? '/index.html' : c.req.path;
    return (await fileResponse(options.rendererDir, p)) ?? c.notFound();
  });

  return {
    fetch: (request) => app.fetch(request),
    close: () => core.close(),
  };
}
