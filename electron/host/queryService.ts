import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RecordBatchStreamWriter } from 'apache-arrow';
import { QUERY_META, type ApiError, type QueryStatus } from '../../shared/api/contract';
import type { Catalog } from '../../shared/dsl/catalog';
import { parseQuery, planQuery, type PlanResult } from '../../shared/dsl/compile';
import { bindJoinRelations, type Plan } from '../../shared/dsl/plan';
import { sqlSourceProblems, type SqlSourceProblem } from './sqlSourcePolicy';
import { diag, formatDiagnostic, locate } from '../../shared/dsl/diagnostics';
import { columnType } from '../store/storeCatalog';
import { reprojectParquet } from '../export/parquetExport';
import { writeShapefileZip, type ShapefileZipOptions } from '../export/shapefileExport';
import { generateSql, literalSql, type GeneratedSql } from '../../shared/dsl/sqlgen';
import { QueryCancelledError, QueryTimeoutError, type Engine } from '../engine/engine';
import { emptyBatch } from '../engine/arrowEncoder';
import { joinRelationNames, prepareJoins, type JoinEnvironment, type PreparedJoins } from './parcelJoinRunner';
import { PreparedSpatial, SpatialQueryError } from './spatial/spatialRunner';
import { awaitGeosFor } from './spatial/geometryFunctions';
import { QueryQueue } from './queryQueue';
import { locateRuntimeError } from './runtimeErrorStep';

/** Enough for a few analysts at once on a laptop; DuckDB shares its threads among them. */
export const DEFAULT_CONCURRENT_QUERIES = 4;

export interface PreparedQuery {
  ok: true;
  sql: string;
  /** the bound plan and what was generated from it, to locate a run-time error at its step */
  plan: Plan;
  generated: GeneratedSql;
  metadata: Map<string, string>;
  release(): Promise<void>;
}

export type QueryOutcome = { ok: true; queryId: string; body: ReadableStream<Uint8Array> } | { ok: false; status: number; error: ApiError };

/**
 * Compiles DSL text (the host never runs SQL a client sent) and streams the result as Arrow IPC.
 * Running queries are registered by id so Cancel interrupts them in the engine.
 */
export class QueryService {
  private readonly running = new Map<string, AbortController>();
  /** the located errors of the last queries that failed mid-stream, by id (the oldest forgotten first) */
  private readonly streamFailures = new Map<string, ApiError>();
  private readonly queue: QueryQueue;

  constructor(
    private readonly engine: Engine,
    private readonly catalog: () => Catalog,
    /** called before compiling, so a store changed by another process is seen */
    private readonly beforeQuery: () => Promise<void>,
    private readonly joinEnvironment: JoinEnvironment,
    /** queries run at once; the rest wait in line */
    maxConcurrent = DEFAULT_CONCURRENT_QUERIES,
    /** the most one client may run at once (default: all of them) */
    perClient = maxConcurrent,
  ) {
    this.queue = new QueryQueue(maxConcurrent, perClient);
  }

  /** Queries the engine runs at once, and the most one client may hold of them. */
  get limit(): number {
    return this.queue.limit;
  }

  get perClientLimit(): number {
    return this.queue.perClientLimit;
  }

  /**
   * Where a query stands: running, waiting at a position, or failed after its answer had begun to
   * stream (the client's read then breaks off, and this says why and where); null when unknown or finished.
   */
  status(queryId: string): QueryStatus | null {
    const failure = this.streamFailures.get(queryId);
    return this.queue.status(queryId) ?? (failure ? { state: 'failed', error: failure } : null);
  }

  /**
   * Parse → (for a `sql "..."` source: judged on DuckDB's own parse by sqlSourcePolicy, then
   * described by preparing it, nothing runs) → checker → plan, each once: the steps after a sql
   * source are checked against the columns the engine described.
   */
  private async planWithEngine(dsl: string): Promise<PlanResult> {
    const parsed = parseQuery(dsl);
    const source = parsed.pipeline?.source;
    if (source?.kind !== 'sql') return planQuery(dsl, parsed, this.catalog());
    let described: { name: string; type: string }[];
    try {
      const problems = sqlSourceProblems(await this.engine.parseTree(source.text), this.catalog());
      if (problems.length) return sqlSourceRefusal(dsl, source, problems);
      described = await this.engine.describe(`SELECT * FROM (\n${source.text.trim()}\n)`);
    } catch (e) {
      return sqlSourceError(dsl, source, e);
    }
    return planQuery(
      dsl,
      parsed,
      this.catalog(),
      described.map((c) => ({ name: c.name, type: columnType(c.type) })),
    );
  }

  /**
   * Runs a query straight into a Parquet file (inside the workspace: the engine writes nowhere
   * else); DuckDB writes the geometry with GeoParquet metadata.
   */
  async copyToParquet(
    dsl: string,
    file: string,
    signal = new AbortController().signal,
  ): Promise<{ ok: true } | { ok: false; status: number; error: ApiError }> {
    // an export is engine work like a query: it waits in the same line
    let leave: () => void;
    try {
      leave = await this.queue.acquire(`export-${randomUUID()}`, signal);
    } catch (e) {
      return { ok: false, ...engineError(e) };
    }
    try {
      const prepared = await this.prepare(dsl, signal);
      if (!prepared.ok) return prepared;
      try {
        await this.engine.exec(`COPY (${prepared.sql}) TO ${literalSql(file)} (FORMAT parquet, COMPRESSION zstd)`, signal);
        return { ok: true };
      } catch (e) {
        return { ok: false, ...(await this.located(dsl, prepared, e, signal)) };
      } finally {
        await prepared.release();
      }
    } finally {
      leave();
    }
  }

  /** GeoParquet of the result in another CRS than WGS 84, staged through Parquet in the workspace. */
  async copyToReprojectedParquet(
    dsl: string,
    file: string,
    epsg: number,
    tmpDir: string,
    signal?: AbortSignal,
  ): Promise<{ ok: true } | { ok: false; status: number; error: ApiError }> {
    const staged = path.join(tmpDir, `reproject-${randomUUID()}.parquet`);
    try {
      const copied = await this.copyToParquet(dsl, staged, signal);
      if (!copied.ok) return copied;
      await reprojectParquet(this.engine, staged, file, epsg, tmpDir, signal);
      return { ok: true };
    } catch (e) {
      return { ok: false, ...engineError(e) };
    } finally {
      await fs.rm(staged, { force: true });
    }
  }

  /** A zipped cp949 shapefile of the result, staged through Parquet in the workspace. */
  async copyToShapefileZip(
    dsl: string,
    zipFile: string,
    baseName: string,
    tmpDir: string,
    o: ShapefileZipOptions = {},
  ): Promise<{ ok: true; warnings: string[] } | { ok: false; status: number; error: ApiError }> {
    const staged = path.join(tmpDir, `shp-${randomUUID()}.parquet`);
    try {
      const copied = await this.copyToParquet(dsl, staged, o.signal);
      if (!copied.ok) return copied;
      const written = await writeShapefileZip(this.engine, staged, zipFile, baseName, tmpDir, o);
      return { ok: true, warnings: written.warnings };
    } catch (e) {
      if (e instanceof QueryCancelledError) return { ok: false, ...engineError(e) };
      return { ok: false, status: 400, error: { error: e instanceof Error ? e.message : String(e), code: 'engine' } };
    } finally {
      await fs.rm(staged, { force: true });
    }
  }

  /**
   * Compiles a query and prepares what its statement needs (the match tables of its parcel_join
   * steps): the SQL the engine runs, its Arrow metadata, and `release` to drop the per-query tables.
   */
  async prepare(dsl: string, signal: AbortSignal): Promise<PreparedQuery | { ok: false; status: number; error: ApiError }> {
    await this.beforeQuery();
    const planned = await this.planWithEngine(dsl);
    if (!planned.plan) return { ok: false, ...dslError(planned) };
    // the host's own relation names are bound before the one SQL generation; the match tables
    // they name are made from the same statement's CTEs afterwards
    const id = randomUUID().replace(/-/g, '').slice(0, 12);
    let joins: PreparedJoins | null = null;
    let spatial: PreparedSpatial | null = null;
    let plan = bindJoinRelations(planned.plan, (step) => joinRelationNames(id, step));
    let generated: GeneratedSql;
    try {
      // a spatial step's prefilter box comes from its target shapes, read before generation
      if (plan.steps.some((s) => s.kind === 'spatial')) {
        spatial = await PreparedSpatial.bind(this.engine, plan, id, signal);
        plan = spatial.plan;
      }
      generated = generateSql(plan);
      await awaitGeosFor(generated.sql);
      if (plan.steps.some((s) => s.kind === 'parcelJoin'))
        joins = await prepareJoins(this.engine, this.joinEnvironment, plan, generated, id, signal);
      if (spatial) await spatial.refine(this.joinEnvironment.workDir, generated, signal);
    } catch (e) {
      await joins?.release();
      await spatial?.release();
      if (e instanceof SpatialQueryError)
        return { ok: false, ...dslError({ ...planned, diagnostics: locate(dsl, [diag(e.message, e.span, 'error', e.hint)]) }) };
      return { ok: false, ...engineError(e) };
    }
    const metadata = new Map([
      [QUERY_META.sql, generated.sql],
      [QUERY_META.mapHints, JSON.stringify(planned.mapHints)],
      ...(joins ? [[QUERY_META.matchReports, JSON.stringify(joins.reports)] as [string, string]] : []),
    ]);
    return {
      ok: true,
      sql: generated.sql,
      plan,
      generated,
      metadata,
      release: async () => {
        await joins?.release();
        await spatial?.release();
      },
    };
  }

  /** An engine error while running a prepared query, at the plan step that caused it where one did. */
  private located(dsl: string, prepared: PreparedQuery, e: unknown, signal: AbortSignal): Promise<{ status: number; error: ApiError }> {
    return locateRuntimeError(this.engine, dsl, prepared.plan, prepared.generated, engineError(e), signal);
  }

  private rememberStreamFailure(queryId: string, error: ApiError): void {
    this.streamFailures.set(queryId, error);
    for (const id of this.streamFailures.keys()) {
      if (this.streamFailures.size <= KEPT_STREAM_FAILURES) break;
      this.streamFailures.delete(id);
    }
  }

  cancel(queryId: string): boolean {
    const c = this.running.get(queryId);
    c?.abort();
    return c !== undefined;
  }

  /** `client` (the caller's address) shares the engine's slots fairly with other clients. */
  async run(dsl: string, queryId: string = randomUUID(), clientSignal?: AbortSignal, client = ''): Promise<QueryOutcome> {
    const controller = new AbortController();
    clientSignal?.addEventListener('abort', () => controller.abort());
    this.running.set(queryId, controller);
    let leave: () => void;
    try {
      leave = await this.queue.acquire(queryId, controller.signal, client);
    } catch (e) {
      this.running.delete(queryId);
      return { ok: false, ...engineError(e) };
    }
    const prepared = await this.prepare(dsl, controller.signal).catch((e: unknown) => ({ ok: false as const, ...engineError(e) }));
    const done = () => {
      this.running.delete(queryId);
      leave();
      if (prepared.ok) void prepared.release().catch(() => undefined);
    };
    if (!prepared.ok) {
      done();
      return prepared;
    }
    let result;
    try {
      result = await this.engine.stream(prepared.sql, { signal: controller.signal, metadata: prepared.metadata });
    } catch (e) {
      const located = await this.located(dsl, prepared, e, controller.signal);
      done();
      return { ok: false, ...located };
    }
    const geometry = result.columns.find((c) => c.name === 'geometry');
    result.schema.metadata.set(QUERY_META.geometryColumn, geometry ? 'geometry' : '');
    const writer = new RecordBatchStreamWriter();
    // the answer had begun: the status says where it failed, and the stream breaks off with it
    const failMidStream = async (e: unknown) => {
      const located = await this.located(dsl, prepared, e, controller.signal);
      this.rememberStreamFailure(queryId, located.error);
      return new QueryStreamError(located.status, located.error);
    };
    const iterator = result.batches[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async start(ctrl) {
        let failed = false;
        void (async () => {
          try {
            for await (const bytes of writer) ctrl.enqueue(bytes);
            // an aborted writer ends its bytes quietly: the stream must break off, not end as if whole
            if (!failed) ctrl.close();
          } catch (e) {
            ctrl.error(e);
          }
        })();
        try {
          let any = false;
          for (;;) {
            const next = await iterator.next();
            if (next.done) break;
            writer.write(next.value);
            any = true;
          }
          // An empty result still carries its schema, so clients see the columns.
          if (!any) writer.write(emptyBatch(result.schema));
          writer.finish();
          writer.close();
        } catch (e) {
          failed = true;
          const error = await failMidStream(e);
          ctrl.error(error);
          writer.abort(error);
        } finally {
          done();
        }
      },
      cancel() {
        controller.abort();
        void iterator.return?.();
      },
    });
    return { ok: true, queryId, body };
  }
}

/** How many mid-stream failures `status` still reports: enough for a client to ask after its read broke off. */
const KEPT_STREAM_FAILURES = 64;

/** The error a query's body breaks off with when the engine fails after streaming began: located like one before. */
export class QueryStreamError extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.error);
  }
}

function dslError(compiled: PlanResult): { status: number; error: ApiError } {
  const first = compiled.diagnostics.find((d) => d.severity === 'error');
  return {
    status: 400,
    error: { error: first ? formatDiagnostic(first) : 'query has errors', code: 'dsl', diagnostics: compiled.diagnostics },
  };
}

type SqlSource = { text: string; textStart: number; span: { start: number; end: number } };

/** A located error on the `sql "..."` text, in the words DuckDB gave. */
function sqlSourceError(dsl: string, source: SqlSource, e: unknown): PlanResult {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/^[A-Za-z ]+ Error: /, '');
  return { plan: null, mapHints: {}, diagnostics: locate(dsl, [diag(`in the sql source: ${message}`, source.span)]) };
}

/** What the policy refused, each at the place in the DSL text DuckDB's parse points to. */
function sqlSourceRefusal(dsl: string, source: SqlSource, problems: SqlSourceProblem[]): PlanResult {
  const bytes = Buffer.from(source.text, 'utf8');
  const diagnostics = problems.slice(0, MAX_SQL_PROBLEMS).map((p) => {
    if (p.at === null) return diag(p.message, source.span);
    // byte offset → characters; escapes in the DSL string can shift it, so keep it inside the string
    const start = Math.min(source.textStart + bytes.subarray(0, p.at).toString('utf8').length, source.span.end - 1);
    return diag(p.message, { start, end: start + 1 });
  });
  return { plan: null, mapHints: {}, diagnostics: locate(dsl, diagnostics) };
}

const MAX_SQL_PROBLEMS = 20;

export function engineError(e: unknown): { status: number; error: ApiError } {
  if (e instanceof QueryCancelledError) return { status: 409, error: { error: 'the query was cancelled', code: 'cancelled' } };
  if (e instanceof QueryTimeoutError) {
    return {
      status: 408,
      error: {
        error: `the query ran past the time limit (${e.limitMs / 1000} s) and was stopped`,
        code: 'timeout',
        params: { seconds: e.limitMs / 1000 },
      },
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/interrupt/i.test(message)) return { status: 409, error: { error: 'the query was cancelled', code: 'cancelled' } };
  const missing = /No files found that match the pattern "([^"]+)"/.exec(message);
  if (missing) {
    return {
      status: 500,
      error: {
        error: `a store file is missing: ${missing[1]} (deleted or moved while Pilji ran?); import that region again`,
        code: 'engine',
      },
    };
  }
  return { status: 400, error: { error: `the engine could not run this query: ${message.split('\n')[0]}`, code: 'engine' } };
}
