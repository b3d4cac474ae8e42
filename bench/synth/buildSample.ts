/**
 * Builds the sample shipped in assets/: a small cadastral store, an address list that refers to
 * it, the basemap outlines and the 법정동 code table, all from ../shared/data. Deterministic:
 * running it twice gives the same files.   npm run sample
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';
import { openEngine } from '../../electron/engine/engine';
import { StoreStaging } from '../../electron/store/storeWriter';
import { sharedDataDir } from './boundaries';
import { generateSggParcels } from './parcelGenerator';
import { seededRandom } from './random';
import { toRecord } from './toRecord';
import { sampleAddresses } from './sampleAddresses';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ASSETS = path.join(ROOT, 'assets');
const SOURCE_DATE = '2024-06-30';
/** 시군구 and parcel counts: two Seoul districts, and one each in the renamed provinces. */
export const SAMPLE_REGIONS: readonly [string, number][] = [
  ['11110', 1500],
  ['11140', 1000],
  ['51110', 800],
  ['52111', 700],
];

async function main() {
  const data = sharedDataDir();
  // The 2024-25 vintage, UTF-8 (the same rows as the cp949 download beside it in ../shared/data/bjd).
  const bjdTsv = path.join(data, 'bjd', 'bjd_codes_2025.tsv');
  const table = parseBjdTable(readFileSync(bjdTsv, 'utf8'));

  mkdirSync(path.join(ASSETS, 'bjd'), { recursive: true });
  copyFileSync(bjdTsv, path.join(ASSETS, 'bjd', 'bjd_codes_2025.tsv'));
  mkdirSync(path.join(ASSETS, 'basemap'), { recursive: true });
  for (const f of ['skorea-provinces-2018-topo.json', 'skorea-municipalities-2018-topo.json']) {
    copyFileSync(path.join(data, 'boundaries', f), path.join(ASSETS, 'basemap', f));
  }

  const storeDir = path.join(ASSETS, 'sample', 'store');
  rmSync(storeDir, { recursive: true, force: true });
  mkdirSync(storeDir, { recursive: true });
  const parcels = SAMPLE_REGIONS.flatMap(([code, count], i) => generateSggParcels(table, code, count, 1000 + i));
  const engine = await openEngine({ allowedDirectories: [storeDir] });
  try {
    const staging = await StoreStaging.open(engine, storeDir, 'sample');
    await staging.append(
      parcels.map((p) => toRecord(table, p, SOURCE_DATE)),
      'synthetic',
    );
    const { manifest } = await staging.commit(
      [{ file: 'synthetic (bench/synth/buildSample.ts)', sha256: '', sourceDate: SOURCE_DATE, rows: parcels.length }],
      `${SOURCE_DATE}T00:00:00.000Z`,
    );
    console.log(`sample store: ${manifest.rows} parcels in ${manifest.partitions.length} partitions`);
  } finally {
    await engine.close();
  }

  const csv = sampleAddresses(table, parcels, seededRandom(7));
  writeFileSync(path.join(ASSETS, 'sample', 'addresses.csv'), '\uFEFF' + csv);
  console.log(`sample addresses: ${csv.split('\r\n').length - 2} rows`);
}

await main();
