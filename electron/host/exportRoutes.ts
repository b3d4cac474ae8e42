import { randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { ApiError, ExportFormat, ExportRequest } from '../../shared/api/contract';
import { resultText } from '../export/resultText';
import type { QueryService } from './queryService';

const FORMATS: Record<ExportFormat, { ext: string; type: string }> = {
  geojson: { ext: 'geojson', type: 'application/geo+json' },
  csv: { ext: 'csv', type: 'text/csv; charset=utf-8' },
  parquet: { ext: 'parquet', type: 'application/vnd.apache.parquet' },
  shapefile: { ext: 'zip', type: 'application/zip' },
};
const PENDING_MS = 60_000;

/**
 * Exports stream from the host to the disk the browser saves to (a download in server mode, the
 * native save dialog in the desktop window): POST the query, then GET the file. Nothing whole is
 * held in memory, here or in the renderer.
 */
export function exportRoutes(queries: QueryService, tmpDir: string): Hono {
  const app = new Hono();
  const pending = new Map<string, ExportRequest>();

  app.post('/api/exports', async (c) => {
    const req = await c.req.json<ExportRequest>().catch(() => null);
    if (!req || typeof req.dsl !== 'string' || !(req.format in FORMATS)) return c.json<ApiError>({ error: 'expected {"dsl": "...", "format": "geojson" | "csv" | "parquet" | "shapefile"}', code: 'bad_request' }, 400);
    const id = randomUUID();
    pending.set(id, req);
    setTimeout(() => pending.delete(id), PENDING_MS).unref();
    const name = `${(req.name ?? 'pilji').replace(/[\\/:*?"<>|]+/g, '_')}.${FORMATS[req.format].ext}`;
    return c.json({ url: `/api/exports/${id}/${encodeURIComponent(name)}` }, 201);
  });

  app.get('/api/exports/:id/:name', async (c) => {
    const req = pending.get(c.req.param('id'));
    pending.delete(c.req.param('id'));
    if (!req) return c.json<ApiError>({ error: 'no such export (they are valid for a minute, once)', code: 'not_found' }, 404);
    const headers = {
      'content-type': FORMATS[req.format].type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(c.req.param('name'))}`,
    };
    if (req.format === 'parquet' || req.format === 'shapefile') {
      await fs.mkdir(tmpDir, { recursive: true });
      const file = path.join(tmpDir, `export-${randomUUID()}.${FORMATS[req.format].ext}`);
      const base = c.req.param('name').replace(/\.zip$/i, '');
      const copied = req.format === 'parquet' ? await queries.copyToParquet(req.dsl, file) : await queries.copyToShapefileZip(req.dsl, file, base, tmpDir);
      if (!copied.ok) return c.json(copied.error, copied.status as 400);
      const stream = createReadStream(file);
      stream.on('close', () => void fs.rm(file, { force: true }));
      return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers });
    }
    const outcome = await queries.run(req.dsl, undefined, c.req.raw.signal);
    if (!outcome.ok) return c.json(outcome.error, outcome.status as 400);
    const text = resultText(outcome.body, req.format, { bom: true, skip: NOT_IN_CSV });
    return new Response(Readable.toWeb(Readable.from(text)) as ReadableStream<Uint8Array>, { headers });
  });
  return app;
}

/** The bbox covering column is an index for the engine, not data for a spreadsheet. */
const NOT_IN_CSV = new Set(['bbox']);
