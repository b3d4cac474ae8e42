import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { PlaceIndex } from '../shared/address/placeIndex';
import { openHostCore } from '../electron/host/hostCore';
import path from 'node:path';
import { RecordBatchReader } from 'apache-arrow';
import type { HostCore } from '../electron/host/hostCore';
import { writeModelParquet } from '../electron/models/modelTable';
import { matchRelation } from '../electron/models/parcelMatcher';
import { literalSql } from '../shared/dsl/sqlgen';
import { writtenAddress, type AddressParts } from './addressText';

export interface MatchMeasurement {
  addresses: number;
  storeRows: number;
  matched: number;
  seconds: number;
  /** `from 주소 | parcel_join address=소재지` over the same addresses as a model: rows and ms per run */
  join: { rows: number; firstMs: number; medianMs: number };
}

/**
 * `n` addresses of parcels sampled from the store, written as people write them, matched back:
 * parse + resolve + one store check, end to end in the host.
 */
export async function runMatchSuite(table: BjdTable, storeDir: string, workspaceDir: string, n: number): Promise<MatchMeasurement> {
  const core = await openHostCore({ storeDir, workspaceDir });
  try {
    const sample = await core.engine.rows<AddressParts>(
      `SELECT SI_NM, SGG_NM, EMD_NM, RI_NM, SAN, BONBUN, BUBUN FROM parcels USING SAMPLE ${n} ROWS (reservoir, 11)`,
    );
    const keys = sample.map((p, i) => [writtenAddress(p, i)]);
    const index = new PlaceIndex(table);
    const file = path.join(workspaceDir, 'bench-match-keys.parquet');
    await writeModelParquet(core.engine, { header: ['소재지'], rows: keys }, file);
    const t0 = performance.now();
    const { report } = await matchRelation(
      core.engine,
      index,
      `SELECT * FROM read_parquet(${literalSql(file)})`,
      { kind: 'address', address: '소재지' },
      '__bench_match',
      workspaceDir,
    );
    const seconds = (performance.now() - t0) / 1000;
    return {
      addresses: keys.length,
      storeRows: core.store()?.rows ?? 0,
      matched: report.counts.matched,
      seconds,
      join: await timeJoin(core, keys, workspaceDir),
    };
  } finally {
    await core.close();
  }
}

/** The DSL path an analyst takes: the addresses as a model, joined to their parcels, every row read. */
async function timeJoin(core: HostCore, keys: string[][], workspaceDir: string): Promise<MatchMeasurement['join']> {
  const file = path.join(workspaceDir, 'bench-addresses.parquet');
  await writeModelParquet(core.engine, { header: ['id', '소재지'], rows: keys.map((k, i) => [String(i), k[0]!]) }, file);
  await core.addModel('주소', file);
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    const outcome = await core.queries.run('from 주소 | parcel_join address=소재지');
    if (!outcome.ok) throw new Error(outcome.error.error);
    rows = 0;
    for await (const batch of await RecordBatchReader.from(outcome.body)) rows += batch.numRows;
    times.push(performance.now() - t0);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { rows, firstMs: times[0]!, medianMs: warm[Math.floor(warm.length / 2)]! };
}
