import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBjdTable, type BjdTable } from '../../shared/cadastral/bjdCodes';

let shipped: BjdTable | null = null;

/** The 법정동 code table shipped in assets/ (2020 vintage with the documented renames applied). */
export function shippedBjdTable(assetsDir: string): BjdTable {
  shipped ??= parseBjdTable(readFileSync(path.join(assetsDir, 'bjd', 'bjd_codes_2020.csv'), 'utf8'));
  return shipped;
}
