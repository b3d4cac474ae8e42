import { statSync } from 'node:fs';
import path from 'node:path';
import type { JusoDbInfo } from '../../shared/api/contract';
import { RoadIndex, type RoadBuilding, type RoadSgg } from '../../shared/address/roadIndex';
import { literalSql } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';

/** The workspace's road-address index, written by `pilji juso` (jusoImport.ts). */
export const JUSO_INDEX = 'juso.parquet';

export function jusoIndexFile(workspaceDir: string): string {
  return path.join(workspaceDir, 'juso', JUSO_INDEX);
}

/** What the index holds, from its metadata: shown like the code table's vintage and counts. */
export type JusoIndexInfo = JusoDbInfo;

export async function jusoIndexInfo(engine: Engine, workspaceDir: string): Promise<JusoIndexInfo | null> {
  const file = jusoIndexFile(workspaceDir);
  if (!statSync(file, { throwIfNoEntry: false })) return null;
  const rows = await engine.rows<{ k: string; v: string }>(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${literalSql(file)})`);
  const m = new Map(rows.map((r) => [r.k, r.v]));
  return { vintage: m.get('vintage') ?? '', addresses: Number(m.get('addresses') ?? 0), related: Number(m.get('related') ?? 0), removed: Number(m.get('removed') ?? 0), importedAt: m.get('importedAt') ?? '' };
}

const cache = new Map<string, { stamp: number; index: RoadIndex }>();

/** The index in memory, read once per file version; null when no 도로명주소 DB was imported. */
/** Changes whenever the workspace's 도로명주소 index is replaced or updated ('none' without one). */
export function jusoIndexStamp(workspaceDir: string): string {
  const st = statSync(jusoIndexFile(workspaceDir), { throwIfNoEntry: false });
  return st ? String(st.mtimeMs) : 'none';
}

export async function loadRoadIndex(engine: Engine, workspaceDir: string): Promise<RoadIndex | null> {
  const file = jusoIndexFile(workspaceDir);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return null;
  const hit = cache.get(file);
  if (hit?.stamp === st.mtimeMs) return hit.index;
  const info = await jusoIndexInfo(engine, workspaceDir);
  const rows = await engine.rows<{ sgg: string; road: string; underground: number; bonbun: number; bubun: number; pnu: string; related: string; name: string; emd: string; ri: string }>(
    `SELECT sgg, road, underground, bonbun, bubun, pnu, related, name, emd, ri FROM read_parquet(${literalSql(file)})`,
  );
  const sggs = await engine.rows<RoadSgg>(`SELECT DISTINCT sgg AS code, sido, sgg_name AS sgg FROM read_parquet(${literalSql(file)})`);
  const buildings = rows.map((r): RoadBuilding => ({ ...r, related: r.related ? r.related.split(' ') : [] }));
  const index = new RoadIndex(buildings, sggs, info?.vintage ?? '');
  cache.set(file, { stamp: st.mtimeMs, index });
  return index;
}
