/**
 * The contract between the host and any client (renderer, CLI tests). Paths, request and
 * response shapes live here so both sides change together.
 */
import type { Catalog } from '../dsl/catalog';
import type { Diagnostic } from '../dsl/diagnostics';
import type { MapHints } from '../dsl/checker';

export const API = {
  health: '/api/health',
  catalog: '/api/catalog',
  store: '/api/store',
  query: '/api/query',
  cancel: (queryId: string) => `/api/query/${encodeURIComponent(queryId)}/cancel`,
} as const;

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
  formatVersion: number;
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

export interface QueryMeta {
  sql: string;
  mapHints: MapHints;
  geometryColumn: string | null;
}

/** Body of every non-2xx JSON response. */
export interface ApiError {
  error: string;
  code: 'unauthorized' | 'bad_request' | 'dsl' | 'engine' | 'cancelled' | 'not_found' | 'internal';
  diagnostics?: Diagnostic[];
}
