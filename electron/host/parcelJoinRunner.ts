import type { PlaceIndex } from '../../shared/address/placeIndex';
import type { RoadIndex } from '../../shared/address/roadIndex';
import type { ParcelJoinReport } from '../../shared/api/contract';
import { mappingColumns } from '../../shared/address/addressMapping';
import type { JoinRelations, Plan } from '../../shared/dsl/plan';
import { quoteIdent, type GeneratedSql } from '../../shared/dsl/sqlgen';
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
  reports: ParcelJoinReport[];
  /** drops the per-query match tables and views */
  release(): Promise<void>;
}

/** The per-query relations a parcel_join step reads, named before the SQL is generated. */
export function joinRelationNames(queryId: string, step: number): JoinRelations {
  return { matchTable: `__match_${queryId}_${step + 1}`, parcels: `__parcels_${queryId}_${step + 1}` };
}

/**
 * Prepares each parcel_join step of a query before it runs, creating the relations the plan was
 * bound to (joinRelationNames): the rows entering the step (that step's input, a prefix of the one
 * generated statement) are grouped by their address key, every key is matched in JavaScript
 * (parse, resolve, store check), and the result becomes a table; the same rows and mapping over
 * the same data reuse that table (MatchCache), and the step's match relation is a view of it. The
 * parcels side is a view over only the partitions the matches fall in, so the engine never opens
 * the other regions' files.
 */
export async function prepareJoins(
  engine: Engine,
  env: JoinEnvironment,
  plan: Plan,
  generated: GeneratedSql,
  queryId: string,
  signal: AbortSignal,
): Promise<PreparedJoins> {
  const reports: ParcelJoinReport[] = [];
  const created: string[] = [];
  const used: CachedMatch[] = [];
  const release = async () => {
    for (const m of used) m.release();
    for (const name of created.reverse()) await engine.exec(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
  };
  try {
    for (const [i, node] of plan.steps.entries()) {
      if (node.kind !== 'parcelJoin') continue;
      if (signal.aborted) throw new QueryCancelledError();
      const input = generated.inputOf(i);
      // an earlier join's relations carry this query's id; the rows they stand for do not
      // depend on it (they are keyed the same way), so the key leaves it out
      const key = `${env.generation()}\n${JSON.stringify(node.spec.mapping)} ${node.spec.parcels}\n${input.split(queryId).join('')}`;
      const roads = (await env.roadIndex?.()) ?? null;
      const cached = await env.cache.use(key, (table) =>
        matchRelation(engine, env.placeIndex(), input, node.spec.mapping, table, env.workDir, roads, node.spec.parcels),
      );
      used.push(cached);
      const { report, sggCodes } = cached.match;
      created.push(node.relations.matchTable);
      await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(node.relations.matchTable)} AS SELECT * FROM ${quoteIdent(cached.table)}`);
      created.push(node.relations.parcels);
      await engine.exec(`CREATE OR REPLACE VIEW ${quoteIdent(node.relations.parcels)} AS ${env.parcelsFor(new Set(sggCodes))}`);
      reports.push({ columns: mappingColumns(node.spec.mapping), report });
    }
  } catch (e) {
    await release();
    throw e;
  }
  return { reports, release };
}
