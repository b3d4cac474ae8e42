import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../shared/api/contract';

/**
 * manifest.json is the store's single source of truth: the `parcels` view reads exactly the
 * files it lists, so files written before the manifest is swapped are invisible to queries.
 */
export const STORE_FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';

export interface ManifestSource {
  file: string;
  sha256: string;
  sourceDate: string | null;
  rows: number;
}

export interface ManifestPartition {
  key: string;
  /** relative to the store folder */
  file: string;
  sido: string;
  sgg: string | null;
  rows: number;
  bounds: [number, number, number, number];
  sourceDate: string | null;
}

export interface Manifest {
  formatVersion: number;
  layout: 'sgg-file';
  importedAt: string;
  sources: ManifestSource[];
  partitions: ManifestPartition[];
  rows: number;
}

export async function readManifest(storeDir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(storeDir, MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let m: Manifest;
  try {
    m = JSON.parse(text) as Manifest;
  } catch (e) {
    throw new Error(`store manifest ${path.join(storeDir, MANIFEST)} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  if (m.formatVersion !== STORE_FORMAT_VERSION) {
    throw new Error(`store ${storeDir} has format version ${m.formatVersion}; this Pilji reads version ${STORE_FORMAT_VERSION}`);
  }
  return m;
}

/** Write-then-rename so a crash leaves either the old or the new manifest, never half of one. */
export async function writeManifest(storeDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path.join(storeDir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

export function storeInfo(storeDir: string, m: Manifest | null): StoreInfo | null {
  if (!m) return null;
  return {
    path: storeDir,
    formatVersion: m.formatVersion,
    readOnly: false,
    rows: m.rows,
    importedAt: m.importedAt,
    partitions: m.partitions.map(({ key, sido, sgg, rows, bounds, sourceDate }) => ({ key, sido, sgg, rows, bounds, sourceDate })),
  };
}
