import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { IMPORT_ZIP_LIMITS, ZipArchive, ZipBudget, ZipError } from '../zip/zipArchive';

/**
 * The files of a 도로명주소 DB download, wherever they are: given one by one, in a folder, or in
 * the zip as downloaded (read in place, entry by entry, never extracted).
 */
export type JusoFileKind = 'road' | 'jibun';

export interface JusoSource {
  /** 'rnaddrkor_seoul.txt', or 'download.zip:rnaddrkor_seoul.txt' */
  label: string;
  kind: JusoFileKind;
  open(): Promise<Readable>;
}

export class JusoInputError extends Error {}

/** 도로명주소 한글 전체분 (and its daily change files, which have the same layout). */
export function jusoFileKind(name: string): JusoFileKind | null {
  const base = path.basename(name).toLowerCase();
  if (/^jibun_rnaddrkor_.*\.txt$/.test(base)) return 'jibun';
  if (/^rnaddrkor_.*\.txt$/.test(base)) return 'road';
  return null;
}

/** The 주소DB family (주소_/지번_/도로명코드 files): another layout, not read yet. */
const OTHER_FAMILY = /^(?:주소|지번|부가정보|개선_도로명코드|도로명코드)_?.*\.txt$/;

/** Calls `each` for every 도로명주소 file among `inputs` (zips, folders, files), in name order. */
export async function forEachJusoSource(inputs: string[], each: (s: JusoSource) => Promise<void>): Promise<number> {
  let n = 0;
  const other: string[] = [];
  const take = async (s: JusoSource) => {
    n++;
    await each(s);
  };
  for (const input of inputs) {
    const st = await fs.stat(input).catch(() => null);
    if (!st) throw new JusoInputError(`${input}: no such file or folder`);
    if (st.isDirectory()) {
      const names = (await fs.readdir(input, { recursive: true })).map(String).sort();
      for (const name of names) {
        const file = path.join(input, name);
        if (name.toLowerCase().endsWith('.zip')) n += await forEachJusoSource([file], each);
        else {
          const kind = jusoFileKind(name);
          if (kind) await take({ label: name, kind, open: async () => createReadStream(file) });
          else if (OTHER_FAMILY.test(path.basename(name))) other.push(name);
        }
      }
    } else if (input.toLowerCase().endsWith('.zip')) {
      n += await zipSources(input, each, other);
    } else {
      const kind = jusoFileKind(input);
      if (!kind)
        throw new JusoInputError(
          `${path.basename(input)}: not a 도로명주소 한글 file (rnaddrkor_<시도>.txt or jibun_rnaddrkor_<시도>.txt)`,
        );
      await take({ label: path.basename(input), kind, open: async () => createReadStream(input) });
    }
  }
  if (n === 0 && other.length)
    throw new JusoInputError(`${other[0]}: the 주소DB layout is not read yet; download 도로명주소 한글 (전체분) instead`);
  return n;
}

async function zipSources(zipPath: string, take: (s: JusoSource) => Promise<void>, other: string[]): Promise<number> {
  // read in place through the one zip reader: its bomb limits, and names a Korean Windows tool stored in cp949
  const zip = await ZipArchive.open(zipPath, new ZipBudget(IMPORT_ZIP_LIMITS)).catch((e: unknown) => {
    throw e instanceof ZipError ? new JusoInputError(e.message, { cause: e }) : e;
  });
  try {
    let n = 0;
    for (const entry of zip.entries) {
      const kind = jusoFileKind(entry.name);
      if (!kind) {
        if (OTHER_FAMILY.test(path.basename(entry.name))) other.push(entry.name);
        continue;
      }
      n++;
      await take({ label: `${path.basename(zipPath)}:${entry.name}`, kind, open: () => zip.read(entry) });
    }
    return n;
  } finally {
    zip.close();
  }
}
