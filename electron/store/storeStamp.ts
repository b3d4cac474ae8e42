import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MANIFEST } from './manifest';

/**
 * Which version of a store a folder holds: its manifest's mtime and size. Every import replaces
 * the manifest, so a new stamp means other parcels; 'none' for a folder without one (the Spark
 * layout, read-only, or a store nothing was imported into yet).
 */
export async function storeStamp(storeDir: string): Promise<string> {
  const st = await fs.stat(path.join(storeDir, MANIFEST)).catch(() => null);
  return st ? `${st.mtimeMs}:${st.size}` : 'none';
}
