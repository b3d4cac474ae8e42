import { closeSync, openSync, readSync } from 'node:fs';
import { ChunkReader } from './chunkReader';
import { FieldDecoder } from './fieldDecoder';
import { detectEncoding, fatalDecoder, type DbfEncoding } from './textEncoding';

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
  /** byte offset inside a record (after the deletion flag) */
  offset: number;
}

/** One record; the reader reuses it, so it is valid until the next call. */
export interface DbfRecord {
  /** 1-based, as GIS tools number records */
  readonly number: number;
  readonly deleted: boolean;
  /** decoded, trimmed text of a field; null when blank */
  text(field: number): string | null;
}

class DbfRow implements DbfRecord {
  number = 0;
  /** the reader's buffer, and where this record starts in it */
  bytes: Buffer = Buffer.alloc(0);
  base = 0;

  constructor(
    private readonly fields: DbfField[],
    private readonly decoder: FieldDecoder,
  ) {}

  get deleted(): boolean {
    return this.bytes[this.base] === 0x2a;
  }

  text(i: number): string | null {
    const { bytes } = this;
    const f = this.fields[i]!;
    let s = this.base + 1 + f.offset;
    let e = s + f.length;
    while (s < e && (bytes[s] === 0x20 || bytes[s] === 0)) s++;
    while (e > s && (bytes[e - 1] === 0x20 || bytes[e - 1] === 0)) e--;
    if (s === e) return null;
    try {
      return this.decoder.decode(bytes, s, e);
    } catch {
      throw new DbfError(
        `record ${this.number}, field ${f.name}: bytes are not valid ${this.decoder.encoding === 'utf-8' ? 'UTF-8' : 'cp949'}`,
      );
    }
  }
}

export class DbfError extends Error {}

/** Streaming dBASE III reader with fatal text decoding (see textEncoding.ts). */
export class DbfReader {
  private constructor(
    private readonly reader: ChunkReader,
    readonly fields: DbfField[],
    readonly recordCount: number,
    private readonly recordLength: number,
    readonly encoding: DbfEncoding,
  ) {
    this.row = new DbfRow(fields, new FieldDecoder(encoding));
  }

  private readonly row: DbfRow;

  private index = 0;
  private end = 0;

  /** `firstRecord`/`endRecord` (0-based, end exclusive) read a range; the default is all records. */
  static async open(path: string, encoding: DbfEncoding | null, firstRecord = 0, endRecord?: number): Promise<DbfReader> {
    const h = readDbfHeader(path, encoding);
    const reader = await ChunkReader.open(path);
    await reader.skip(h.headerLength + firstRecord * h.recordLength);
    const dbf = new DbfReader(reader, h.fields, h.recordCount, h.recordLength, h.encoding);
    dbf.index = firstRecord;
    dbf.end = Math.min(endRecord ?? h.recordCount, h.recordCount);
    return dbf;
  }

  fieldIndex(name: string): number {
    return this.fields.findIndex((f) => f.name.toUpperCase() === name.toUpperCase());
  }

  /** The next record, valid until the next call; null at the end. */
  async next(): Promise<DbfRecord | null> {
    const buffered = this.nextBuffered();
    if (buffered || this.index >= this.end) return buffered;
    const bytes = await this.reader.take(this.recordLength);
    if (!bytes) throw new DbfError(`${this.reader.path}: file ends at record ${this.index + 1} of ${this.recordCount}`);
    return this.load(bytes, 0);
  }

  /** The next record when its bytes are already read (no await on the hot path), else null. */
  nextBuffered(): DbfRecord | null {
    if (this.index >= this.end) return null;
    const at = this.reader.takeOffset(this.recordLength);
    return at < 0 ? null : this.load(this.reader.bytes, at);
  }

  private load(bytes: Buffer, base: number): DbfRecord {
    this.index++;
    this.row.number = this.index;
    this.row.bytes = bytes;
    this.row.base = base;
    return this.row;
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}

export interface DbfHeader {
  fields: DbfField[];
  recordCount: number;
  headerLength: number;
  recordLength: number;
  encoding: DbfEncoding;
  /** the encoding `encoding` claimed (a .cpg) when the bytes contradicted it and the other one was used */
  contradicted: DbfEncoding | null;
}

/**
 * A DBF's header: its fields, record count and text encoding, detected from up to 1,000 records'
 * bytes. `encoding` (from a .cpg) decides when the sample has no Korean text; when the text
 * contradicts it — V-World's downloads carry a .cpg saying UTF-8 beside cp949 bytes — the
 * encoding the bytes decode in strictly wins and `contradicted` says so. Records past the sample
 * are still decoded strictly: a stray byte fails its record, never turns into mojibake.
 * Synchronous: a few small reads, cheaper than their promises when an import plans hundreds of files.
 */
export function readDbfHeader(path: string, encoding: DbfEncoding | null): DbfHeader {
  const head = Buffer.alloc(32);
  const fd = openSync(path, 'r');
  let headerLength: number;
  let recordLength: number;
  let recordCount: number;
  let fieldBytes: Buffer;
  const samples: Uint8Array[] = [];
  try {
    if (readSync(fd, head, 0, 32, 0) < 32) throw new DbfError(`${path}: not a DBF file (too short)`);
    recordCount = head.readUInt32LE(4);
    headerLength = head.readUInt16LE(8);
    recordLength = head.readUInt16LE(10);
    if (headerLength < 33 || recordLength < 1) throw new DbfError(`${path}: not a DBF file (header length ${headerLength})`);
    fieldBytes = Buffer.alloc(headerLength - 32);
    readSync(fd, fieldBytes, 0, fieldBytes.length, 32);
    // Sample up to 1,000 records' bytes (field names included) to detect the text encoding.
    const n = Math.min(recordCount, 1000);
    const sample = Buffer.alloc(n * recordLength);
    readSync(fd, sample, 0, sample.length, headerLength);
    samples.push(fieldBytes);
    for (let i = 0; i < n; i++) samples.push(sample.subarray(i * recordLength + 1, (i + 1) * recordLength));
  } finally {
    closeSync(fd);
  }
  const hasText = samples.some((s) => s.some((b) => b > 0x7f));
  const detected =
    encoding && !hasText
      ? encoding
      : detectEncoding(
          samples,
          path,
          encoding ? `its .cpg says ${encoding === 'utf-8' ? 'UTF-8' : 'cp949'}` : 'add a .cpg file naming its encoding',
        );
  const decoder = fatalDecoder(detected);
  const fields: DbfField[] = [];
  let offset = 0;
  for (let p = 0; p + 32 <= fieldBytes.length && fieldBytes[p] !== 0x0d; p += 32) {
    const raw = fieldBytes.subarray(p, p + 11);
    const end = raw.indexOf(0);
    const name = decoder.decode(raw.subarray(0, end < 0 ? 11 : end)).trim();
    const f: DbfField = {
      name,
      type: String.fromCharCode(fieldBytes[p + 11]!),
      length: fieldBytes[p + 16]!,
      decimals: fieldBytes[p + 17]!,
      offset,
    };
    fields.push(f);
    offset += f.length;
  }
  if (offset + 1 !== recordLength)
    throw new DbfError(`${path}: field widths (${offset + 1}) do not add up to the record length (${recordLength})`);
  return {
    fields,
    recordCount,
    headerLength,
    recordLength,
    encoding: detected,
    contradicted: encoding && encoding !== detected ? encoding : null,
  };
}
