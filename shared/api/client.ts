import {
  API,
  QUERY_ID_HEADER,
  TOKEN_HEADER,
  type ApiError,
  type BjdTableInfo,
  type JusoDbInfo,
  type CatalogResponse,
  type Diagnostics,
  type Settings,
  type ExportProgress,
  type ExportRequest,
  type ExportStarted,
  type QueryLibrary,
  type QueryStatus,
  type Health,
  type ImportRequest,
  type JobInfo,
  type ModelInfo,
  type QueryRequest,
  type TileFileInfo,
  type RegisterModelRequest,
  type UnmatchedCsvRequest,
  type UnmatchedRows,
  type UploadCreated,
  type ImportStarted,
  type StoresResponse,
} from './contract';
import type { AddressMapping } from '../address/addressMapping';
import type { BasemapSetting } from '../map/basemapSetting';

/** The subset of WHATWG fetch the client needs; both browsers and Node 20 provide it. */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string | BlobLike; signal?: unknown },
) => Promise<ResponseLike>;

/** A browser Blob/File, described structurally (shared/ has no DOM types). */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
}

export interface ResponseLike {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  /** the body as it arrives (a WHATWG ReadableStream in browsers and Node) */
  readonly body: unknown;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error);
  }
}

export interface HostConnection {
  /** '' for same-origin (browser on the host's page) */
  baseUrl: string;
  /** null when the session cookie authenticates (browser mode) */
  token: string | null;
}

/** Typed client for the host API. The renderer and tests use it; nothing else talks to the host. */
export function createClient(conn: HostConnection, fetchImpl: FetchLike) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(conn.token ? { [TOKEN_HEADER]: `Bearer ${conn.token}` } : {}),
    ...extra,
  });

  async function call(path: string, init: Parameters<FetchLike>[1] = {}): Promise<ResponseLike> {
    const res = await fetchImpl(conn.baseUrl + path, { ...init, headers: headers(init.headers) });
    if (!res.ok) {
      let body: ApiError;
      try {
        body = (await res.json()) as ApiError;
      } catch {
        body = { error: `HTTP ${res.status}`, code: 'internal' };
      }
      throw new ApiRequestError(res.status, body);
    }
    return res;
  }

  const postQuery = (req: QueryRequest, signal?: unknown) =>
    call(API.query, { method: 'POST', body: JSON.stringify(req), headers: { 'content-type': 'application/json' }, signal });

  return {
    health: async () => (await (await call(API.health)).json()) as Health,
    catalog: async () => (await (await call(API.catalog)).json()) as CatalogResponse,
    diagnostics: async () => (await (await call(API.diagnostics)).json()) as Diagnostics,
    settings: async () => (await (await call(API.settings)).json()) as Settings,
    basemapFile: async () => (await (await call(API.basemapFile)).json()) as TileFileInfo,
    setBasemap: async (basemap: BasemapSetting) =>
      (await (await call(API.basemapSetting, { ...json(basemap), method: 'PUT' })).json()) as Settings,
    /** The view this client saved last (null when none): kept for the page, never read by the host. */
    uiState: async (client: string) => (await (await call(API.uiState(client))).json()) as unknown,
    setUiState: async (client: string, state: object) => {
      await call(API.uiState(client), { ...json(state), method: 'PUT' });
    },
    queryStatus: async (queryId: string) => (await (await call(API.queryStatus(queryId))).json()) as QueryStatus,
    /** Runs a DSL query; resolves to the Arrow IPC stream bytes and the query id. */
    query: async (req: QueryRequest, signal?: unknown) => {
      const res = await postQuery(req, signal);
      return { queryId: res.headers.get(QUERY_ID_HEADER), arrow: new Uint8Array(await res.arrayBuffer()) };
    },
    /** Runs a DSL query; resolves once the answer starts, with its Arrow IPC stream as it arrives. */
    queryStream: async (req: QueryRequest, signal?: unknown) => {
      const res = await postQuery(req, signal);
      return { queryId: res.headers.get(QUERY_ID_HEADER), body: res.body };
    },
    cancel: async (queryId: string) => {
      await call(API.cancel(queryId), { method: 'POST' });
    },
    createUpload: async () => (await (await call(API.uploads, { method: 'POST' })).json()) as UploadCreated,
    /** Streams one file (a Blob: a browser File) into an upload. */
    uploadFile: async (uploadId: string, name: string, body: BlobLike) => {
      await call(API.uploadFile(uploadId, name), { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });
    },
    startImport: async (req: ImportRequest) => (await (await call(API.imports, json(req))).json()) as ImportStarted,
    /** The stores the host can read, which one is active, and where imports go. */
    stores: async () => (await (await call(API.stores)).json()) as StoresResponse,
    /** Makes another store the one queries read; model reports made against another turn stale. */
    setActiveStore: async (id: string) =>
      (await (await call(API.activeStore, { ...json({ id }), method: 'PUT' })).json()) as StoresResponse,
    /** Lists a folder on the host (a Pilji store or the Spark layout) as a read-only store. */
    attachStore: async (dir: string) => (await (await call(API.attachedStores, json({ path: dir }))).json()) as StoresResponse,
    jobs: async () => (await (await call(API.jobs)).json()) as JobInfo[],
    job: async (jobId: string) => (await (await call(API.job(jobId))).json()) as JobInfo,
    retryJob: async (jobId: string) => (await (await call(API.retryJob(jobId), { method: 'POST' })).json()) as JobInfo,
    cancelJob: async (jobId: string) => {
      await call(API.cancelJob(jobId), { method: 'POST' });
    },
    bjdTable: async () => (await (await call(API.bjd)).json()) as BjdTableInfo,
    /** Replaces the 법정동 code table with an uploaded 법정동코드 전체자료 file. */
    importBjdTable: async (uploadId: string) => (await (await call(API.bjd, json({ uploadId }))).json()) as BjdTableInfo,
    /** The imported 도로명주소 DB, null when none. */
    jusoDb: async () => (await (await call(API.juso)).json()) as JusoDbInfo | null,
    /** Builds the 도로명주소 index from uploaded 도로명주소 한글 files (or a zip); `update`: daily changes on top. */
    importJusoDb: async (uploadId: string, update = false) =>
      (await (await call(API.juso, json({ uploadId, update }))).json()) as JusoDbInfo,
    /** Prepares an export; the answer's url (same origin) downloads the file, once, within a minute. */
    startExport: async (req: ExportRequest) => (await (await call(API.exports, json(req))).json()) as ExportStarted,
    exportProgress: async (id: string) => (await (await call(API.exportProgress(id))).json()) as ExportProgress,
    cancelExport: async (id: string) => {
      await call(API.cancelExport(id), { method: 'POST' });
    },
    queryLibrary: async () => (await (await call(API.queries)).json()) as QueryLibrary,
    saveQuery: async (name: string, dsl: string) =>
      (await (await call(API.savedQuery(name), { ...json({ dsl }), method: 'PUT' })).json()) as QueryLibrary,
    deleteSavedQuery: async (name: string) => (await (await call(API.savedQuery(name), { method: 'DELETE' })).json()) as QueryLibrary,
    models: async () => (await (await call(API.models)).json()) as ModelInfo[],
    registerModel: async (req: RegisterModelRequest) => (await (await call(API.models, json(req))).json()) as ModelInfo,
    /** Confirms the address mapping; the answer carries the match report. */
    setModelMapping: async (name: string, mapping: AddressMapping) =>
      (await (await call(API.modelMapping(name), { ...json({ mapping }), method: 'PUT' })).json()) as ModelInfo,
    /** Reads another sheet of a model's workbook; its mapping starts over. */
    changeModelSheet: async (name: string, sheet: string) =>
      (await (await call(API.modelSheet(name), { ...json({ sheet }), method: 'PUT' })).json()) as ModelInfo,
    /** Matches a model again with its confirmed mapping, against the active store. */
    rematchModel: async (name: string) => (await (await call(API.modelRematch(name), { method: 'POST' })).json()) as ModelInfo,
    /** A model's unmatched rows with every source column, the reason and the detail. */
    unmatchedRows: async (name: string) => (await (await call(API.modelUnmatched(name))).json()) as UnmatchedRows,
    /** The same rows as a CSV file to send back to the requester. */
    unmatchedCsv: async (name: string, req: UnmatchedCsvRequest) =>
      new Uint8Array(await (await call(API.modelUnmatchedCsv(name), json(req))).arrayBuffer()),
    removeModel: async (name: string) => {
      await call(API.model(name), { method: 'DELETE' });
    },
  };
}

function json(body: unknown) {
  return { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

export type HostClient = ReturnType<typeof createClient>;
