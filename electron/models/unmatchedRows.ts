import { randomUUID } from 'node:crypto';
import { mappingColumns, type AddressMapping } from '../../shared/address/addressMapping';
import type { MatchReason } from '../../shared/address/matchReason';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import type { RoadIndex } from '../../shared/address/roadIndex';
import type { UnmatchedRows } from '../../shared/api/contract';
import { quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { matchRelation } from './parcelMatcher';

/** The most rows listed (and exported); a list longer than this goes back to the requester in parts. */
export const UNMATCHED_ROWS_LIMIT = 100_000;

/**
 * A model's rows that did not match, whole (every source column: 순번, 비고, …) with the status,
 * the reason and the text after the lot number: the list an analyst sends back to the requester.
 * Matched again with the confirmed mapping against the active store, joined back on the key
 * columns, in the file's row order.
 */
export async function unmatchedRows(
  engine: Engine,
  model: string,
  mapping: AddressMapping,
  placeIndex: PlaceIndex,
  roads: RoadIndex | null,
  workDir: string,
): Promise<UnmatchedRows> {
  const table = `__unmatched_${randomUUID().replace(/-/g, '')}`;
  try {
    await matchRelation(engine, placeIndex, `SELECT * FROM ${quoteIdent(model)}`, mapping, table, workDir, roads);
    const columns = (await engine.rows<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${quoteIdent(model)}`))
      .filter((c) => !c.column_type.startsWith('GEOMETRY'))
      .map((c) => c.column_name);
    const on = mappingColumns(mapping)
      .map((c, i) => `CAST(d.${quoteIdent(c)} AS VARCHAR) IS NOT DISTINCT FROM m.k${i}`)
      .join(' AND ');
    const picked = columns.map((c, i) => `CAST(d.${quoteIdent(c)} AS VARCHAR) AS c${i}`).join(', ');
    const rows = await engine.rows<
      Record<string, string | null>
    >(`SELECT ${picked}, m.match_status AS s, m.match_reason AS r, m.match_detail AS dt
      FROM (SELECT *, row_number() OVER () AS __row FROM ${quoteIdent(model)}) d JOIN ${quoteIdent(table)} m ON ${on}
      WHERE m.match_status <> 'matched' ORDER BY d.__row LIMIT ${UNMATCHED_ROWS_LIMIT + 1}`);
    return {
      columns,
      rows: rows.slice(0, UNMATCHED_ROWS_LIMIT).map((r) => ({
        values: columns.map((_, i) => r[`c${i}`] ?? null),
        status: r.s as UnmatchedRows['rows'][number]['status'],
        ...(r.r ? { reason: JSON.parse(r.r) as MatchReason } : {}),
        ...(r.dt ? { detail: r.dt } : {}),
      })),
      truncated: rows.length > UNMATCHED_ROWS_LIMIT,
    };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  }
}
