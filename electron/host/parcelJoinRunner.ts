import { randomUUID } from 'node:crypto';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import type { RoadIndex } from '../../shared/address/roadIndex';
import type { ParcelJoinReport } from '../../shared/api/contract';
import type { CheckedPipeline } from '../../shared/dsl/checker';
import { mappingColumns } from '../../shared/address/addressMapping';
import { generateSql, quoteIdent, type JoinRelations } from '../../shared/dsl/sqlgen';
import { matchRelation } from '../models/parcelMatcher';
import { QueryCancelledError, type Engine } from '../engine/engine';
import type { CachedMatch, MatchCache } from './matchCache';

/** What the host gives parcel_join: the code table, the store's partitions and the match cache. */
export interface JoinEnvironment {
  placeIndex(): PlaceIndex;
  /** match tables kept between queries */
  cache: MatchCache;
  /** changes whenever the store, the code table or a model changes: part of every cache key */
  generation(): string;
  /** the imported 도로명주소 index, null when none */
  roadIndex?(): Promise<RoadIndex | null>;
  /** the store's parcels as one SELECT over only these 시군구 partitions */
  parcelsFor(sggCodes: ReadonlySet<string>): string;
  /** scratch folder for staged match tables */
  workDir: string;
}

export interface PreparedJoins {
  relations: Map<number, JoinRelations>;
  reports: ParcelJoinReport[];
  /** drops the per-query match tables and views */
  release(): Promise<void>;
}

/**
 * Prepares each parcel_join step of a query before it runs: the rows entering the step are
 * grouped by their address key, every key is matched in JavaScript (parse, resolve, store check),
 * and the result becomes a table the generated SQL joins on; the same rows and mapping over the
 * same data reuse that table (MatchCache). The parcels side is a view over only the partitions
 * the matches fall in, so the engine never opens the other regions' files.
 */
export async function prepareJoins(engine: Engine, env: JoinEnvironment, checked: CheckedPipeline, signal: AbortSignal): Promise<PreparedJoins> {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  const relations = new Map<number, JoinRelations>();
  const reports: ParcelJoinReport[] = [];
  const created: string[] = [];
  const used: CachedMatch[] = [];
  const release = async () => {
    for (const m of used) m.release();
    for (const name of created.reverse()) await engine.exec(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
  };
  try {
    for (const join of checked.joins) {
      if (signal.aborted) throw new QueryCancelledError();
      const parcels = `__parcels_${id}_${join.step + 1}`;
      const input = generateSql(checked, { joins: relations, stopBefore: join.step });
      const key = `${env.generation()}\n${JSON.stringify(join.mapping)}\n${input}`;
      const roads = (await env.roadIndex?.()) ?? null;
      const cached = await env.cache.use(key, (table) => matchRelation(engine, env.placeIndex(), input, join.mapping, table, env.workDir, roads));
      used.push(cached);
      const { report, sggCodes } = cached.match;
      created.push(parcels);
      await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(parcels)} AS ${env.parcelsFor(new Set(sggCodes))}`);
      relations.set(join.step, { matchTable: cached.table, parcels });
      reports.push({ columns: mappingColumns(join.mapping), report });
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { relations, reports, release };
}
