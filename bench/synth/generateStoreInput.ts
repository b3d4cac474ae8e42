import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { writeCadastralShapefile } from './cadastralShapefile';
import { generateSggParcels } from './parcelGenerator';

/**
 * Cached benchmark input: `parcels` synthetic parcels spread over the given 시군구, one LSMD
 * shapefile per 시군구 (EPSG:5186, cp949, 0.5% defects), as a national download would be.
 * Returns the folder; a second call with the same arguments reuses it.
 */
export async function benchShapefiles(table: BjdTable, cacheDir: string, sggCodes: string[], parcels: number): Promise<{ dir: string; valid: number }> {
  const dir = path.join(cacheDir, `lsmd-${parcels}-${sggCodes.length}`);
  const done = path.join(dir, 'done.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as { dir: string; valid: number };
  mkdirSync(dir, { recursive: true });
  let valid = 0;
  const per = Math.ceil(parcels / sggCodes.length);
  for (const [i, code] of sggCodes.entries()) {
    const n = Math.min(per, parcels - i * per);
    if (n <= 0) break;
    const w = await writeCadastralShapefile(table, generateSggParcels(table, code, n, 100 + i), {
      dir, name: `LSMD_CONT_LDREG_${code}_202406`, schema: 'lsmd', epsg: 5186, encoding: 'cp949', cpg: true,
      sourceDate: '2024-06-01', defectRate: 0.005, decorateRate: 0.02, seed: i,
    });
    valid += w.validPnus.length;
  }
  writeFileSync(done, JSON.stringify({ dir, valid }));
  return { dir, valid };
}
