import type { TextEncoding } from '../../../shared/api/contract';
import { cadastralLayout } from '../../../shared/cadastral/cadastralLayout';
import { importFiles } from './importRunner';
import { registerModelFiles } from './modelsRunner';
import type { DropTarget } from './slices/dropSlice';
import { setSlice, slice } from './store';

/** What dropped files look like: surely a model, a 연속지적도 by its columns, or nothing certain (a ZIP). */
export type DropKind = DropTarget | 'unknown';

const MODEL_FILES = /\.(csv|tsv|txt|xlsx|parquet|geojson|json)$/i;

/**
 * A table (CSV, XLSX, Parquet, GeoJSON) is a model; a shapefile set is a 연속지적도 when its DBF has
 * the cadastral columns (the importer's own test, shared/cadastral/cadastralLayout.ts) and a
 * model otherwise; a ZIP is not opened here, so it cannot be told.
 */
export async function dropKind(files: File[]): Promise<DropKind> {
  if (files.some((f) => MODEL_FILES.test(f.name))) return 'model';
  const dbf = files.find((f) => /\.dbf$/i.test(f.name));
  if (!dbf) return 'unknown';
  return cadastralLayout(await dbfFieldNames(dbf)) ? 'cadastral' : 'model';
}

/** The DBF's column names from its header: 32 bytes, then 32 per field up to 0x0D. */
async function dbfFieldNames(dbf: File): Promise<string[]> {
  const head = new Uint8Array(await dbf.slice(0, 32).arrayBuffer());
  if (head.length < 32) return [];
  const headerLength = head[8]! | (head[9]! << 8);
  const bytes = new Uint8Array(await dbf.slice(0, headerLength).arrayBuffer());
  const names: string[] = [];
  for (let at = 32; at + 32 <= bytes.length && bytes[at] !== 0x0d; at += 32) {
    const raw = bytes.subarray(at, at + 11);
    const end = raw.indexOf(0);
    names.push(new TextDecoder('latin1').decode(end < 0 ? raw : raw.subarray(0, end)).trim());
  }
  return names;
}

/**
 * Files dropped anywhere on the window, or on a panel (`target`: the panel's kind). Where the
 * files and the place agree — or the place is all there is to go by — they go there; where they
 * disagree (a 연속지적도 SHP dropped on 모델), or nothing says, Pilji asks.
 */
export async function routeDrop(files: File[], target?: DropTarget, encoding?: TextEncoding): Promise<void> {
  const kind = await dropKind(files);
  const sure = target ? (kind === target || kind === 'unknown' ? target : null) : kind === 'model' ? 'model' : null;
  if (sure) return send(files, sure, encoding);
  setSlice('drop', { files, encoding, suggested: kind === 'unknown' ? null : kind });
}

export async function chooseDrop(target: DropTarget | null): Promise<void> {
  const { files, encoding } = slice('drop');
  setSlice('drop', { files: null, suggested: null });
  if (files && target) await send(files, target, encoding);
}

async function send(files: File[], target: DropTarget, encoding?: TextEncoding): Promise<void> {
  if (target === 'model') return registerModelFiles(files, encoding);
  const { uploading, importJob } = slice('jobs');
  if (!uploading && importJob?.state !== 'running') await importFiles(files);
}
