import { Hono, type Context } from 'hono';
import type { ApiError, AttachStoreRequest, SetActiveStoreRequest, StoresResponse } from '../../shared/api/contract';
import type { HostCore } from './hostCore';
import type { Logger } from './logger';
import { StoreChoiceError, type StoreChoices } from './storeChoices';

/** What listing the stores needs from the running host. */
export function listStores(core: HostCore, choices: StoreChoices): Promise<StoresResponse> {
  return choices.list({
    active: core.storeIdentity(),
    canRead: core.canRead,
    reports: core.models
      .list()
      .map((m) => (m.report ? (m.reportStore ?? null) : undefined))
      .filter((r) => r !== undefined),
  });
}

/**
 * /api/stores: which stores the host can read, which one is active, and where imports go.
 * Switching is the analyst's explicit choice, remembered in the workspace; the models' match
 * reports made against another store are then answered as stale (reportStaleness.ts).
 */
export function storeRoutes(core: HostCore, choices: StoreChoices, logger: Logger): Hono {
  const app = new Hono();

  app.get('/api/stores', async (c) => {
    await core.refresh();
    return c.json<StoresResponse>(await listStores(core, choices));
  });

  app.put('/api/stores/active', async (c) => {
    const req = await c.req.json<SetActiveStoreRequest>().catch(() => null);
    if (typeof req?.id !== 'string') return fail(c, new StoreChoiceError('expected {"id": "..."}', 'bad_request'));
    const dir = choices.dirOf(req.id);
    if (!dir) return fail(c, new StoreChoiceError(`no store '${req.id}'`, 'not_found'));
    const listed = (await listStores(core, choices)).stores.find((s) => s.id === req.id);
    if (listed?.unavailable)
      return fail(c, new StoreChoiceError(`store '${req.id}' cannot be read now (${listed.unavailable})`, 'conflict'), {
        unavailable: listed.unavailable,
      });
    await core.useStore(dir);
    await choices.setActive(req.id);
    logger.info('store', 'switched', { id: req.id, path: dir });
    return c.json<StoresResponse>(await listStores(core, choices));
  });

  app.post('/api/stores/attached', async (c) => {
    const req = await c.req.json<AttachStoreRequest>().catch(() => null);
    if (typeof req?.path !== 'string') return fail(c, new StoreChoiceError('expected {"path": "..."}', 'bad_request'));
    try {
      const id = await choices.attach(req.path);
      logger.info('store', 'attached', { id });
      return c.json<StoresResponse>(await listStores(core, choices), 201);
    } catch (e) {
      if (e instanceof StoreChoiceError) return fail(c, e);
      throw e;
    }
  });

  return app;
}

function fail(c: Context, e: StoreChoiceError, params?: Record<string, string>) {
  const status = e.code === 'not_found' ? 404 : e.code === 'conflict' ? 409 : 400;
  return c.json<ApiError>({ error: e.message, code: e.code, ...(params ? { params } : {}) }, status);
}
