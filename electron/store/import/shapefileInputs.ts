import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportFailureReason } from '../../../shared/api/importFailure';
import { IMPORT_ZIP_LIMITS, ZipArchive, ZipBudget } from '../../zip/zipArchive';
import { ImportError } from './importError';

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

export class InputError extends ImportError {
  constructor(message: string, code: Extract<ImportFailureReason, `input_${string}` | 'zip_too_deep'>) {
    super(message, code);
  }
}

/**
 * Finds shapefile sets in what the user gave: .shp (or any file of a set), folders (searched
 * recursively) and .zip files, given or met in a folder or inside another zip (extracted into
 * `scratchDir`). Every zip of one call draws on one `budget`, so nested zips cannot multiply it.
 */
export async function findShapefileSets(
  inputs: string[],
  scratchDir: string,
  budget = new ZipBudget(IMPORT_ZIP_LIMITS),
): Promise<ShapefileSet[]> {
  const walk = new Walk(scratchDir, budget);
  const sets: ShapefileSet[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat) throw new InputError(`${input}: no such file or folder`, 'input_missing');
    if (stat.isDirectory()) {
      const found = await walk.folder(input, input, input);
      if (!found.length) throw new InputError(`${input}: no shapefiles (.shp) in this folder, nor in a .zip in it`, 'input_no_shapefiles');
      sets.push(...found);
    } else if (/\.zip$/i.test(input)) {
      const found = await walk.zip(input, path.basename(input), 0);
      if (!found.length) throw new InputError(`${input}: the zip holds no shapefiles (.shp)`, 'input_no_shapefiles');
      sets.push(...found);
    } else {
      const base = input.replace(/\.(shp|shx|dbf|prj|cpg)$/i, '');
      if (base === input) throw new InputError(`${input}: not a shapefile, folder or .zip`, 'input_not_shapefile');
      sets.push(await completeSet(base + '.shp', input, path.dirname(input), ''));
    }
  }
  return sets;
}

/** A zip inside a zip inside a zip is as deep as downloads go (a national archive of 시도 archives). */
const MAX_ZIP_DEPTH = 3;

class Walk {
  private extracted = 0;
  constructor(
    private readonly scratchDir: string,
    private readonly budget: ZipBudget,
  ) {}

  /** `origin`: the file the user gave; `labelRoot`/`labelPrefix`: what a set's label is relative to. */
  async folder(dir: string, origin: string, labelRoot: string, labelPrefix = '', depth = 0): Promise<ShapefileSet[]> {
    const out: ShapefileSet[] = [];
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) out.push(...(await this.folder(p, origin, labelRoot, labelPrefix, depth)));
      else if (/\.shp$/i.test(e.name))
        out.push(
          await completeSet(
            p,
            origin,
            labelRoot,
            labelPrefix,
            entries.map((x) => x.name),
          ),
        );
      else if (/\.zip$/i.test(e.name)) {
        const rel = path.relative(labelRoot, p).split(path.sep).join('/');
        // a zip met in a folder the user gave is an input of its own (its checksum, its label)
        out.push(...(await this.zip(p, labelPrefix ? `${labelPrefix}${rel}` : rel, depth, labelPrefix ? origin : p)));
      }
    }
    return out;
  }

  async zip(file: string, label: string, depth: number, origin = file): Promise<ShapefileSet[]> {
    if (depth >= MAX_ZIP_DEPTH)
      throw new InputError(`${label}: zips nested more than ${MAX_ZIP_DEPTH} deep are not opened`, 'zip_too_deep');
    const dest = path.join(this.scratchDir, `${this.extracted++}-${path.basename(file, path.extname(file))}`);
    const archive = await ZipArchive.open(file, this.budget, label);
    try {
      await archive.extractAll(dest);
    } finally {
      archive.close();
    }
    return this.folder(dest, origin, dest, `${label}:`, depth + 1);
  }
}

/** `names`: the folder's file names, when the caller has them (a folder of 248 sets is read once). */
async function completeSet(shp: string, origin: string, labelRoot: string, labelPrefix: string, names?: string[]): Promise<ShapefileSet> {
  const dir = path.dirname(shp);
  const stem = path.basename(shp).replace(/\.shp$/i, '');
  const siblings = new Map<string, string>();
  const prefix = `${stem.toLowerCase()}.`;
  for (const n of names ?? (await fs.readdir(dir)))
    if (n.toLowerCase().startsWith(prefix)) siblings.set(n.toLowerCase().slice(prefix.length), n);
  const sibling = (ext: string) => {
    const hit = siblings.get(ext);
    return hit ? path.join(dir, hit) : null;
  };
  const shpPath = sibling('shp');
  const dbf = sibling('dbf');
  const rel = (path.relative(labelRoot, path.join(dir, stem)) || stem).split(path.sep).join('/');
  const label = `${labelPrefix}${rel}`;
  if (!shpPath) throw new InputError(`${label}: the .shp file is missing`, 'input_incomplete_set');
  if (!dbf) throw new InputError(`${label}: the .dbf file (the attributes) is missing beside the .shp`, 'input_incomplete_set');
  return { label, shp: shpPath, dbf, shx: sibling('shx'), prj: sibling('prj'), cpg: sibling('cpg'), origin };
}
