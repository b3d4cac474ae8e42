import path from 'node:path';
import { openEngine } from '../../electron/engine/engine';
import { paths } from '../../electron/host/paths';
import { attachStore } from '../../electron/store/storeCatalog';
import { sparkFolderNames } from '../../bench/benchData';

/** The analysts' Spark layout of the sample, written the way Spark does: Hive folders named in 한글, WKB as binary, no manifest. */
export async function writeSparkLayout(dir: string): Promise<void> {
  const engine = await openEngine({ allowedDirectories: [paths.sampleStore(), path.dirname(dir)] });
  try {
    await attachStore(engine, paths.sampleStore());
    await engine.exec(`COPY (SELECT * EXCLUDE (geometry, SI_NM, SGG_NM, EMD_NM, RI_NM), ST_AsWKB(geometry) AS geometry,
        SI_NM, SGG_NM, EMD_NM, coalesce(RI_NM, '__HIVE_DEFAULT_PARTITION__') AS RI_NM FROM parcels)
      TO '${dir}' (FORMAT parquet, PARTITION_BY (SI_NM, SGG_NM, EMD_NM, RI_NM))`);
  } finally {
    await engine.close();
  }
  sparkFolderNames(dir);
}
