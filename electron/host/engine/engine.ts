import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import type { RecordBatch, Schema } from 'apache-arrow';
import { literalSql } from '../../../shared/dsl/sqlgen';
import { chunksToBatch, schemaFor, type ColumnSpec } from './arrowEncoder';

/**
 * The one interface the host has to its query engine. The implementation is native DuckDB,
 * locked down so that SQL can read only the store and workspace folders.
 */
export interface Engine {
  /** Runs a statement and returns all rows as plain JS objects (small metadata queries). */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs a statement for its effect (DDL, COPY); aborting the signal interrupts it in the engine. */
  exec(sql: string, signal?: AbortSignal): Promise<void>;
  /** Streams a query as Arrow record batches; aborting the signal interrupts it in the engine. */
  stream(sql: string, options?: StreamOptions): Promise<ArrowResult>;
  close(): Promise<void>;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Arrow schema metadata to attach (SQL text, map hints). */
  metadata?: Map<string, string>;
  /** rows per Arrow batch */
  batchRows?: number;
}

export interface ArrowResult {
  schema: Schema;
  columns: ColumnSpec[];
  batches: AsyncIterable<RecordBatch>;
}

export interface EngineOptions {
  /** a database file (imports stage here and spill to disk); default: in memory */
  databasePath?: string;
  /** the only folders SQL may read or write */
  allowedDirectories: string[];
  threads?: number;
  memoryLimit?: string;
  /** spill folder, inside an allowed directory; omitted = in memory only */
  tempDirectory?: string;
}

export class QueryCancelledError extends Error {
  constructor() {
    super('query cancelled');
  }
}

export async function openEngine(options: EngineOptions): Promise<Engine> {
  const instance = await DuckDBInstance.create(options.databasePath ?? ':memory:', { threads: String(options.threads ?? 2) });
  const setup = await instance.connect();
  const dirs = options.allowedDirectories.map(literalSql).join(', ');
  const statements = [
    options.memoryLimit ? `SET memory_limit = ${literalSql(options.memoryLimit)}` : '',
    // before external access is disabled, which also freezes the spill folder
    options.tempDirectory ? `SET temp_directory = ${literalSql(options.tempDirectory)}` : '',
    // Parquet footers parsed once per file (re-read when a file's modification time changes):
    // the store is hundreds of files and most queries touch all of them.
    'SET parquet_metadata_cache = true',
    `SET allowed_directories = [${dirs}]`,
    'SET enable_external_access = false',
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    'SET allow_community_extensions = false',
    // Last: nothing after this can change settings, whatever SQL arrives.
    'SET lock_configuration = true',
  ].filter(Boolean);
  for (const s of statements) await setup.run(s);

  const withConnection = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const c = await instance.connect();
    try {
      return await fn(c);
    } finally {
      c.closeSync();
    }
  };

  return {
    rows: <T>(sql: string) => withConnection(async (c) => (await c.runAndReadAll(sql)).getRowObjectsJS() as T[]),
    exec: (sql, signal) => withConnection(async (c) => {
      if (signal?.aborted) throw new QueryCancelledError();
      const onAbort = () => c.interrupt();
      signal?.addEventListener('abort', onAbort);
      try {
        await c.run(sql);
      } catch (e) {
        throw signal?.aborted ? new QueryCancelledError() : e;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }),
    async stream(sql, opts = {}) {
      const c = await instance.connect();
      const onAbort = () => c.interrupt();
      opts.signal?.addEventListener('abort', onAbort);
      const release = () => {
        opts.signal?.removeEventListener('abort', onAbort);
        c.closeSync();
      };
      try {
        if (opts.signal?.aborted) throw new QueryCancelledError();
        const result = await c.stream(sql);
        const columns: ColumnSpec[] = result.columnNames().map((name, i) => ({ name, typeId: result.columnTypeId(i) }));
        const schema = schemaFor(columns, opts.metadata ?? new Map());
        const batchRows = opts.batchRows ?? 16_384;
        async function* batches(): AsyncIterable<RecordBatch> {
          try {
            let pending: DuckDBDataChunk[] = [];
            let rows = 0;
            for (;;) {
              const chunk = await fetchOrCancel(() => result.fetchChunk(), opts.signal);
              if (!chunk || chunk.rowCount === 0) break;
              pending.push(chunk);
              rows += chunk.rowCount;
              if (rows >= batchRows) {
                yield await chunksToBatch(schema, columns, pending);
                pending = [];
                rows = 0;
              }
            }
            if (pending.length) yield await chunksToBatch(schema, columns, pending);
          } finally {
            release();
          }
        }
        return { schema, columns, batches: batches() };
      } catch (e) {
        release();
        throw opts.signal?.aborted ? new QueryCancelledError() : e;
      }
    },
    async close() {
      setup.closeSync();
      instance.closeSync();
    },
  };
}

async function fetchOrCancel<T>(fetch: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) throw new QueryCancelledError();
  try {
    return await fetch();
  } catch (e) {
    throw signal?.aborted ? new QueryCancelledError() : e;
  }
}
