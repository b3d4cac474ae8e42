import { Hono, type Context } from 'hono';
import path from 'node:path';
import { validMapping } from '../../shared/address/addressMapping';
import type { ApiError, MappingRequest, ModelInfo, RegisterModelRequest, UnmatchedCsvRequest } from '../../shared/api/contract';
import { exportBaseName } from '../export/fileNames';
import { unmatchedCsv } from '../export/unmatchedCsv';
import { ModelError } from '../models/modelRegistry';
import { errorReason } from './errorReason';
import { withStaleness } from './reportStaleness';
import type { HostCore } from './hostCore';
import type { JobRegistry } from './jobs';
import { UploadError, type Uploads } from './uploads';

/** /api/models: register an uploaded file as a model, confirm its address mapping, remove it. */
export function modelRoutes(core: HostCore, uploads: Uploads, jobs: JobRegistry): Hono {
  const app = new Hono();
  const { models } = core;

  // every answer says whether a model's report still counts against the active store
  const answer = (info: ModelInfo) => withStaleness(info, core.storeIdentity());
  app.get('/api/models', async (c) => {
    await core.refresh(); // an import by another process makes reports stale too
    return c.json<ModelInfo[]>(models.list().map(answer));
  });

  /**
   * Registration runs as a job (so one cut short by a host stop is listed as interrupted, with a
   * retry); the upload is kept until it ends.
   */
  const register = async (req: RegisterModelRequest, signal?: AbortSignal): Promise<ModelInfo> => {
    try {
      const files = await uploads.files(req.uploadId);
      // one file, or a shapefile set (.shp with its .dbf/.shx/.prj/.cpg)
      const shp = files.filter((f) => /\.shp$/i.test(f));
      const file = files.length === 1 ? files[0]! : shp.length === 1 ? shp[0]! : null;
      if (!file) throw new ModelError(`a model is one file or one shapefile set; this upload has ${files.join(', ')}`, 400);
      const info = await models.register({
        file: path.join(uploads.dir(req.uploadId), file),
        fileName: file,
        name: req.name || undefined,
        encoding: req.encoding,
        sheet: req.sheet,
        signal,
      });
      core.modelsChanged();
      return answer(info);
    } finally {
      await uploads.discard(req.uploadId);
    }
  };
  const retrySpec = (req: RegisterModelRequest) => ({
    uploadId: req.uploadId,
    name: req.name ?? null,
    encoding: req.encoding ?? null,
    sheet: req.sheet ?? null,
  });
  jobs.onRetry('model', (spec) =>
    jobs.start(
      'model',
      String(spec.name ?? spec.uploadId),
      ({ signal }) =>
        register(
          {
            uploadId: String(spec.uploadId),
            name: (spec.name as string | null) ?? undefined,
            encoding: (spec.encoding as RegisterModelRequest['encoding'] | null) ?? undefined,
            sheet: (spec.sheet as string | null) ?? undefined,
          },
          signal,
        ),
      () => false,
      spec,
    ),
  );

  app.post('/api/models', async (c) => {
    const req = await c.req.json<RegisterModelRequest>().catch(() => null);
    if (!req || typeof req.uploadId !== 'string')
      return bad(c, 'expected {"uploadId": "...", "name"?: "...", "encoding"?: "utf-8" | "cp949"}');
    if (req.encoding !== undefined && req.encoding !== 'utf-8' && req.encoding !== 'cp949') return bad(c, "encoding is 'utf-8' or 'cp949'");
    if (req.name !== undefined && typeof req.name !== 'string') return bad(c, 'name must be text');
    if (req.sheet !== undefined && typeof req.sheet !== 'string') return bad(c, 'sheet must be text');
    try {
      const label = req.name || (await uploads.files(req.uploadId)).join(', ');
      return c.json(await jobs.run('model', label, ({ signal }) => register(req, signal), retrySpec(req)), 201);
    } catch (e) {
      return failure(c, e);
    }
  });

  app.put('/api/models/:name/mapping', async (c) => {
    const req = await c.req.json<MappingRequest>().catch(() => null);
    const mapping = validMapping(req?.mapping);
    if (typeof mapping === 'string') return bad(c, mapping);
    try {
      await core.refresh();
      return c.json(answer(await models.setMapping(c.req.param('name'), mapping, core.storeIdentity())));
    } catch (e) {
      return failure(c, e);
    }
  });

  // A stale report counted again, with the mapping the analyst confirmed, against the active store.
  app.post('/api/models/:name/rematch', async (c) => {
    try {
      await core.refresh();
      const { mapping } = models.get(c.req.param('name'));
      if (!mapping) throw new ModelError(`the model '${c.req.param('name')}' has no confirmed mapping to match with`, 409);
      return c.json(answer(await models.setMapping(c.req.param('name'), mapping, core.storeIdentity())));
    } catch (e) {
      return failure(c, e);
    }
  });

  app.get('/api/models/:name/unmatched', async (c) => {
    try {
      await core.refresh();
      return c.json(await models.unmatched(c.req.param('name')));
    } catch (e) {
      return failure(c, e);
    }
  });

  app.post('/api/models/:name/unmatched/csv', async (c) => {
    const req = await c.req.json<UnmatchedCsvRequest>().catch(() => null);
    if (
      !req ||
      !['cp949', 'utf-8'].includes(req.encoding) ||
      !['ko', 'en'].includes(req.lang) ||
      !Array.isArray(req.headers) ||
      req.headers.length !== 3 ||
      typeof req.statuses !== 'object'
    ) {
      return bad(c, 'expected {"encoding": "cp949" | "utf-8", "lang": "ko" | "en", "headers": [3 texts], "statuses": {...}}');
    }
    try {
      await core.refresh();
      const name = c.req.param('name');
      const bytes = unmatchedCsv(await models.unmatched(name), req);
      return new Response(new Uint8Array(bytes), {
        headers: {
          'content-type': `text/csv; charset=${req.encoding === 'cp949' ? 'cp949' : 'utf-8'}`,
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${exportBaseName(name)}.csv`)}`,
        },
      });
    } catch (e) {
      return failure(c, e);
    }
  });

  app.put('/api/models/:name/sheet', async (c) => {
    const req = await c.req.json<{ sheet?: unknown }>().catch(() => null);
    if (typeof req?.sheet !== 'string') return bad(c, 'expected {"sheet": "..."}');
    try {
      const info = await models.changeSheet(c.req.param('name'), req.sheet);
      core.modelsChanged();
      return c.json(answer(info));
    } catch (e) {
      return failure(c, e);
    }
  });

  app.delete('/api/models/:name', async (c) => {
    try {
      await models.remove(c.req.param('name'));
      core.modelsChanged();
      return c.json({ removed: true });
    } catch (e) {
      return failure(c, e);
    }
  });

  return app;
}

function bad(c: Context, error: string) {
  return c.json<ApiError>({ error, code: 'bad_request' }, 400);
}

function failure(c: Context, e: unknown) {
  if (e instanceof ModelError) {
    const reason = errorReason(e);
    return c.json<ApiError>(
      {
        error: e.message,
        code: e.status === 404 ? 'not_found' : e.status === 409 ? 'conflict' : 'bad_request',
        ...(reason ? { reason } : {}),
      },
      e.status,
    );
  }
  if (e instanceof UploadError) return c.json(e.body(), e.status);
  throw e;
}
