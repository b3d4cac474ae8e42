import { Hono } from 'hono';
import path from 'node:path';
import type { ApiError, BjdTableInfo } from '../../shared/api/contract';
import { bjdTableFile, importBjdTable, loadBjdTable } from '../store/bjdTableLoader';
import { UploadError, type Uploads } from './uploads';

/** /api/bjd: which 법정동 code table is in use, and replacing it with a newer official file. */
export function bjdRoutes(options: { assetsDir: string; workspaceDir: string }, uploads: Uploads): Hono {
  const app = new Hono();
  const info = (): BjdTableInfo => {
    const file = bjdTableFile(options.assetsDir, options.workspaceDir);
    const entries = [...loadBjdTable(file).entries()];
    return {
      source: file.startsWith(options.workspaceDir) ? 'workspace' : 'shipped',
      entries: entries.length,
      active: entries.filter((e) => e.active).length,
    };
  };

  app.get('/api/bjd', (c) => c.json(info()));
  app.post('/api/bjd', async (c) => {
    const req = await c.req.json<{ uploadId?: unknown }>().catch(() => null);
    if (typeof req?.uploadId !== 'string') return c.json<ApiError>({ error: 'expected {"uploadId": "..."}', code: 'bad_request' }, 400);
    try {
      const files = await uploads.files(req.uploadId);
      try {
        if (files.length !== 1)
          return c.json<ApiError>({ error: `the code table is one file; this upload has ${files.length}`, code: 'bad_request' }, 400);
        await importBjdTable(path.join(uploads.dir(req.uploadId), files[0]!), options.workspaceDir, options.assetsDir);
        return c.json(info());
      } finally {
        await uploads.discard(req.uploadId as string);
      }
    } catch (e) {
      if (e instanceof UploadError) return c.json(e.body(), e.status);
      // A table that does not parse or misses regions: the message says which line or 시도.
      return c.json<ApiError>({ error: (e as Error).message, code: 'bad_request' }, 400);
    }
  });
  return app;
}
