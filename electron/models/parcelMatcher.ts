import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  keyResolver,
  mappingColumns,
  MATCH_STATUSES,
  PARCEL_ROLES,
  UNMATCHED_LIMIT,
  type AddressMapping,
  type ParcelChoice,
  type MatchReport,
  type MatchStatus,
  type UnmatchedKey,
} from '../../shared/address/addressMapping';
import type { AddressResolution } from '../../shared/address/matchAddress';
import { reason, type MatchReason } from '../../shared/address/matchReason';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import type { RoadIndex } from '../../shared/address/roadIndex';
import { PARCELS } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';

/** Keys resolved between two yields to the event loop (about 10 ms of work). */
const YIELD_EVERY = 1_000;

export interface RelationMatch {
  report: MatchReport;
  /** 5-digit 시군구 codes of the matched parcels: the only store partitions a join must read */
  sggCodes: string[];
}

/**
 * Matches every row of a relation (any SQL query) and leaves the result in `matchTable`:
 * one row per distinct key (k0..kn as VARCHAR, in `mappingColumns` order) with pnu,
 * match_status, match_note (English), match_reason (the reason code + parameters as JSON) and
 * match_detail (the text after the lot number) and match_parcel (대표지번/관련지번 for a road
 * address, 지번 otherwise), ready to be joined back on the key. With `parcels` 'all', a matched road
 * address's key has one more row for each 관련지번 the store holds (so a join gives one row per
 * parcel); the report still counts each source row once, by its 대표지번 row. Only the keys travel
 * to JavaScript; the store check, the counts and the unmatched list are computed in the engine.
 * The app's models, parcel_join and `pilji match` all match through here.
 */
export async function matchRelation(
  engine: Engine,
  index: PlaceIndex,
  relationSql: string,
  mapping: AddressMapping,
  matchTable: string,
  workDir: string,
  roads: RoadIndex | null = null,
  parcels: ParcelChoice = 'main',
): Promise<RelationMatch> {
  const columns = mappingColumns(mapping);
  const keySql = columns.map((c, i) => `CAST(${quoteIdent(c)} AS VARCHAR) AS k${i}`).join(', ');
  const groups = await engine.rows<Record<string, string | null | number | bigint>>(
    `SELECT ${keySql}, count(*)::BIGINT AS n FROM (${relationSql}) GROUP BY ALL`,
  );
  const keys = groups.map((g) => columns.map((_, i) => g[`k${i}`] as string | null));
  const resolve = keyResolver(index, mapping, roads);

  await fs.mkdir(workDir, { recursive: true });
  const file = path.join(workDir, `match-${randomUUID()}.parquet`);
  const writer = new ParquetWriter(file, [
    ...columns.flatMap((_, i) => [
      { name: `k${i}`, type: 'string' as const },
      { name: `k${i}_null`, type: 'boolean' as const },
    ]),
    { name: 'n', type: 'int64' },
    { name: 'pnu', type: 'string' },
    { name: 'status', type: 'string' },
    { name: 'note', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'absent', type: 'string' },
    { name: 'detail', type: 'string' },
    { name: 'role', type: 'string' },
  ]);
  const v = writer.values;
  const at = 2 * columns.length;
  const row = (key: (string | null)[], n: number, r: AddressResolution, pnu: string, role: string) => {
    key.forEach((value, j) => {
      v[2 * j]!.string(value ?? '');
      v[2 * j + 1]!.boolean(value === null);
    });
    v[at]!.int64(n);
    v[at + 1]!.string(pnu);
    v[at + 2]!.string(r.status);
    // for a resolved key, the place; the store decides below whether it is matched or not_found
    v[at + 3]!.string(r.status === 'resolved' ? r.place : r.note);
    v[at + 4]!.string(r.reason ? JSON.stringify(r.reason) : '');
    // the reason should the store not have the parcel: the engine decides which one applies
    v[at + 5]!.string(r.status === 'resolved' ? JSON.stringify(reason('not_found', { pnu, place: r.place })) : '');
    v[at + 6]!.string(r.detail ?? '');
    v[at + 7]!.string(role);
  };
  for (let i = 0; i < keys.length; i++) {
    // Resolving is JavaScript on the host's event loop: let other requests in now and then.
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
    const key = keys[i]!;
    const n = Number(groups[i]!.n);
    const r = resolve(key);
    if (r.status !== 'resolved') {
      row(key, n, r, '', '');
      continue;
    }
    row(key, n, r, r.pnu, r.related ? PARCEL_ROLES.main : PARCEL_ROLES.jibun);
    if (parcels === 'all') for (const p of r.related ?? []) row(key, n, r, p, PARCEL_ROLES.related);
  }
  writer.close();
  const t = quoteIdent(matchTable);
  try {
    const keyCols = columns.map((_, i) => `CASE WHEN m.k${i}_null THEN NULL ELSE m.k${i} END AS k${i}`);
    const byKey = columns.flatMap((_, i) => [`m.k${i}`, `m.k${i}_null`]).join(', ');
    await engine.exec(`CREATE OR REPLACE TABLE ${t} AS
      SELECT ${keyCols.join(', ')}, m.n, NULLIF(m.pnu, '') AS pnu,
        CASE WHEN m.status <> 'resolved' THEN m.status WHEN p.PNU IS NULL THEN 'not_found' ELSE 'matched' END AS match_status,
        CASE WHEN m.status <> 'resolved' THEN m.note WHEN p.PNU IS NULL THEN 'no parcel ' || m.pnu || ' in the store (' || m.note || ')' END AS match_note,
        CASE WHEN m.status = 'resolved' AND p.PNU IS NULL THEN m.absent ELSE NULLIF(m.reason, '') END AS match_reason,
        NULLIF(m.detail, '') AS match_detail, NULLIF(m.role, '') AS match_parcel,
        coalesce(bool_or(m.role = ${literalSql(PARCEL_ROLES.main)} AND p.PNU IS NOT NULL) OVER (PARTITION BY ${byKey}), false) AS building_matched
      FROM read_parquet(${literalSql(file)}) AS m LEFT JOIN ${quoteIdent(PARCELS)} AS p ON p.PNU = NULLIF(m.pnu, '')`);
  } finally {
    await fs.rm(file, { force: true });
  }
  let related: MatchReport['related'];
  if (parcels === 'all') {
    const [c] = await engine.rows<{ parcels: bigint | null; missing: bigint | null }>(
      `SELECT sum(n) FILTER (WHERE match_status = 'matched')::BIGINT AS parcels, sum(n) FILTER (WHERE match_status <> 'matched')::BIGINT AS missing
      FROM ${t} WHERE NOT ${KEY_ROWS} AND building_matched`,
    );
    related = { parcels: Number(c?.parcels ?? 0), missing: Number(c?.missing ?? 0) };
    // A 관련지번 row stays only when the store has its parcel and its building's 대표지번 matched:
    // the source row's status is its 대표지번's, and a row not matched gets no parcel at all.
    await engine.exec(`DELETE FROM ${t} WHERE NOT ${KEY_ROWS} AND NOT (building_matched AND match_status = 'matched')`);
  }
  await engine.exec(`ALTER TABLE ${t} DROP COLUMN building_matched`);
  const report = await reportOf(engine, matchTable, columns.length);
  return { report: related ? { ...report, related } : report, sggCodes: await matchedSggCodes(engine, matchTable) };
}

/** Rows that are not a building's 관련지번: one per source key, the ones the counts are made of. */
const KEY_ROWS = `match_parcel IS DISTINCT FROM ${literalSql(PARCEL_ROLES.related)}`;

async function reportOf(engine: Engine, matchTable: string, keyCount: number): Promise<MatchReport> {
  const t = quoteIdent(matchTable);
  const counts = Object.fromEntries(MATCH_STATUSES.map((s) => [s, 0])) as Record<MatchStatus, number>;
  let rows = 0;
  let unmatchedKeys = 0;
  for (const c of await engine.rows<{ s: MatchStatus; n: bigint; k: bigint }>(
    `SELECT match_status AS s, sum(n)::BIGINT AS n, count(*)::BIGINT AS k FROM ${t} WHERE ${KEY_ROWS} GROUP BY ALL`,
  )) {
    counts[c.s] = Number(c.n);
    rows += Number(c.n);
    if (c.s !== 'matched') unmatchedKeys += Number(c.k);
  }
  const keys = Array.from({ length: keyCount }, (_, i) => `k${i}`).join(', ');
  const unmatched = (
    await engine.rows<Record<string, string | null | bigint>>(
      `SELECT ${keys}, match_status, match_note, match_reason, match_detail, n FROM ${t} WHERE match_status <> 'matched' AND ${KEY_ROWS} ORDER BY n DESC, match_status, ${keys} LIMIT ${UNMATCHED_LIMIT}`,
    )
  ).map((r): UnmatchedKey => ({
    values: Array.from({ length: keyCount }, (_, i) => r[`k${i}`] as string | null),
    status: r.match_status as UnmatchedKey['status'],
    note: r.match_note as string,
    ...(r.match_reason ? { reason: JSON.parse(r.match_reason as string) as MatchReason } : {}),
    ...(r.match_detail ? { detail: r.match_detail as string } : {}),
    rows: Number(r.n),
  }));
  return { rows, counts, unmatched, unmatchedKeys };
}

async function matchedSggCodes(engine: Engine, matchTable: string): Promise<string[]> {
  const rows = await engine.rows<{ c: string }>(
    `SELECT DISTINCT left(pnu, 5) AS c FROM ${quoteIdent(matchTable)} WHERE match_status = 'matched' ORDER BY c`,
  );
  return rows.map((r) => r.c);
}
