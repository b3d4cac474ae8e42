import { randomUUID } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import {
  EXPORT_CRS,
  type ApiError,
  type ExportFormat,
  type ExportProgress,
  type ExportRequest,
  type ExportStarted,
} from '../../shared/api/contract';
import { exportBaseName } from '../export/fileNames';
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
  const exports = new Map<
    string,
    { req: ExportRequest; fileName: string; progress: ExportProgress; controller: AbortController; fetched: boolean }
  >();

  app.post('/api/exports', async (c) => {
    const req = await c.req.json<ExportRequest>().catch(() => null);
    if (!req || typeof req.dsl !== 'string' || !(req.format in FORMATS))
      return c.json<ApiError>(
        { error: 'expected {"dsl": "...", "format": "geojson" | "csv" | "parquet" | "shapefile"}', code: 'bad_request' },
        400,
      );
    if (req.crs !== undefined && !EXPORT_CRS.includes(req.crs))
      return c.json<ApiError>({ error: `crs: expected one of ${EXPORT_CRS.join(', ')}`, code: 'bad_request' }, 400);
    const id = randomUUID();
    // the file name is fixed here; the name in the download URL is only for the browser
    const fileName = `${exportBaseName(req.name)}.${FORMATS[req.format].ext}`;
    exports.set(id, {
      req,
      fileName,
      progress: { phase: 'waiting', rows: 0, bytes: 0, error: null },
      controller: new AbortController(),
      fetched: false,
    });
    // forgotten a while after it ends (or if never fetched)
    setTimeout(() => exports.delete(id), PENDING_MS).unref();
    return c.json<ExportStarted>({ id, url: `/api/exports/${id}/${encodeURIComponent(fileName)}` }, 201);
  });

  app.get('/api/exports/:id/progress', (c) => {
    const e = exports.get(c.req.param('id'));
    return e ? c.json<ExportProgress>(e.progress) : c.json<ApiError>({ error: 'no such export', code: 'not_found' }, 404);
  });

  app.post('/api/exports/:id/cancel', (c) => {
    const e = exports.get(c.req.param('id'));
    if (!e || e.progress.phase === 'done' || e.progress.phase === 'failed')
      return c.json<ApiError>({ error: 'no such export running', code: 'not_found' }, 404);
    e.controller.abort();
    e.progress.phase = 'cancelled';
    return c.json({ cancelled: true });
  });

  app.get('/api/exports/:id/:name', async (c) => {
    const e = exports.get(c.req.param('id'));
    if (!e || e.fetched) return c.json<ApiError>({ error: 'no such export (they are valid for a minute, once)', code: 'not_found' }, 404);
    e.fetched = true;
    const { req, fileName, progress, controller } = e;
    const signal = AbortSignal.any([controller.signal, c.req.raw.signal]);
    progress.phase = 'running';
    const fail = (error: ApiError) => {
      progress.phase = signal.aborted ? 'cancelled' : 'failed';
      progress.error = error.error;
    };
    const headers = {
      'content-type': FORMATS[req.format].type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    };
    // bytes are counted as they leave; the phase ends with the stream
    const sent = (chunks: AsyncIterable<string | Uint8Array>) =>
      Readable.toWeb(
        Readable.from(
          (async function* () {
            try {
              for await (const chunk of chunks) {
                if (signal.aborted) throw new Error('export cancelled');
                progress.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
                yield chunk;
              }
              // a cancel can end the query's stream quietly: never hand that out as a whole file
              if (signal.aborted) throw new Error('export cancelled');
              progress.phase = 'done';
            } catch (err) {
              fail({ error: (err as Error).message, code: 'engine' });
              throw err;
            }
          })(),
        ),
      ) as ReadableStream<Uint8Array>;
    if (req.format === 'parquet' || req.format === 'shapefile') {
      await fs.mkdir(tmpDir, { recursive: true });
      const file = path.join(tmpDir, `export-${randomUUID()}.${FORMATS[req.format].ext}`);
      const base = fileName.replace(/\.zip$/i, '');
      const copied =
        req.format === 'parquet'
          ? req.crs && req.crs !== 4326
            ? await queries.copyToReprojectedParquet(req.dsl, file, req.crs, tmpDir, signal)
            : await queries.copyToParquet(req.dsl, file, signal)
          : await queries.copyToShapefileZip(req.dsl, file, base, tmpDir, { signal, crs: req.crs, onRecords: (n) => (progress.rows = n) });
      if (!copied.ok) {
        fail(copied.error);
        await fs.rm(file, { force: true });
        return c.json(copied.error, copied.status as 400);
      }
      const stream = createReadStream(file);
      stream.on('close', () => void fs.rm(file, { force: true }));
      return new Response(sent(stream), { headers });
    }
    const outcome = await queries.run(req.dsl, undefined, signal);
    if (!outcome.ok) {
      fail(outcome.error);
      return c.json(outcome.error, outcome.status as 400);
    }
    return new Response(
      sent(resultText(outcome.body, req.format, { bom: true, skip: NOT_IN_CSV, onRows: (n) => (progress.rows = n) }, req.crs)),
      { headers },
    );
  });
  return app;
}

/** The bbox covering column is an index for the engine, not data for a spreadsheet. */
const NOT_IN_CSV = new Set(['bbox']);
