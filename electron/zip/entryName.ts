import { TextDecoder } from 'node:util';
import yauzl from 'yauzl';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp949 = new TextDecoder('euc-kr', { fatal: true }); // WHATWG euc-kr is cp949 (UHC)

/**
 * A ZIP entry's name as its writer meant it. The UTF-8 flag (bit 11) or an Info-ZIP Unicode Path
 * field say UTF-8; without them the ZIP spec says CP437, but Korean Windows tools (Explorer,
 * 알집, 반디집) write the system code page, cp949 — decoded as CP437 that is mojibake
 * (`╕≡╖╧`). Bytes valid as UTF-8 are UTF-8 (Linux and macOS tools that omit the flag), else
 * valid cp949 is cp949; only a name that is neither falls back to CP437.
 */
export function decodeEntryName(flags: number, raw: Buffer, extraFields: { id: number; data: Buffer }[]): string {
  let name: string;
  if ((flags & 0x800) !== 0 || extraFields.some((f) => f.id === 0x7075) || raw.every((b) => b < 0x80)) {
    name = yauzl.getFileNameLowLevel(flags, raw, extraFields, false);
  } else {
    name = tryDecode(utf8, raw) ?? tryDecode(cp949, raw) ?? yauzl.getFileNameLowLevel(flags, raw, extraFields, false);
  }
  return name.replace(/\\/g, '/');
}

function tryDecode(d: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return d.decode(bytes);
  } catch {
    return null;
  }
}
