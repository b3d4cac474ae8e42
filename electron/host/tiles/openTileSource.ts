import { closeSync, openSync, readSync } from 'node:fs';
import { openMbtiles } from './mbtilesSource';
import { openPmtiles } from './pmtilesSource';
import type { TileSource } from './tileSource';

/** Opens a PMTiles or MBTiles file, told apart by its first bytes; errors name the file and why. */
export async function openTileSource(path: string): Promise<TileSource> {
  const head = Buffer.alloc(16);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new Error(`cannot read the basemap file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1', 0, 7) === 'PMTiles') return openPmtiles(path);
  if (head.toString('latin1', 0, 16) === 'SQLite format 3\0') return openMbtiles(path);
  throw new Error(`${path} is neither a PMTiles nor an MBTiles file`);
}
