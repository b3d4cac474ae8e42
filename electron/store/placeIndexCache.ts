import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PlaceIndex } from '../../shared/address/placeIndex';
import { BjdTable, parseBjdTable } from '../../shared/cadastral/bjdCodes';

/** The 법정동 code table and the place index built from it. */
export interface CodeTableIndex {
  table: BjdTable;
  places: PlaceIndex;
}

interface Snapshot {
  key: string;
  successors: [string, string[]][];
}

/**
 * What a snapshot depends on besides the table's bytes: the code that parses the table and works
 * out the successors. Any change to it makes a new key, so a snapshot written by another version
 * of Pilji is never read as this one's.
 */
const CODE_KEY = createHash('sha256').update([BjdTable, parseBjdTable].map(String).join('\n')).digest('hex');

/**
 * The code table and its place index. Working out which code every abolished one became is most
 * of building the index (about 0.4 s of CPU, at each start of `pilji query`), and it depends on
 * the table alone: it is kept in `cacheDir` under the hash of the table's bytes and read back
 * (135 KB of codes, a few ms) at the next start.
 */
export function loadCodeTableIndex(tableFile: string, cacheDir: string): CodeTableIndex {
  const bytes = readFileSync(tableFile);
  const key = createHash('sha256').update(CODE_KEY).update(bytes).digest('hex');
  const file = path.join(cacheDir, `bjd-successors-${key.slice(0, 32)}.json`);
  const snapshot = readSnapshot(file, key);
  const table = parseBjdTable(bytes.toString('utf8'), snapshot ? new Map(snapshot.successors) : undefined);
  const places = new PlaceIndex(table);
  if (!snapshot) writeSnapshot(file, { key, successors: [...table.successorMap()] });
  return { table, places };
}

function readSnapshot(file: string, key: string): Snapshot | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    return s.key === key && Array.isArray(s.successors) ? s : null;
  } catch {
    // none yet, or unreadable: built again
    return null;
  }
}

/**
 * Written whole under a temporary name, then renamed: a reader sees no file or the whole file.
 * Synchronous, so a CLI that exits right after its query still leaves it. A workspace it cannot
 * be written to only starts slower.
 */
function writeSnapshot(file: string, snapshot: Snapshot): void {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
