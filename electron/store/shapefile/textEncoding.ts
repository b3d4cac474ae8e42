import { TextDecoder } from 'node:util';
/**
 * DBF text encodings. Korean files are cp949 (WHATWG 'euc-kr' is cp949/UHC) or UTF-8. We decode
 * with fatal decoders: a byte sequence that is not valid in the chosen encoding is an error for
 * that record, never silent mojibake.
 */
export type DbfEncoding = 'utf-8' | 'euc-kr';

export function encodingFromCpg(cpg: string): DbfEncoding | null {
  const v = cpg
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (['utf8', '65001'].includes(v)) return 'utf-8';
  if (['cp949', '949', 'euckr', 'ksc56011987', 'uhc', 'ms949', 'windows949', 'ansi949'].includes(v)) return 'euc-kr';
  return null;
}

export function fatalDecoder(encoding: DbfEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: true });
}

/**
 * Detects from sample text bytes of `file` (named with `advice` in the error when neither fits): valid UTF-8 with non-ASCII → UTF-8; else valid cp949 → cp949.
 * All-ASCII samples say nothing; cp949 is then assumed (the Korean default) and decoding stays
 * fatal, so a later non-cp949 byte still surfaces as an error.
 */
export function detectEncoding(samples: Uint8Array[], file: string, advice: string): DbfEncoding {
  const nonAscii = samples.filter((s) => s.some((b) => b > 0x7f));
  if (nonAscii.length === 0) return 'euc-kr';
  if (nonAscii.every((s) => tryDecode(fatalDecoder('utf-8'), s))) return 'utf-8';
  if (nonAscii.every((s) => tryDecode(fatalDecoder('euc-kr'), s))) return 'euc-kr';
  throw new TextEncodingError(`${file}: the text is neither UTF-8 nor cp949 (EUC-KR); ${advice}`);
}

export class TextEncodingError extends Error {}

/** Streaming mode: a sample cut inside a character (the first MiB of a file) is not a failure. */
function tryDecode(d: TextDecoder, bytes: Uint8Array): boolean {
  try {
    d.decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
