import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import type { TextEncoding } from '../../shared/api/contract';
import type { CatalogColumn } from '../../shared/dsl/catalog';
import { literalSql, quoteIdent } from '../../shared/dsl/sqlgen';
import type { Engine } from '../engine/engine';
import { detectEncoding } from '../store/shapefile/textEncoding';
import { delimiterOf, DelimitedTextError, headerNames, parseDelimited } from './delimitedText';
import { typeModelParquet } from './modelTable';

const SAMPLE = 1 << 20;

/**
 * A CSV/TSV file → the model's typed Parquet, streamed: DuckDB's CSV reader parses it (all columns
 * as text), JavaScript only reads the header and, for cp949, re-encodes the bytes to UTF-8 chunk by
 * chunk. A million-row file never sits in memory. Errors say the file's line.
 */
export async function csvToModelParquet(
  engine: Engine,
  file: string,
  fileName: string,
  encoding: TextEncoding | undefined,
  out: string,
  tmpDir: string,
  signal?: AbortSignal,
): Promise<{ columns: CatalogColumn[]; encoding: TextEncoding }> {
  const staged = path.join(tmpDir, `${randomUUID()}.parquet`);
  try {
    const { header, encoding: enc } = await csvToTextParquet(engine, file, fileName, encoding, staged, tmpDir, signal);
    return { columns: await typeModelParquet(engine, staged, header, out, false, signal), encoding: enc };
  } finally {
    await fs.rm(staged, { force: true });
  }
}

/**
 * A CSV/TSV file → Parquet with every column as text, as written (blank cells NULL), in the
 * file's row order. The one way Pilji reads delimited text: models in the app, `pilji match` and
 * `--model` on the command line. `file` must be where the engine may read (the workspace).
 */
export async function csvToTextParquet(
  engine: Engine,
  file: string,
  fileName: string,
  encoding: TextEncoding | undefined,
  out: string,
  tmpDir: string,
  signal?: AbortSignal,
): Promise<{ header: string[]; encoding: TextEncoding }> {
  const handle = await fs.open(file, 'r');
  const sample = Buffer.alloc(SAMPLE);
  const { bytesRead } = await handle.read(sample, 0, SAMPLE, 0).finally(() => handle.close());
  const head = sample.subarray(0, bytesRead);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const enc =
    encoding ??
    (bom
      ? 'utf-8'
      : detectEncoding([head.subarray(bom ? 3 : 0)], fileName, 'choose the encoding explicitly') === 'utf-8'
        ? 'utf-8'
        : 'cp949');
  const text = new TextDecoder(enc === 'cp949' ? 'euc-kr' : 'utf-8').decode(head.subarray(bom ? 3 : 0), { stream: true });
  const delimiter = delimiterOf(text);
  const header = headerNames(parseDelimited(text.slice(0, text.search(/\r?\n|$/)), delimiter, fileName)[0], fileName);
  const blank = header.indexOf('');
  if (blank >= 0) throw new DelimitedTextError(`${fileName}: column ${blank + 1} of the header has no name`);

  await fs.mkdir(tmpDir, { recursive: true });
  const utf8 = enc === 'cp949' || bom ? path.join(tmpDir, `${randomUUID()}.csv`) : file;
  try {
    if (utf8 !== file) await toUtf8(file, utf8, enc, bom, fileName, signal);
    const columns = `{${header.map((h) => `${literalSql(h)}: 'VARCHAR'`).join(', ')}}`;
    const read = `read_csv(${literalSql(utf8)}, header = true, auto_detect = false, delim = ${literalSql(delimiter)}, quote = '"', escape = '"', columns = ${columns}, strict_mode = true)`;
    try {
      await engine.exec(`COPY (SELECT ${header.map(quoteIdent).join(', ')} FROM ${read}) TO ${literalSql(out)} (FORMAT parquet)`, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new DelimitedTextError(`${fileName}: ${csvErrorText(e, header.length)}`);
    }
    return { header, encoding: enc };
  } finally {
    if (utf8 !== file) await fs.rm(utf8, { force: true });
  }
}

/** Re-encodes to UTF-8 without a BOM; bytes invalid in the encoding stop it with their offset. */
async function toUtf8(from: string, to: string, enc: TextEncoding, bom: boolean, fileName: string, signal?: AbortSignal): Promise<void> {
  const decoder = new TextDecoder(enc === 'cp949' ? 'euc-kr' : 'utf-8', { fatal: true });
  const sink = createWriteStream(to);
  let offset = 0;
  try {
    for await (const chunk of createReadStream(from, { start: bom ? 3 : 0 })) {
      signal?.throwIfAborted();
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        throw new DelimitedTextError(
          `${fileName}: the text is not valid ${enc === 'cp949' ? 'cp949' : 'UTF-8'} (near byte ${offset.toLocaleString()}); choose the encoding explicitly`,
        );
      }
      offset += (chunk as Buffer).length;
      if (!sink.write(text)) await new Promise<void>((r) => sink.once('drain', () => r()));
    }
    sink.write(decoder.decode());
  } finally {
    await new Promise<void>((r) => sink.end(() => r()));
  }
}

/** DuckDB's CSV errors, said the way the rest of Pilji says them. */
function csvErrorText(e: unknown, headerFields: number): string {
  const message = e instanceof Error ? e.message : String(e);
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const found = /Expected Number of Columns: \d+ Found: (\d+)/.exec(message)?.[1];
  if (line && found) return `line ${line} has ${found} fields, the header has ${headerFields}`;
  if (/unicode|UTF-?8/i.test(message)) return `the text is not valid UTF-8${line ? ` (line ${line})` : ''}; choose the encoding explicitly`;
  if (/unterminated quote|quote/i.test(message) && line) return `a quoted field on line ${line} never closes`;
  return message.split('\n')[0]!.replace(/^Invalid Input Error: /, '');
}
