import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { ImportFailureReason } from '../../shared/api/importFailure';
import { decodeEntryName } from './entryName';

/**
 * How far a ZIP may expand. A ZIP's central directory says each entry's sizes before anything is
 * inflated, and yauzl (validateEntrySizes) fails a stream that inflates past its declared size,
 * so checking the directory bounds what reaches memory or disk: a bomb is refused before a byte
 * of it is written.
 */
export interface ZipLimits {
  /** uncompressed bytes of all entries together (shared by the nested ZIPs of one budget) */
  maxTotalBytes: number;
  /** uncompressed ÷ compressed size of one entry; real shapefiles and sheets stay far below */
  maxRatio: number;
  maxEntries: number;
}

/** Entries smaller than this are never refused for their ratio: a tiny file of spaces may well reach 1000:1. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

const GiB = 1024 ** 3;

/** 연속지적도 downloads: a whole country is about 25 GB unpacked; deflate reaches ~1000:1 only on filler. */
export const IMPORT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 64 * GiB, maxRatio: 200, maxEntries: 100_000 };
/** An analyst's own file (a zipped shapefile, an XLSX workbook). */
export const MODEL_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 4 * GiB, maxRatio: 200, maxEntries: 10_000 };

/** One list with the import's other causes, so the UI has words for each. */
export type ZipErrorCode = Extract<ImportFailureReason, `zip_${string}`>;

export class ZipError extends Error {
  constructor(
    message: string,
    readonly code: ZipErrorCode,
  ) {
    super(message);
  }
}

/** What is left of a byte allowance, shared by every ZIP one import or registration opens (nested ones too). */
export class ZipBudget {
  private used = 0;
  constructor(readonly limits: ZipLimits) {}

  /** Takes an archive's declared total, or says why it does not fit. */
  take(file: string, bytes: number): void {
    if (this.used + bytes > this.limits.maxTotalBytes) {
      const already = this.used ? ` (with ${formatBytes(this.used)} already unpacked)` : '';
      throw new ZipError(
        `${file}: unpacks to ${formatBytes(bytes)}${already}, more than the limit of ${formatBytes(this.limits.maxTotalBytes)}; refused as a possible decompression bomb`,
        'zip_too_large',
      );
    }
    this.used += bytes;
  }
}

export interface ZipEntry {
  /** decoded (UTF-8 flag, Info-ZIP Unicode field, else UTF-8 or cp949 by its bytes), '/'-separated */
  name: string;
  size: number;
  compressedSize: number;
  directory: boolean;
  raw: yauzl.Entry;
}

/** A ZIP opened for reading with its entry list checked against the limits. Close it when done. */
export class ZipArchive {
  private constructor(
    readonly file: string,
    readonly entries: ZipEntry[],
    private readonly zip: yauzl.ZipFile,
  ) {}

  static async open(file: string, budget: ZipBudget, label = file): Promise<ZipArchive> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (e, z) =>
        e ? reject(new ZipError(`${label}: not a readable zip (${e.message})`, 'zip_unreadable')) : resolve(z!),
      ),
    );
    try {
      const { limits } = budget;
      if (zip.entryCount > limits.maxEntries)
        throw new ZipError(
          `${label}: holds ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`,
          'zip_too_many_entries',
        );
      const entries = await listEntries(zip, label);
      for (const e of entries) {
        if (e.size >= RATIO_FLOOR_BYTES && e.size > limits.maxRatio * e.compressedSize) {
          const ratio = e.compressedSize ? `${Math.round(e.size / e.compressedSize)}:1` : 'from nothing';
          throw new ZipError(
            `${label}: entry '${e.name}' expands ${ratio} (${formatBytes(e.compressedSize)} to ${formatBytes(e.size)}), more than the limit of ${limits.maxRatio}:1; refused as a possible decompression bomb`,
            'zip_ratio',
          );
        }
      }
      budget.take(
        label,
        entries.reduce((n, e) => n + e.size, 0),
      );
      return new ZipArchive(file, entries, zip);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The entry's inflated bytes; yauzl fails the stream if they exceed the declared size. */
  read(entry: ZipEntry): Promise<Readable> {
    return new Promise((resolve, reject) =>
      this.zip.openReadStream(entry.raw, (e, s) =>
        e || !s
          ? reject(new ZipError(`${this.file}: cannot read '${entry.name}' (${e?.message ?? 'no stream'})`, 'zip_unreadable'))
          : resolve(s),
      ),
    );
  }

  /** Writes every file entry under `dest`; returns the files written. */
  async extractAll(dest: string): Promise<string[]> {
    const root = path.resolve(dest);
    await fs.mkdir(root, { recursive: true });
    const written: string[] = [];
    for (const e of this.entries) {
      if (e.directory) continue;
      const target = path.resolve(root, e.name);
      if (!target.startsWith(root + path.sep))
        throw new ZipError(`${this.file}: entry '${e.name}' points outside the zip`, 'zip_unsafe_path');
      await fs.mkdir(path.dirname(target), { recursive: true });
      await pipeline(await this.read(e), createWriteStream(target));
      written.push(target);
    }
    return written;
  }

  close(): void {
    this.zip.close();
  }
}

function listEntries(zip: yauzl.ZipFile, label: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  return new Promise((resolve, reject) => {
    zip.on('error', (e: Error) => reject(new ZipError(`${label}: not a readable zip (${e.message})`, 'zip_unreadable')));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (raw: yauzl.Entry) => {
      const name = decodeEntryName(raw.generalPurposeBitFlag, raw.fileName as unknown as Buffer, raw.extraFields);
      if (/^[a-zA-Z]:/.test(name) || name.startsWith('/') || name.split('/').includes('..')) {
        return reject(new ZipError(`${label}: entry '${name}' points outside the zip`, 'zip_unsafe_path'));
      }
      // yauzl cannot decrypt: say so before extracting anything rather than fail on the entry
      if (raw.isEncrypted())
        return reject(
          new ZipError(`${label}: entry '${name}' is encrypted (password-protected); unzip it with its password first`, 'zip_encrypted'),
        );
      entries.push({ name, size: raw.uncompressedSize, compressedSize: raw.compressedSize, directory: name.endsWith('/'), raw });
      zip.readEntry();
    });
    zip.readEntry();
  });
}

export function formatBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
