import {
  BLOB,
  blobValue,
  DOUBLE,
  DuckDBBlobValue,
  DuckDBInstance,
  DuckDBScalarFunction,
  StatementType,
  type DuckDBBlobVector,
  type DuckDBConnection,
  type DuckDBDoubleVector,
  type DuckDBUBigIntVector,
  type DuckDBDataChunk,
  type DuckDBPreparedStatement,
} from '@duckdb/node-api';
import os from 'node:os';
import type { RecordBatch, Schema } from 'apache-arrow';
import { literalSql } from '../../shared/dsl/sqlgen';
import { chunksToBatch, schemaFor } from './arrowEncoder';
import { columnSpec, type ColumnSpec } from './columnSpec';

/**
 * The one interface the host has to its query engine. The implementation is native DuckDB,
 * locked down so that SQL can read only the store and workspace folders.
 */
export interface Engine {
  /** Runs a statement and returns all rows as plain JS objects (small metadata queries); the signal interrupts it. */
  rows<T = Record<string, unknown>>(sql: string, signal?: AbortSignal): Promise<T[]>;
  /**
   * Runs one statement for its effect (DDL, COPY) as a prepared statement, so a text holding two
   * statements fails instead of running both; aborting the signal interrupts it in the engine.
   */
  exec(sql: string, signal?: AbortSignal): Promise<void>;
  /**
   * Runs one SELECT and hands its rows out as Arrow record batches. It is prepared first and
   * refused unless it is a single SELECT; it is interrupted when the signal aborts or the query
   * time limit passes. An error in the data is thrown here, before any batch.
   */
  stream(sql: string, options?: StreamOptions): Promise<ArrowResult>;
  /**
   * Runs one SELECT and hands its rows to `onChunk` a chunk at a time, as columns: many rows read
   * without making an object for each (the spatial refine's candidates). The signal interrupts it.
   */
  scan(sql: string, onChunk: (chunk: ColumnChunk) => void, signal?: AbortSignal): Promise<void>;
  /** The columns one SELECT would return, from preparing it (nothing runs). */
  describe(sql: string): Promise<{ name: string; type: string }[]>;
  /** DuckDB's own parse tree of a text (`json_serialize_sql`), given as a parameter, never spliced. */
  parseTree(sql: string): Promise<unknown>;
  /** Adds a function computed in JavaScript that SQL can call from then on, on every connection. */
  registerScalar(fn: ScalarFunction): void;
  /** The limits the engine runs under, for diagnostics. */
  readonly limits: EngineLimits;
  close(): Promise<void>;
}

/** A scalar function computed in JavaScript: DuckDB hands it one chunk of rows at a time. */
export interface ScalarFunction {
  name: string;
  params: readonly ('blob' | 'double')[];
  returns: 'blob' | 'double';
  /**
   * One row's value; a null argument gives null without a call. A thrown error fails the
   * statement with its message (DuckDB's "Invalid Input Error: ...").
   */
  compute(args: (Uint8Array | number)[]): Uint8Array | number | null;
}

/**
 * Some rows of a result as its columns, valid only during the call they are handed to: a value is
 * read from the engine's vectors only when asked for.
 */
export interface ColumnChunk {
  rowCount: number;
  /** a DOUBLE or UBIGINT value (null: SQL NULL) */
  value(column: number, row: number): number | bigint | null;
  /** a BLOB value (null: SQL NULL), read-only */
  blob(column: number, row: number): Uint8Array | null;
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
  /** largest spill on disk (DuckDB's max_temp_directory_size) */
  maxTempSize?: string;
  /** a query running longer is interrupted (QueryTimeoutError); 0 = no limit */
  queryTimeoutMs?: number;
}

export interface EngineLimits {
  memoryLimit: string;
  tempDirectory: string | null;
  maxTempSize: string | null;
  queryTimeoutMs: number;
  threads: number;
}

export class QueryCancelledError extends Error {
  constructor() {
    super('query cancelled');
  }
}

export class QueryTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`query time limit reached (${Math.round(limitMs / 1000)} s)`);
  }
}

export class StatementKindError extends Error {
  constructor(readonly kind: string) {
    super(`only one SELECT statement may run here, not ${kind}`);
  }
}

export async function openEngine(options: EngineOptions): Promise<Engine> {
  const threads = options.threads ?? 2;
  const instance = await DuckDBInstance.create(options.databasePath ?? ':memory:', { threads: String(threads) });
  const setup = await instance.connect();
  const dirs = options.allowedDirectories.map(literalSql).join(', ');
  // Always explicit: DuckDB's defaults are 80% of RAM and a '.tmp' in the process's working
  // folder (which DuckDB then adds to the allowed paths); no spill folder means no spilling.
  const memoryLimit = options.memoryLimit ?? defaultMemoryLimit();
  const statements = [
    `SET memory_limit = ${literalSql(memoryLimit)}`,
    // before external access is disabled, which also freezes the spill folder
    `SET temp_directory = ${literalSql(options.tempDirectory ?? '')}`,
    options.tempDirectory && options.maxTempSize ? `SET max_temp_directory_size = ${literalSql(options.maxTempSize)}` : '',
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
  const limits: EngineLimits = {
    memoryLimit,
    tempDirectory: options.tempDirectory ?? null,
    maxTempSize: options.tempDirectory ? (options.maxTempSize ?? null) : null,
    queryTimeoutMs: options.queryTimeoutMs ?? 0,
    threads,
  };

  const withConnection = async <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    const c = await instance.connect();
    try {
      return await fn(c);
    } finally {
      c.closeSync();
    }
  };

  /**
   * Interrupts the connection when the signal aborts or the time limit passes; `error` turns
   * what the engine threw into the reason the query really stopped.
   */
  const guard = (c: DuckDBConnection, signal: AbortSignal | undefined) => {
    let timedOut = false;
    const onAbort = () => c.interrupt();
    signal?.addEventListener('abort', onAbort);
    const timer =
      limits.queryTimeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            c.interrupt();
          }, limits.queryTimeoutMs)
        : null;
    timer?.unref();
    return {
      check() {
        if (timedOut) throw new QueryTimeoutError(limits.queryTimeoutMs);
        if (signal?.aborted) throw new QueryCancelledError();
      },
      error(e: unknown): unknown {
        if (timedOut) return new QueryTimeoutError(limits.queryTimeoutMs);
        return signal?.aborted ? new QueryCancelledError() : e;
      },
      dispose() {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      },
    };
  };

  return {
    limits,
    registerScalar(fn) {
      const type = (t: 'blob' | 'double') => (t === 'blob' ? BLOB : DOUBLE);
      const f = DuckDBScalarFunction.create({
        name: fn.name,
        returnType: type(fn.returns),
        parameterTypes: fn.params.map(type),
        mainFunction: (info, input, output) => {
          const vectors = fn.params.map((_, i) => input.getColumnVector(i));
          try {
            for (let row = 0; row < input.rowCount; row++) {
              const args = vectors.map((v) => v.getItem(row));
              if (args.some((a) => a === null)) {
                output.setItem(row, null);
                continue;
              }
              const value = fn.compute(args.map((a) => (a instanceof DuckDBBlobValue ? a.bytes : Number(a))));
              output.setItem(row, value instanceof Uint8Array ? blobValue(value) : value);
            }
            output.flush();
          } catch (e) {
            info.setError(e instanceof Error ? e.message : String(e));
          }
        },
      });
      // registered in the database's catalog: every connection, later ones included, sees it
      setup.registerScalarFunction(f);
    },
    rows: <T>(sql: string, signal?: AbortSignal) =>
      withConnection(async (c) => {
        const g = guard(c, signal);
        try {
          g.check();
          return (await c.runAndReadAll(sql)).getRowObjectsJS() as T[];
        } catch (e) {
          throw g.error(e);
        } finally {
          g.dispose();
        }
      }),
    scan: (sql, onChunk, signal) =>
      withConnection(async (c) => {
        const g = guard(c, signal);
        try {
          g.check();
          const result = await (await prepareSelect(c, sql)).run();
          for (;;) {
            g.check();
            const chunk = await result.fetchChunk();
            if (!chunk || chunk.rowCount === 0) break;
            onChunk({
              rowCount: chunk.rowCount,
              value: (i, row) => (chunk.getColumnVector(i) as DuckDBDoubleVector | DuckDBUBigIntVector).getItem(row),
              blob: (i, row) => (chunk.getColumnVector(i) as DuckDBBlobVector).getItemBytes(row),
            });
          }
        } catch (e) {
          throw g.error(e);
        } finally {
          g.dispose();
        }
      }),
    exec: (sql, signal) =>
      withConnection(async (c) => {
        if (signal?.aborted) throw new QueryCancelledError();
        const g = guard(c, signal);
        try {
          await (await c.prepare(sql)).run();
        } catch (e) {
          throw g.error(e);
        } finally {
          g.dispose();
        }
      }),
    describe: (sql) =>
      withConnection(async (c) => {
        const p = await prepareSelect(c, sql);
        return Array.from({ length: p.columnCount }, (_, i) => ({ name: p.columnName(i), type: p.columnType(i).toString() }));
      }),
    parseTree: (sql) =>
      withConnection(async (c) => {
        const reader = await c.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR) AS tree', [sql]);
        return JSON.parse(String(reader.getRowObjectsJS()[0]!.tree)) as unknown;
      }),
    async stream(sql, opts = {}) {
      const c = await instance.connect();
      const g = guard(c, opts.signal);
      const release = () => {
        g.dispose();
        c.closeSync();
      };
      try {
        g.check();
        // Run to its end, not streamed: a streaming result of @duckdb/node-api 1.5 that fails
        // part-way (a value that does not convert, deep in the rows) just ends, with no error to
        // read, so the answer would arrive cut short without a word. Run whole, the error comes
        // here, before any row is sent, and the host locates it at its step.
        const result = await (await prepareSelect(c, sql)).run();
        const columns: ColumnSpec[] = result.columnNames().map((name, i) => columnSpec(name, result.columnType(i)));
        const schema = schemaFor(columns, opts.metadata ?? new Map());
        const batchRows = opts.batchRows ?? 16_384;
        async function* batches(): AsyncIterable<RecordBatch> {
          try {
            let pending: DuckDBDataChunk[] = [];
            let rows = 0;
            for (;;) {
              g.check();
              let chunk: DuckDBDataChunk | null;
              try {
                chunk = await result.fetchChunk();
              } catch (e) {
                throw g.error(e);
              }
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
        throw g.error(e);
      }
    },
    async close() {
      setup.closeSync();
      instance.closeSync();
    },
  };
}

/** Prepares one statement (two fail to prepare) and refuses anything but a SELECT. */
async function prepareSelect(c: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const p = await c.prepare(sql);
  if (p.statementType !== StatementType.SELECT) throw new StatementKindError(StatementType[p.statementType] ?? String(p.statementType));
  return p;
}

/** A quarter of the machine's memory, between 1 and 8 GiB: room for the renderer and the OS. */
export function defaultMemoryLimit(totalBytes = os.totalmem()): string {
  const gib = Math.min(8, Math.max(1, Math.floor(totalBytes / 4 / 1024 ** 3)));
  return `${gib}GB`;
}
