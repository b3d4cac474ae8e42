import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** One shapefile as a set of sibling files; `label` names it in progress and reports. */
export interface ShapefileSet {
  label: string;
  shp: string;
  dbf: string;
  /** the record index; without it a file is read by one thread */
  shx: string | null;
  prj: string | null;
  cpg: string | null;
  /** the file the user gave (a .zip, or the .shp) — checksummed into the manifest */
  origin: string;
}

export class InputError extends Error {}

/**
 * Finds shapefile sets in what the user gave: .shp (or any file of a set), folders (searched
 * recursively) and .zip files (extracted into `scratchDir`, nested folders included).
 */
export async function findShapefileSets(inputs: string[], scratchDir: string): Promise<ShapefileSet[]> {
  const sets: ShapefileSet[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat) throw new InputError(`${input}: no such file or folder`);
    if (stat.isDirectory()) {
      const found = await setsInFolder(input, input, input);
      if (!found.length) throw new InputError(`${input}: no shapefiles (.shp) in this folder`);
      sets.push(...found);
    } else if (/\.zip$/i.test(input)) {
      const dest = path.join(scratchDir, `${sets.length}-${path.basename(input, path.extname(input))}`);
      await unzip(input, dest);
      const found = await setsInFolder(dest, input, dest);
      if (!found.length) throw new InputError(`${input}: the zip holds no shapefiles (.shp)`);
      sets.push(...found);
    } else {
      const base = input.replace(/\.(shp|shx|dbf|prj|cpg)$/i, '');
      if (base === input) throw new InputError(`${input}: not a shapefile, folder or .zip`);
      sets.push(await completeSet(base + '.shp', input, path.dirname(input)));
    }
  }
  return sets;
}

async function setsInFolder(dir: string, origin: string, labelRoot: string): Promise<ShapefileSet[]> {
  const out: ShapefileSet[] = [];
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await setsInFolder(p, origin, labelRoot)));
    else if (/\.shp$/i.test(e.name)) out.push(await completeSet(p, origin, labelRoot, entries.map((x) => x.name)));
  }
  return out;
}

/** `names`: the folder's file names, when the caller has them (a folder of 248 sets is read once). */
async function completeSet(shp: string, origin: string, labelRoot: string, names?: string[]): Promise<ShapefileSet> {
  const dir = path.dirname(shp);
  const stem = path.basename(shp).replace(/\.shp$/i, '');
  const siblings = new Map<string, string>();
  const prefix = `${stem.toLowerCase()}.`;
  for (const n of names ?? (await fs.readdir(dir))) if (n.toLowerCase().startsWith(prefix)) siblings.set(n.toLowerCase().slice(prefix.length), n);
  const sibling = (ext: string) => {
    const hit = siblings.get(ext);
    return hit ? path.join(dir, hit) : null;
  };
  const shpPath = sibling('shp');
  const dbf = sibling('dbf');
  const rel = path.relative(labelRoot, path.join(dir, stem)) || stem;
  const label = origin.toLowerCase().endsWith('.zip') ? `${path.basename(origin)}:${rel}` : rel;
  if (!shpPath) throw new InputError(`${label}: the .shp file is missing`);
  if (!dbf) throw new InputError(`${label}: the .dbf file (the attributes) is missing beside the .shp`);
  return { label, shp: shpPath, dbf, shx: sibling('shx'), prj: sibling('prj'), cpg: sibling('cpg'), origin };
}

/** Extracts a zip, refusing entries that would land outside `dest` (zip slip). */
async function unzip(zipPath: string, dest: string): Promise<void> {
  await fs.mkdir(dest, { recursive: true });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, decodeStrings: true }, (e, z) => (e ? reject(new InputError(`${zipPath}: not a readable zip (${e.message})`)) : resolve(z!))));
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = path.resolve(dest, entry.fileName);
      if (!target.startsWith(path.resolve(dest) + path.sep)) return reject(new InputError(`${zipPath}: entry '${entry.fileName}' points outside the zip`));
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e ?? new Error('zip stream'));
        fs.mkdir(path.dirname(target), { recursive: true })
          .then(() => pipeline(stream, createWriteStream(target)))
          .then(() => zip.readEntry(), reject);
      });
    });
    zip.readEntry();
  });
}
