/**
 * The contract between the host and any client (renderer, CLI tests). Paths, request and
 * response shapes live here so both sides change together.
 */
import type { Catalog } from '../dsl/catalog';
import type { Diagnostic } from '../dsl/diagnostics';

export const API = {
  health: '/api/health',
  catalog: '/api/catalog',
  store: '/api/store',
  query: '/api/query',
  cancel: (queryId: string) => `/api/query/${encodeURIComponent(queryId)}/cancel`,
  uploads: '/api/uploads',
  uploadFile: (uploadId: string, name: string) => `/api/uploads/${encodeURIComponent(uploadId)}/${encodeURIComponent(name)}`,
  imports: '/api/imports',
  jobs: '/api/jobs',
  job: (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`,
  cancelJob: (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/cancel`,
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
  files: { file: string; schema: string; epsg: number; encoding: string; records: number; imported: number; rejected: number }[];
  warnings: string[];
  reportPath: string | null;
  seconds: number;
}

export interface JobInfo {
  id: string;
  kind: 'import';
  label: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: JobProgress | null;
  result: ImportResult | null;
  error: string | null;
  startedAt: string;
  endedAt: string | null;
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

export interface CatalogResponse {
  catalog: Catalog;
  store: StoreInfo | null;
}

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
} as const;

/** Body of every non-2xx JSON response. */
export interface ApiError {
  error: string;
  code: 'unauthorized' | 'bad_request' | 'dsl' | 'engine' | 'cancelled' | 'not_found' | 'internal';
  diagnostics?: Diagnostic[];
}
