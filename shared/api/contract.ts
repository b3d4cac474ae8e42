/**
 * The contract between the host and any client (renderer, CLI tests). Paths, request and
 * response shapes live here so both sides change together.
 */
import type { AddressMapping, MatchReport, MatchStatus } from '../address/addressMapping';
import type { MatchReason } from '../address/matchReason';
import type { Catalog, CatalogColumn } from '../dsl/catalog';
import type { Diagnostic } from '../dsl/diagnostics';
import type { BasemapSetting } from '../map/basemapSetting';

export const API = {
  health: '/api/health',
  catalog: '/api/catalog',
  diagnostics: '/api/diagnostics',
  settings: '/api/settings',
  basemapSetting: '/api/settings/basemap',
  /** the page's view (tabs, layers, language) for one client id: GET, PUT */
  uiState: (client: string) => `/api/settings/ui/${encodeURIComponent(client)}`,
  /** what the tile file of a 'file' basemap holds */
  basemapFile: '/api/basemap/file',
  /** a tile file's tiles, followed by /{z}/{x}/{y} (XYZ order) */
  basemapTiles: '/api/basemap/tiles',
  store: '/api/store',
  query: '/api/query',
  cancel: (queryId: string) => `/api/query/${encodeURIComponent(queryId)}/cancel`,
  queryStatus: (queryId: string) => `/api/query/${encodeURIComponent(queryId)}`,
  uploads: '/api/uploads',
  uploadFile: (uploadId: string, name: string) => `/api/uploads/${encodeURIComponent(uploadId)}/${encodeURIComponent(name)}`,
  imports: '/api/imports',
  jobs: '/api/jobs',
  job: (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`,
  cancelJob: (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/cancel`,
  retryJob: (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/retry`,
  bjd: '/api/bjd',
  juso: '/api/juso',
  queries: '/api/queries',
  exports: '/api/exports',
  exportProgress: (id: string) => `/api/exports/${encodeURIComponent(id)}/progress`,
  cancelExport: (id: string) => `/api/exports/${encodeURIComponent(id)}/cancel`,
  savedQuery: (name: string) => `/api/queries/saved/${encodeURIComponent(name)}`,
  models: '/api/models',
  model: (name: string) => `/api/models/${encodeURIComponent(name)}`,
  modelMapping: (name: string) => `/api/models/${encodeURIComponent(name)}/mapping`,
  modelSheet: (name: string) => `/api/models/${encodeURIComponent(name)}/sheet`,
  /** runs a model's confirmed mapping again, against the active store */
  modelRematch: (name: string) => `/api/models/${encodeURIComponent(name)}/rematch`,
  /** the model's unmatched rows, whole (GET), or as CSV to send back to the requester (POST) */
  modelUnmatched: (name: string) => `/api/models/${encodeURIComponent(name)}/unmatched`,
  modelUnmatchedCsv: (name: string) => `/api/models/${encodeURIComponent(name)}/unmatched/csv`,
  stores: '/api/stores',
  activeStore: '/api/stores/active',
  attachedStores: '/api/stores/attached',
} as const;

/** Largest single uploaded file (a whole-country 연속지적도 zip is ~6 GB). */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

export interface UploadCreated {
  uploadId: string;
}

export interface ImportRequest {
  uploadId: string;
  /** EPSG for files without a .prj */
  defaultEpsg?: number;
}

/**
 * Where the analyst's parcels come from. 'sample': the bundled sample (read-only, always there);
 * 'workspace': <workspace>/store, which imports build; 'attached': a folder on the host (a Pilji
 * store or the Spark/Hive layout), read-only.
 */
export type StoreKind = 'sample' | 'workspace' | 'attached';

export interface StoreChoice {
  /** 'sample', 'workspace' or 'attached:<path>' */
  id: string;
  kind: StoreKind;
  path: string;
  readOnly: boolean;
  /** what is in the folder now: 'empty' for a workspace store nothing was imported into yet */
  layout: 'pilji' | 'hive' | 'empty' | 'missing';
  /** parcels, where known without scanning the files (a Pilji manifest) */
  rows: number | null;
  active: boolean;
  /**
   * why it cannot be made active now (null: it can): 'missing' (no such folder), 'empty' (nothing
   * imported yet), 'not_a_store' (neither a manifest nor SI_NM= folders), 'restart' (attached
   * during this session: the engine reads it after the host restarts)
   */
  unavailable: 'missing' | 'empty' | 'not_a_store' | 'restart' | null;
  /** match reports, fresh now, that choosing this store would make stale */
  invalidatesReports: number;
}

export interface StoresResponse {
  stores: StoreChoice[];
  /** the store imports go into (always the workspace's own), named before an import starts */
  importTarget: { id: 'workspace'; path: string };
}

export interface SetActiveStoreRequest {
  id: string;
}

export interface AttachStoreRequest {
  /** a folder on the host */
  path: string;
}

/** What POST /api/imports answers: the job, and the store it writes into. */
export interface ImportStarted extends JobInfo {
  target: StoresResponse['importTarget'];
}

export interface JobProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  records: number;
  total: number;
  recordsPerSecond: number;
  etaSeconds: number | null;
  phase: 'reading' | 'writing';
}

export interface ImportResult {
  imported: number;
  rejected: number;
  /** parcels imported with 지목 empty: their 지목 부호 is none of the 28 (each listed in the report) */
  invalidJimok: number;
  /** parcels with a ring their writer left unclosed, closed on import */
  unclosedRings: number;
  files: {
    file: string;
    schema: string;
    epsg: number;
    encoding: string;
    records: number;
    imported: number;
    rejected: number;
    invalidJimok: number;
    unclosedRings: number;
  }[];
  warnings: string[];
  reportPath: string | null;
  seconds: number;
  /** the store it went into (the workspace's own) */
  store: { id: 'workspace'; path: string };
  /** whether the host now reads that store: only when it was already the active one */
  activated: boolean;
}

/**
 * Long work the host runs: a store import or a model registration. 'interrupted': the host
 * stopped (closed or crashed) while it ran; `retryable` then says POST /api/jobs/:id/retry can
 * run it again from what it was started with.
 */
export interface JobInfo {
  id: string;
  kind: 'import' | 'model';
  label: string;
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';
  progress: JobProgress | null;
  result: ImportResult | ModelInfo | null;
  error: string | null;
  /** a finer cause of the failure where the host has one (e.g. 'zip_ratio'), for the UI's own words */
  errorReason?: string | null;
  startedAt: string;
  endedAt: string | null;
  retryable: boolean;
}

/** Header that carries the per-launch or server token. */
export const TOKEN_HEADER = 'authorization';
export const QUERY_ID_HEADER = 'x-pilji-query-id';

export interface Health {
  ok: true;
  version: string;
  mode: 'desktop' | 'server';
}

export interface StorePartition {
  key: string;
  sido: string;
  sgg: string | null;
  rows: number;
  bounds: [number, number, number, number];
  sourceDate: string | null;
}

export interface StoreInfo {
  path: string;
  /** 0 for an attached Spark (Hive) layout */
  formatVersion: number;
  /** attached read-only (the Spark layout): imports go elsewhere */
  readOnly: boolean;
  rows: number;
  partitions: StorePartition[];
  importedAt: string | null;
}

/** A basemap tile file (PMTiles or MBTiles) as the map needs to know it; tiles come decompressed. */
export interface TileFileInfo {
  format: 'png' | 'jpg' | 'webp' | 'avif' | 'pbf';
  minzoom: number;
  maxzoom: number;
  /** west, south, east, north; null when the file does not say */
  bounds: [number, number, number, number] | null;
  attribution: string | null;
  /** vector tiles: the layers in them (drawn in plain greys; the file carries no style) */
  vectorLayers: string[];
}

/** The workspace's settings the host keeps (settings.json). */
export interface Settings {
  basemap: BasemapSetting;
}

/** What "Copy diagnostics" bundles for a support request: versions, settings (no secrets), recent log lines. */
export interface Diagnostics {
  versions: Record<string, string>;
  settings: Record<string, string | number | boolean | null>;
  problems: string[];
  /** the host's last log lines, one JSON object each, newest last */
  log: string[];
}

export interface CatalogResponse {
  catalog: Catalog;
  store: StoreInfo | null;
  /** workspace files that could not be read this session: each was set aside, and says where */
  problems: string[];
}

/** A query the host holds: running in the engine, or waiting in line at a 1-based position. */
/** failed: the engine stopped the query after its answer had begun to stream (the body then breaks off); the error is located at its step */
export type QueryStatus = { state: 'running' } | { state: 'queued'; position: number } | { state: 'failed'; error: ApiError };

export interface QueryRequest {
  dsl: string;
  /** client-chosen id so Cancel can be sent before the response starts */
  queryId?: string;
}

/** Arrow schema metadata keys on a query response stream. */
export const QUERY_META = {
  sql: 'pilji.sql',
  mapHints: 'pilji.mapHints',
  geometryColumn: 'pilji.geometryColumn',
  /** JSON ParcelJoinReport[]: one per parcel_join step */
  matchReports: 'pilji.matchReports',
} as const;

/** What one parcel_join step of a query matched, by input rows. */
export interface ParcelJoinReport {
  /** the input columns the address was read from, in the report's key order */
  columns: string[];
  report: MatchReport;
}

/** A model's unmatched rows, whole: every source column (as text), then why each did not match. */
export interface UnmatchedRows {
  columns: string[];
  rows: { values: (string | null)[]; status: Exclude<MatchStatus, 'matched'>; reason?: MatchReason; detail?: string }[];
  /** more rows did not match than are listed */
  truncated: boolean;
}

/**
 * The unmatched rows as CSV: in cp949 (what Korean Excel opens) or UTF-8 with a BOM; the words
 * of the added columns come from the UI's catalogue, in its language.
 */
export interface UnmatchedCsvRequest {
  encoding: 'cp949' | 'utf-8';
  lang: 'ko' | 'en';
  /** headers of the status, reason and detail columns */
  headers: [string, string, string];
  /** each status's word */
  statuses: Record<Exclude<MatchStatus, 'matched'>, string>;
  /** only rows with this reason code */
  reason?: string;
}

export type ModelFormat = 'csv' | 'tsv' | 'parquet' | 'xlsx' | 'geojson' | 'shapefile';
export type TextEncoding = 'utf-8' | 'cp949';

/** A registered model: the analyst's data, stored in the workspace as Parquet. */
export interface ModelInfo {
  name: string;
  /** sheet: the XLSX sheet read, sheets: all the workbook's sheets */
  source: { fileName: string; format: ModelFormat; encoding: TextEncoding | null; sheet: string | null; sheets: string[] | null };
  createdAt: string;
  rows: number;
  columns: CatalogColumn[];
  /** the first rows as text, for the mapping dialog */
  samples: (string | null)[][];
  /** inferred from names and values when the model was registered */
  suggestedMapping: AddressMapping | null;
  /** confirmed by the user; null until then */
  mapping: AddressMapping | null;
  /** matching with the confirmed mapping against the store it was confirmed with */
  report: MatchReport | null;
  /** the store the report was made against: its folder and its manifest's stamp */
  reportStore?: ReportStore | null;
  /** set by the host when it answers: the report was made against another store (or version of it) than the active one */
  reportStale?: boolean;
  /** what reading it noticed (rows kept without geometry, renamed columns), first ones only */
  warnings: string[];
}

/** Which store, in which version, a match report counted against. */
export interface ReportStore {
  path: string;
  /** the manifest's mtime and size ('none' for a folder without one: the Spark layout) */
  stamp: string;
}

export interface RegisterModelRequest {
  uploadId: string;
  /** default: from the file name */
  name?: string;
  /** text files: override the detected encoding */
  encoding?: TextEncoding;
  /** XLSX: the sheet to read (default: the first) */
  sheet?: string;
}

export type ExportFormat = 'geojson' | 'csv' | 'parquet' | 'shapefile';

/** Where an export stands: the host runs the query and writes or streams the file. */
export interface ExportProgress {
  phase: 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';
  /** features or rows written so far */
  rows: number;
  /** bytes sent to the download so far */
  bytes: number;
  error: string | null;
}

export interface ExportStarted {
  id: string;
  /** GET it (once, within a minute) for the file */
  url: string;
}

/**
 * The coordinate systems an export can be written in: what Korean local government systems take
 * (Korea 2000 central belt 2010, the unified CS, the old Bessel central belt) and WGS 84.
 */
export const EXPORT_CRS = [5186, 5179, 5174, 4326] as const;
export type ExportCrs = (typeof EXPORT_CRS)[number];

/** Formats that are nothing without geometry: offered only for a result that has a geometry column (Parquet holds a plain table too). */
export const GEO_FORMATS: readonly ExportFormat[] = ['geojson', 'shapefile'];

export interface ExportRequest {
  dsl: string;
  format: ExportFormat;
  /** file name without extension */
  name?: string;
  /** EPSG code of the coordinates written (default 4326); CSV keeps WKT in WGS 84 */
  crs?: ExportCrs;
}

/** The workspace's query history (newest first) and saved queries. */
export interface QueryLibrary {
  history: { dsl: string; at: string }[];
  saved: { name: string; dsl: string; savedAt: string }[];
}

/** The 법정동 code table matching uses: the shipped one, or a newer one the user imported. */
/** The workspace's 도로명주소 DB index (pilji juso): its vintage (latest 효력발생일) and counts. */
export interface JusoDbInfo {
  /** which download it was built from: 도로명주소 한글 or 주소DB */
  family: 'hangul' | 'addressDb';
  vintage: string;
  addresses: number;
  related: number;
  removed: number;
  importedAt: string;
  /** the bundled sample DB, standing in while the sample store is in use and none was imported */
  sample?: boolean;
}

export interface BjdTableInfo {
  source: 'shipped' | 'workspace';
  entries: number;
  active: number;
}

export interface MappingRequest {
  mapping: AddressMapping;
}

/** Body of every non-2xx JSON response: `code` (+ `params`) for the UI's catalogue, `error` in English. */
export interface ApiError {
  error: string;
  code:
    | 'unauthorized'
    | 'forbidden'
    | 'bad_request'
    | 'too_large'
    | 'dsl'
    | 'engine'
    | 'timeout'
    | 'cancelled'
    | 'not_found'
    | 'conflict'
    | 'internal';
  params?: Record<string, string | number>;
  /** a finer cause where the host has one (e.g. 'zip_ratio': a possible decompression bomb) */
  reason?: string;
  diagnostics?: Diagnostic[];
}
