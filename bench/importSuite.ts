import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { benchShapefiles } from './synth/generateStoreInput';

export interface ImportMeasurement {
  parcels: number;
  files: number;
  imported: number;
  seconds: number;
  readSeconds: number;
  parcelsPerSecond: number;
  peakRssMb: number;
}

/** 서울's 25 구: the 시군구 the synthetic national-style input is spread over. */
export function seoulSggCodes(table: BjdTable): string[] {
  return [...table.entries()].filter((e) => e.active && /^11\d{3}00000$/.test(e.code) && e.code !== '1100000000').map((e) => e.code.slice(0, 5)).sort();
}

/** Imports `parcels` generated parcels into a fresh store in a child process. */
export async function runImportSuite(table: BjdTable, cacheDir: string, parcels: number, storeDir: string): Promise<ImportMeasurement> {
  const codes = seoulSggCodes(table);
  const input = await benchShapefiles(table, cacheDir, codes, parcels);
  rmSync(storeDir, { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'importRun.ts'), input.dir, storeDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<ImportMeasurement, 'parcels' | 'files'>;
  if (m.imported !== input.valid) throw new Error(`imported ${m.imported}, expected ${input.valid}`);
  return { parcels, files: codes.length, ...m };
}
