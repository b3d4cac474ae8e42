import { rmSync } from 'node:fs';
import path from 'node:path';
import { literalSql } from '../shared/dsl/sqlgen';
import { openEngine, type Engine } from '../electron/host/engine/engine';
import { attachStore } from '../electron/store/storeCatalog';

export interface LayoutMeasurement {
  query: string;
  pilji: number;
  hive: number;
  ratio: number;
}

/**
 * The store's layout (one Parquet file per 시군구, sorted by PNU, 8,192-row groups) against the
 * analysts' Spark layout (Hive folders SI_NM=/SGG_NM=/EMD_NM=/RI_NM=) holding the same rows,
 * read by the same DuckDB. Median warm milliseconds.
 */
export async function runLayoutSuite(storeDir: string, workDir: string, runs: number): Promise<LayoutMeasurement[]> {
  const hiveDir = path.join(workDir, 'hive');
  rmSync(hiveDir, { recursive: true, force: true });
  const engine = await openEngine({ allowedDirectories: [storeDir, workDir] });
  try {
    await attachStore(engine, storeDir);
    await engine.exec(`COPY (SELECT * EXCLUDE (geometry, SI_NM, SGG_NM, EMD_NM, RI_NM), ST_AsWKB(geometry) AS geometry, SI_NM, SGG_NM, EMD_NM,
        coalesce(RI_NM, '__HIVE_DEFAULT_PARTITION__') AS RI_NM FROM parcels) TO ${literalSql(hiveDir)} (FORMAT parquet, PARTITION_BY (SI_NM, SGG_NM, EMD_NM, RI_NM))`);
    const pnus = ((await engine.rows('SELECT PNU FROM parcels USING SAMPLE 1000 ROWS (reservoir, 7)')) as { PNU: string }[]).map((r) => literalSql(r.PNU));
    const sgg = ((await engine.rows('SELECT SGG_NM FROM parcels GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')) as { SGG_NM: string }[])[0]!.SGG_NM;
    const queries: [string, string][] = [
      ['1,000 PNU lookup (parcel_join core)', `SELECT PNU, geometry FROM parcels WHERE PNU IN (${pnus.join(', ')})`],
      ['one 시군구, attribute filter + aggregate', `SELECT JIMOK, count(*), sum(AREA_M2) FROM parcels WHERE SGG_NM = ${literalSql(sgg)} GROUP BY 1`],
      ['whole-store aggregate', 'SELECT JIMOK, count(*) FROM parcels GROUP BY 1'],
    ];
    const out: LayoutMeasurement[] = [];
    for (const [name, sql] of queries) {
      await attachStore(engine, storeDir);
      const pilji = await median(engine, sql, runs);
      await attachStore(engine, hiveDir);
      const hive = await median(engine, sql, runs);
      out.push({ query: name, pilji, hive, ratio: hive / pilji });
    }
    return out;
  } finally {
    await engine.close();
  }
}

async function median(engine: Engine, sql: string, runs: number): Promise<number> {
  await engine.rows(sql); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await engine.rows(sql);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
