import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';
import { writeCadastralShapefile, type CadastralShapefileOptions } from '../../bench/synth/cadastralShapefile';
import { generateSggParcels } from '../../bench/synth/parcelGenerator';

export const assetsDir = path.resolve(import.meta.dirname, '../../assets');
export const bjdFile = path.join(assetsDir, 'bjd', 'bjd_codes_2025.tsv');
export const bjdTable = parseBjdTable(readFileSync(path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2025.tsv'), 'utf8'));

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `pilji-${prefix}-`));
}

/** A synthetic 연속지적도 shapefile for one 시군구, written by the generator's shapefile writer. */
export function synthShapefile(sggCode: string, count: number, o: Omit<CadastralShapefileOptions, 'sourceDate'> & { sourceDate?: string }) {
  const parcels = generateSggParcels(bjdTable, sggCode, count, o.seed ?? 42);
  return writeCadastralShapefile(bjdTable, parcels, { sourceDate: '2024-06-30', ...o }).then((w) => ({ ...w, parcels }));
}
