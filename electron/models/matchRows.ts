import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { resolveAddress, resolveAddressParts, type AddressResolution } from '../../shared/address/matchAddress';
import type { PlaceIndex } from '../../shared/address/placeIndex';
import { isPnu } from '../../shared/cadastral/pnu';
import { PARCELS } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../host/engine/engine';
import { ParquetWriter } from '../store/parquet/parquetWriter';
import type { DelimitedTable } from './delimitedText';

/** Which columns hold the address: one address string, separate parts, or a PNU. */
export type AddressMapping =
  | { kind: 'address'; address: string }
  | { kind: 'parts'; sido?: string; sgg?: string; emd: string; ri?: string; san?: string; bonbun: string; bubun?: string }
  | { kind: 'pnu'; pnu: string };

export type MatchStatus = 'matched' | 'not_found' | 'ambiguous' | 'invalid';

export interface RowMatch {
  pnu: string | null;
  status: MatchStatus;
  note: string;
}

export class MappingError extends Error {}

/**
 * Matches every row to a parcel: the address is parsed and resolved to a PNU in JavaScript, then
 * the store says which PNUs exist (one semi-join). 'matched' only when the parcel is in the store.
 */
export async function matchRows(table: DelimitedTable, mapping: AddressMapping, index: PlaceIndex, engine: Engine, workDir: string): Promise<RowMatch[]> {
  const col = (name: string | undefined) => {
    if (name === undefined) return -1;
    const i = table.header.indexOf(name);
    if (i < 0) throw new MappingError(`no column '${name}' (the file has: ${table.header.join(', ')})`);
    return i;
  };
  const resolveRow = rowResolver(mapping, col, index);
  const resolutions = table.rows.map(resolveRow);
  const wanted = [...new Set(resolutions.flatMap((r) => (r.status === 'resolved' ? [r.pnu] : [])))];
  const found = await existingPnus(engine, wanted, workDir);
  return resolutions.map((r): RowMatch => {
    if (r.status !== 'resolved') return { pnu: null, status: r.status, note: r.note };
    return found.has(r.pnu)
      ? { pnu: r.pnu, status: 'matched', note: '' }
      : { pnu: r.pnu, status: 'not_found', note: `no parcel ${r.pnu} in the store (${r.place})` };
  });
}

function rowResolver(mapping: AddressMapping, col: (name: string | undefined) => number, index: PlaceIndex): (row: string[]) => AddressResolution {
  if (mapping.kind === 'address') {
    const a = col(mapping.address);
    return (row) => resolveAddress(index, row[a]!);
  }
  if (mapping.kind === 'pnu') {
    const p = col(mapping.pnu);
    return (row) => {
      const v = row[p]!.trim();
      return isPnu(v) ? { status: 'resolved', pnu: v, place: v.slice(0, 10) } : { status: 'invalid', note: `'${v}' is not a 19-digit PNU` };
    };
  }
  const c = { sido: col(mapping.sido), sgg: col(mapping.sgg), emd: col(mapping.emd), ri: col(mapping.ri), san: col(mapping.san), bonbun: col(mapping.bonbun), bubun: col(mapping.bubun) };
  const at = (row: string[], i: number) => (i < 0 ? undefined : row[i]);
  return (row) => resolveAddressParts(index, {
    sido: at(row, c.sido), sgg: at(row, c.sgg), emd: at(row, c.emd) ?? '', ri: at(row, c.ri), san: at(row, c.san), bonbun: at(row, c.bonbun) ?? '', bubun: at(row, c.bubun),
  });
}

/** The subset of `pnus` present in the store, via a staged Parquet list and one semi-join. */
async function existingPnus(engine: Engine, pnus: string[], workDir: string): Promise<Set<string>> {
  if (!pnus.length) return new Set();
  await fs.mkdir(workDir, { recursive: true });
  const file = path.join(workDir, `match-${randomUUID()}.parquet`);
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
