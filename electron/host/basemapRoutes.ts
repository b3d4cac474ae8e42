import { Hono } from 'hono';
import { API, type ApiError, type Settings, type TileFileInfo } from '../../shared/api/contract';
import { basemapOrigin, validBasemap } from '../../shared/map/basemapSetting';
import type { Logger } from './logger';
import type { SettingsStore } from './settingsStore';
import type { BasemapFiles } from './tiles/basemapFiles';
import { TILE_CONTENT_TYPES } from './tiles/tileSource';

/**
 * The settings, and a basemap tile file's tiles: a PMTiles or MBTiles file on the host's disk,
 * served from the host's own origin (so the page's CSP needs nothing more).
 */
export function basemapRoutes(settings: SettingsStore, files: BasemapFiles, logger: Logger): Hono {
  const app = new Hono();
  const tileFile = () => {
    const b = settings.get().basemap;
    return b.kind === 'file' ? files.get(b.path) : null;
  };

  app.get(API.settings, (c) => c.json<Settings>(settings.get()));
  app.put(API.basemapSetting, async (c) => {
    const basemap = validBasemap(await c.req.json().catch(() => null));
    if (typeof basemap === 'string') return c.json<ApiError>({ error: basemap, code: 'bad_request' }, 400);
    if (basemap.kind === 'file') {
      // refused now, with the reason, rather than a blank map later
      const opened = await files.get(basemap.path).then(
        () => null,
        (e: Error) => e.message,
      );
      if (opened) return c.json<ApiError>({ error: opened, code: 'bad_request' }, 400);
    }
    logger.info('settings', `basemap: ${basemap.kind}`, {
      origin: basemapOrigin(basemap),
      file: basemap.kind === 'file' ? basemap.path : undefined,
    });
    return c.json<Settings>(await settings.setBasemap(basemap));
  });

  app.get(API.basemapFile, async (c) => {
    const source = tileFile();
    if (!source) return c.json<ApiError>({ error: 'the basemap is not a tile file', code: 'not_found' }, 404);
    try {
      return c.json<TileFileInfo>((await source).info);
    } catch (e) {
      logger.warn('basemap', (e as Error).message);
      return c.json<ApiError>({ error: (e as Error).message, code: 'bad_request' }, 422);
    }
  });

  app.get(`${API.basemapTiles}/:z/:x/:y`, async (c) => {
    const [z, x, y] = ['z', 'x', 'y'].map((k) => Number(c.req.param(k)?.replace(/\.\w+$/, ''))) as [number, number, number];
    const source = tileFile();
    if (!source || ![z, x, y].every((n) => Number.isInteger(n) && n >= 0)) return c.body(null, 404);
    try {
      const s = await source;
      const tile = await s.tile(z, x, y);
      // no tile here: an empty answer, which MapLibre draws as nothing
      if (!tile) return c.body(null, 204);
      c.header('content-type', TILE_CONTENT_TYPES[s.info.format]);
      c.header('cache-control', 'private, max-age=3600');
      return c.body(tile as Uint8Array<ArrayBuffer>);
    } catch (e) {
      logger.warn('basemap', `tile ${z}/${x}/${y}: ${(e as Error).message}`);
      return c.json<ApiError>({ error: (e as Error).message, code: 'internal' }, 500);
    }
  });
  return app;
}
