import { Hono } from 'hono';
import type { ApiError, JusoDbInfo } from '../../shared/api/contract';
import { importJuso } from '../juso/jusoImport';
import { JusoInputError } from '../juso/jusoSources';
import type { HostCore } from './hostCore';
import { UploadError, type Uploads } from './uploads';

/** /api/juso: the 도로명주소 DB in use (its vintage and counts), and importing the workspace's own from an upload. */
export function jusoRoutes(options: { workspaceDir: string }, core: HostCore, uploads: Uploads): Hono {
  const app = new Hono();
  app.get('/api/juso', async (c) => c.json<JusoDbInfo | null>(await core.jusoInfo()));
  app.post('/api/juso', async (c) => {
    const req = await c.req.json<{ uploadId?: unknown; update?: unknown }>().catch(() => null);
    if (typeof req?.uploadId !== 'string')
      return c.json<ApiError>({ error: 'expected {"uploadId": "...", "update": false}', code: 'bad_request' }, 400);
    try {
      await uploads.files(req.uploadId);
      try {
        await importJuso([uploads.dir(req.uploadId)], options.workspaceDir, core.engine, { update: req.update === true });
        return c.json<JusoDbInfo | null>(await core.jusoInfo());
      } finally {
        await uploads.discard(req.uploadId);
      }
    } catch (e) {
      if (e instanceof UploadError) return c.json(e.body(), e.status);
      // files of no known layout, a bad row (file:line), nothing to update: the code (and params) say which, for the UI's words
      if (e instanceof JusoInputError)
        return c.json<ApiError>(
          {
            error: e.message,
            code: 'bad_request',
            ...(e.reason ? { reason: e.reason } : {}),
            ...(Object.keys(e.params).length ? { params: e.params } : {}),
          },
          400,
        );
      throw e;
    }
  });
  return app;
}
