import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  keyResolver, mappingColumns, MATCH_STATUSES, UNMATCHED_LIMIT,
  type AddressMapping, type MatchReport, type MatchStatus, type UnmatchedKey,
} from '../../shared/address/addressMapping';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import { PARCELS } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../host/engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';

export interface KeyMatch {
  pnu: string | null;
  status: MatchStatus;
  note: string;
}

/**
 * Matches address keys to parcels: each key is parsed and resolved to a PNU in JavaScript, then
 * the store says which of those PNUs exist (one semi-join). 'matched' only when the parcel is there.
 */
export async function matchKeys(
  keys: readonly (readonly (string | null)[])[],
  mapping: AddressMapping,
  index: PlaceIndex,
  engine: Engine,
  workDir: string,
): Promise<KeyMatch[]> {
  const resolve = keyResolver(index, mapping);
  const resolutions = keys.map((k) => resolve(k));
  const wanted = [...new Set(resolutions.flatMap((r) => (r.status === 'resolved' ? [r.pnu] : [])))];
  const found = await existingPnus(engine, wanted, workDir);
  return resolutions.map((r): KeyMatch => {
    if (r.status !== 'resolved') return { pnu: null, status: r.status, note: r.note };
    return found.has(r.pnu)
      ? { pnu: r.pnu, status: 'matched', note: '' }
      : { pnu: r.pnu, status: 'not_found', note: `no parcel ${r.pnu} in the store (${r.place})` };
  });
}

export interface RelationMatch {
  report: MatchReport;
  /** 5-digit 시군구 codes of the matched parcels: the only store partitions a join must read */
  sggCodes: string[];
}

/**
 * Matches every row of a relation (any SQL query) and leaves the result in `matchTable`:
 * one row per distinct key (k0..kn as VARCHAR, in `mappingColumns` order) with pnu,
 * match_status and match_note, ready to be joined back on the key.
 */
export async function matchRelation(
  engine: Engine,
  index: PlaceIndex,
  relationSql: string,
  mapping: AddressMapping,
  matchTable: string,
  workDir: string,
): Promise<RelationMatch> {
  const columns = mappingColumns(mapping);
  const keySql = columns.map((c, i) => `CAST(${quoteIdent(c)} AS VARCHAR) AS k${i}`).join(', ');
  const groups = await engine.rows<Record<string, string | null | number | bigint>>(
    `SELECT ${keySql}, count(*) AS n FROM (${relationSql}) GROUP BY ALL`,
  );
  const keys = groups.map((g) => columns.map((_, i) => g[`k${i}`] as string | null));
  const matches = await matchKeys(keys, mapping, index, engine, workDir);

  const counts = Object.fromEntries(MATCH_STATUSES.map((s) => [s, 0])) as Record<MatchStatus, number>;
  const unmatched: UnmatchedKey[] = [];
  const sggCodes = new Set<string>();
  matches.forEach((m, i) => {
    const rows = Number(groups[i]!.n);
    counts[m.status] += rows;
    if (m.status === 'matched') sggCodes.add(m.pnu!.slice(0, 5));
    else unmatched.push({ values: keys[i]!, status: m.status, note: m.note, rows });
  });
  unmatched.sort((a, b) => b.rows - a.rows);
  const report: MatchReport = {
    rows: groups.reduce((a, g) => a + Number(g.n), 0),
    counts,
    unmatched: unmatched.slice(0, UNMATCHED_LIMIT),
    unmatchedKeys: unmatched.length,
  };

  await fs.mkdir(workDir, { recursive: true });
  const file = path.join(workDir, `match-${randomUUID()}.parquet`);
  const writer = new ParquetWriter(file, [
    ...columns.flatMap((_, i) => [{ name: `k${i}`, type: 'string' as const }, { name: `k${i}_null`, type: 'boolean' as const }]),
    { name: 'pnu', type: 'string' }, { name: 'match_status', type: 'string' }, { name: 'match_note', type: 'string' },
  ]);
  const v = writer.values;
  keys.forEach((key, i) => {
    key.forEach((value, j) => {
      v[2 * j]!.string(value ?? '');
      v[2 * j + 1]!.boolean(value === null);
    });
    const m = matches[i]!;
    v[2 * columns.length]!.string(m.pnu ?? '');
    v[2 * columns.length + 1]!.string(m.status);
    v[2 * columns.length + 2]!.string(m.note);
  });
  writer.close();
  try {
    const select = columns.map((_, i) => `CASE WHEN k${i}_null THEN NULL ELSE k${i} END AS k${i}`);
    await engine.exec(`CREATE OR REPLACE TABLE ${quoteIdent(matchTable)} AS SELECT ${select.join(', ')}, NULLIF(pnu, '') AS pnu, match_status, NULLIF(match_note, '') AS match_note FROM read_parquet(${literalSql(file)})`);
  } finally {
    await fs.rm(file, { force: true });
  }
  return { report, sggCodes: [...sggCodes].sort() };
}

/** The subset of `pnus` present in the store, via a staged Parquet list and one semi-join. */
async function existingPnus(engine: Engine, pnus: string[], workDir: string): Promise<Set<string>> {
  if (!pnus.length) return new Set();
  await fs.mkdir(workDir, { recursive: true });
  const file = path.join(workDir, `pnus-${randomUUID()}.parquet`);
  const writer = new ParquetWriter(file, [{ name: 'pnu', type: 'string' }]);
  for (const p of pnus) writer.values[0]!.string(p);
  writer.close();
  try {
    const rows = await engine.rows<{ PNU: string }>(`SELECT PNU FROM ${quoteIdent(PARCELS)} WHERE PNU IN (SELECT pnu FROM read_parquet(${literalSql(file)}))`);
    return new Set(rows.map((r) => r.PNU));
  } finally {
    await fs.rm(file, { force: true });
  }
}
