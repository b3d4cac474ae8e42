import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ImportFailureReason } from '../../shared/api/importFailure';
import { IMPORT_ZIP_LIMITS, ZipArchive, ZipBudget, ZipError } from '../zip/zipArchive';

/**
 * The files of a 도로명주소 DB download, wherever they are: given one by one, in a folder, or in
 * the zip as downloaded (read in place, entry by entry, never extracted). Two families are read
 * (jusoLayouts.ts has their columns): 도로명주소 한글 (rnaddrkor_/jibun_rnaddrkor_<시도>.txt) and
 * 주소DB (주소_/지번_/부가정보_<시도>.txt with the road-name code file, 개선_도로명코드_전체분.txt).
 */
export type JusoFamily = 'hangul' | 'addressDb';

export type JusoFileKind =
  // 도로명주소 한글
  | 'road'
  | 'jibun'
  // 주소DB
  | 'address'
  | 'lots'
  | 'extra'
  | 'roadCode';

export const FAMILY_OF: Readonly<Record<JusoFileKind, JusoFamily>> = {
  road: 'hangul',
  jibun: 'hangul',
  address: 'addressDb',
  lots: 'addressDb',
  extra: 'addressDb',
  roadCode: 'addressDb',
};

export interface JusoSource {
  /** 'rnaddrkor_seoul.txt', or 'download.zip:rnaddrkor_seoul.txt' */
  label: string;
  kind: JusoFileKind;
  open(): Promise<Readable>;
}

/**
 * A file set or file that cannot be imported. `reason` (with `params`) is the code the UI words
 * (renderer catalogue, importReason_<reason>); the message is the English for the CLI and logs.
 */
export class JusoInputError extends Error {
  constructor(
    message: string,
    readonly reason?: ImportFailureReason,
    readonly params: Record<string, string | number> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The kind of a file by its name, as the downloads name them (the daily change files are named alike). */
export function jusoFileKind(name: string): JusoFileKind | null {
  const base = path.basename(name).toLowerCase();
  if (!base.endsWith('.txt')) return null;
  if (/^jibun_rnaddrkor_/.test(base)) return 'jibun';
  if (/^rnaddrkor_/.test(base)) return 'road';
  if (base.startsWith('주소_')) return 'address';
  if (base.startsWith('지번_')) return 'lots';
  if (base.startsWith('부가정보_')) return 'extra';
  // 개선_도로명코드_전체분.txt (and its daily 변동분)
  if (base.includes('도로명코드')) return 'roadCode';
  return null;
}

/** The 도로명주소 files found, and the zips they are read from, open until `close`. */
export interface JusoSourceSet {
  sources: JusoSource[];
  close(): void;
}

/** Every 도로명주소 file among `inputs` (zips, folders, files), in name order; others in a folder or zip are left aside. */
export async function jusoSources(inputs: string[]): Promise<JusoSourceSet> {
  const sources: JusoSource[] = [];
  const zips: ZipArchive[] = [];
  const close = () => zips.splice(0).forEach((z) => z.close());
  try {
    for (const input of inputs) {
      const st = await fs.stat(input).catch(() => null);
      if (!st) throw new JusoInputError(`${input}: no such file or folder`, 'input_missing', { file: path.basename(input) });
      if (st.isDirectory()) {
        const names = (await fs.readdir(input, { recursive: true })).map(String).sort();
        for (const name of names) {
          const file = path.join(input, name);
          if (name.toLowerCase().endsWith('.zip')) sources.push(...(await zipSources(file, zips)));
          else {
            const kind = jusoFileKind(name);
            if (kind) sources.push({ label: name, kind, open: async () => createReadStream(file) });
          }
        }
      } else if (input.toLowerCase().endsWith('.zip')) {
        sources.push(...(await zipSources(input, zips)));
      } else {
        const kind = jusoFileKind(input);
        if (!kind) throw unrecognised(path.basename(input));
        sources.push({ label: path.basename(input), kind, open: async () => createReadStream(input) });
      }
    }
  } catch (e) {
    close();
    throw e;
  }
  return { sources, close };
}

/**
 * Which family a set of sources is, once it is whole: one family, with the files it cannot be
 * read without (한글: rnaddrkor_; 주소DB: 주소_, 지번_ and, for a full set, the road-name code file).
 */
export function familyOf(sources: readonly JusoSource[], inputs: readonly string[], update: boolean): JusoFamily {
  if (!sources.length) throw unrecognised(inputs.map((i) => path.basename(i)).join(', '));
  const families = new Set(sources.map((s) => FAMILY_OF[s.kind]));
  if (families.size > 1) {
    const hangul = sources.find((s) => FAMILY_OF[s.kind] === 'hangul')!;
    const other = sources.find((s) => FAMILY_OF[s.kind] === 'addressDb')!;
    throw new JusoInputError(
      `${hangul.label} and ${other.label}: two layouts (도로명주소 한글 and 주소DB) in one import; give one of them`,
      'juso_mixed_families',
      { file: hangul.label, other: other.label },
    );
  }
  const family = [...families][0]!;
  const has = (k: JusoFileKind) => sources.some((s) => s.kind === k);
  // an update may change addresses alone: their road names are then the index's
  const needed: [JusoFileKind, string][] =
    family === 'hangul'
      ? [['road', 'rnaddrkor_<시도>.txt']]
      : [
          ['address', '주소_<시도>.txt'],
          ['lots', '지번_<시도>.txt'],
          ...(update ? [] : [['roadCode', '개선_도로명코드_전체분.txt'] as [JusoFileKind, string]]),
        ];
  const missing = needed.filter(([k]) => !has(k)).map(([, name]) => name);
  if (missing.length)
    throw new JusoInputError(
      `${sources[0]!.label}: the ${family === 'hangul' ? '도로명주소 한글' : '주소DB'} set lacks ${missing.join(', ')}`,
      'juso_incomplete',
      { file: sources[0]!.label, missing: missing.join(', ') },
    );
  return family;
}

function unrecognised(file: string): JusoInputError {
  return new JusoInputError(
    `${file}: not a 도로명주소 DB file (도로명주소 한글: rnaddrkor_<시도>.txt, jibun_rnaddrkor_<시도>.txt; 주소DB: 주소_<시도>.txt, 지번_<시도>.txt, 개선_도로명코드_전체분.txt)`,
    'juso_unrecognised',
    { file },
  );
}

async function zipSources(zipPath: string, open: ZipArchive[]): Promise<JusoSource[]> {
  // read in place through the one zip reader: its bomb limits, and names a Korean Windows tool stored in cp949
  const zip = await ZipArchive.open(zipPath, new ZipBudget(IMPORT_ZIP_LIMITS)).catch((e: unknown) => {
    throw e instanceof ZipError ? new JusoInputError(e.message, e.code, { file: path.basename(zipPath) }, { cause: e }) : e;
  });
  open.push(zip);
  return zip.entries.flatMap((entry): JusoSource[] => {
    const kind = jusoFileKind(entry.name);
    return kind ? [{ label: `${path.basename(zipPath)}:${entry.name}`, kind, open: () => zip.read(entry) }] : [];
  });
}
