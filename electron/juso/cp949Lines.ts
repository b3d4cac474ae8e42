import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';

/**
 * The 도로명주소 files' text (cp949, or UTF-8 with a BOM; pipe-separated, CRLF) rewritten as UTF-8
 * lines that DuckDB reads in parallel, each prefixed with `<file>|<line>|` so that an error found
 * later in SQL still names its file and line. The column count is checked here, as the bytes go
 * by. cp949 is decoded by a table made once from the platform's decoder: a byte loop is several
 * times faster than decoding to JS strings and splitting them, and holds no line in memory.
 */
export class LineCountError extends Error {
  constructor(
    readonly line: number,
    readonly columns: number,
  ) {
    super(`${line}: ${columns} columns`);
  }
}
export class EncodingError extends Error {
  constructor(readonly line: number) {
    super(`${line}: not cp949`);
  }
}

let table: Uint16Array | null = null;

/** cp949 double-byte sequence (lead << 8 | trail) → its BMP code point, 0 where there is none. */
function cp949Table(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(65536);
  // Every pair, each followed by a newline, decoded in one call: an invalid pair decodes to U+FFFD
  // (and its trail byte, when ASCII), never to one other character. iconv-lite, not the platform's
  // TextDecoder('euc-kr'), which here lacks cp949's extra syllables (똠, 뷁).
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x41; trail <= 0xfe; trail++) bytes.push(lead, trail, LF);
  const decoded = iconv.decode(Buffer.from(bytes), 'cp949').split('\n');
  for (let k = 0; k < bytes.length / 3; k++) {
    const s = decoded[k]!;
    if (s.length === 1 && s !== '\ufffd') t[(bytes[3 * k]! << 8) | bytes[3 * k + 1]!] = s.charCodeAt(0);
  }
  table = t;
  return t;
}

const PIPE = 0x7c;
const LF = 0x0a;
const CR = 0x0d;

/** Where the copy of one file stands between two chunks. */
interface State {
  file: string;
  columns: number;
  utf8: boolean;
  line: number;
  written: number;
  pipes: number;
  lineStart: boolean;
  /** a cp949 lead byte whose trail is in the next chunk, else 0 */
  lead: number;
}

/**
 * Copies `input` to `out` as described above; `file` is the number written before each line.
 * Returns the number of lines written (empty lines are skipped).
 */
export async function writeNumberedLines(input: Readable, out: WriteStream, file: number, columns: number): Promise<number> {
  let state: State | null = null;
  const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let from = 0;
    if (!state) {
      const utf8 = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      state = { file: `${file}|`, columns, utf8, line: 0, written: 0, pipes: 0, lineStart: true, lead: 0 };
      if (utf8) from = 3;
    }
    if (state.utf8) {
      // a UTF-8 file is copied as it is: DuckDB would refuse a bad byte without naming the line
      try {
        utf8Decoder.decode(chunk.subarray(from), { stream: true });
      } catch {
        throw new EncodingError(state.line + 1);
      }
    }
    // out: at most 3 bytes per byte in, and a prefix of under 32 bytes per line (a line is longer than its prefix, but for one refused)
    const buf = Buffer.allocUnsafe(chunk.length * 4 + 64);
    const n = transcode(chunk, from, buf, state);
    if (n && !out.write(buf.subarray(0, n))) await once(out, 'drain');
  }
  if (!state) return 0;
  if (state.lead) throw new EncodingError(state.line + 1);
  if (!state.lineStart) {
    const buf = Buffer.allocUnsafe(1);
    transcode(Buffer.from([LF]), 0, buf, state);
    if (!out.write(buf)) await once(out, 'drain');
  }
  return state.written;
}

/** One chunk into `buf`; returns the bytes written. Sync, so that V8 optimises the loop. */
function transcode(chunk: Buffer, from: number, buf: Buffer, state: State): number {
  const map = cp949Table();
  const { utf8, columns } = state;
  let { line, pipes, lineStart, lead, written } = state;
  let n = 0;
  for (let i = from; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (lead) {
      const cp = map[(lead << 8) | b]!;
      lead = 0;
      if (!cp) throw new EncodingError(line + 1);
      if (cp < 0x800) {
        buf[n++] = 0xc0 | (cp >> 6);
        buf[n++] = 0x80 | (cp & 0x3f);
      } else {
        buf[n++] = 0xe0 | (cp >> 12);
        buf[n++] = 0x80 | ((cp >> 6) & 0x3f);
        buf[n++] = 0x80 | (cp & 0x3f);
      }
      continue;
    }
    if (b === LF) {
      line++;
      if (!lineStart) {
        if (pipes + 1 !== columns) throw new LineCountError(line, pipes + 1);
        buf[n++] = LF;
        written++;
      }
      lineStart = true;
      pipes = 0;
      continue;
    }
    if (b === CR) continue;
    if (lineStart) {
      n += buf.write(state.file, n, 'latin1');
      n = writeDigits(buf, n, line + 1);
      buf[n++] = PIPE;
      lineStart = false;
    }
    if (b === PIPE) pipes++;
    if (b < 0x80 || utf8) buf[n++] = b;
    else if (b >= 0x81 && b <= 0xfe) lead = b;
    else throw new EncodingError(line + 1);
  }
  Object.assign(state, { line, pipes, lineStart, lead, written });
  return n;
}

/** Writes `v` (a positive integer) in decimal at `at`; returns the position after it. */
function writeDigits(buf: Buffer, at: number, v: number): number {
  let end = at;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) end++;
  for (let k = end, x = v; k >= at; k--, x = Math.floor(x / 10)) buf[k] = 0x30 + (x % 10);
  return end + 1;
}
