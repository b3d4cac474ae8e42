import { promises as fs, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseBjdTable, type BjdTable } from '../../shared/cadastral/bjdCodes';
import { writeFileAtomic } from './manifest';
import { detectEncoding, fatalDecoder } from './shapefile/textEncoding';

export const SHIPPED_BJD = path.join('bjd', 'bjd_codes_2025.tsv');
const IMPORTED = path.join('bjd', 'bjd_codes.txt');

/** The 법정동 code table in use: one the user imported into the workspace, else the shipped one. */
export function bjdTableFile(assetsDir: string, workspaceDir?: string): string {
  const imported = workspaceDir && path.join(workspaceDir, IMPORTED);
  if (imported && statSync(imported, { throwIfNoEntry: false })) return imported;
  return path.join(assetsDir, SHIPPED_BJD);
}

const cache = new Map<string, { stamp: number; table: BjdTable }>();

/** Parses a code table file (UTF-8), once per file version. */
export function loadBjdTable(file: string): BjdTable {
  const stamp = statSync(file).mtimeMs;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.table;
  const table = parseBjdTable(readFileSync(file, 'utf8'));
  cache.set(file, { stamp, table });
  return table;
}

export interface BjdImportResult {
  entries: number;
  active: number;
  file: string;
}

/**
 * Takes a newer official 법정동코드 전체자료 (tab-separated, cp949 as downloaded; UTF-8 also read)
 * into the workspace. It is checked completely before it replaces the table in use, and a table
 * that misses a 시도 the current one has is refused (a partial download, not a newer table).
 */
export async function importBjdTable(source: string, workspaceDir: string, assetsDir: string): Promise<BjdImportResult> {
  const bytes = await fs.readFile(source);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const encoding = bom ? 'utf-8' : detectEncoding([body.subarray(0, 1 << 20)], path.basename(source), 'save it as UTF-8 or cp949');
  let text: string;
  try {
    text = fatalDecoder(encoding).decode(body);
  } catch {
    throw new Error(`${path.basename(source)}: the text is neither UTF-8 nor cp949`);
  }
  const table = parseBjdTable(text);
  const entries = [...table.entries()];
  const sidos = (t: BjdTable) => new Set([...t.entries()].filter((e) => e.active && e.code.endsWith('00000000')).map((e) => e.code));
  const current = sidos(loadBjdTable(bjdTableFile(assetsDir, workspaceDir)));
  const missing = [...current].filter((c) => !sidos(table).has(c));
  if (missing.length)
    throw new Error(`${path.basename(source)}: no active 시도 ${missing.join(', ')}; is it the whole 법정동코드 전체자료?`);
  const file = path.join(workspaceDir, IMPORTED);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
  return { entries: entries.length, active: entries.filter((e) => e.active).length, file };
}
