import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/**
 * A read-only reader of SQLite database files, enough to look rows up by rowid or through an
 * index (an MBTiles basemap's tiles) without loading the file: pages are read on demand and a
 * few hundred are cached. Its format is public and stable (sqlite.org/fileformat2.html); Node 20
 * has no SQLite. A WebAssembly SQLite need not hold the file in memory (node-sqlite3-wasm 0.8
 * reads through the file system), but it was not faster: 3,000 random tiles of a 285 MB MBTiles,
 * one reader per process on a loaded 2-core machine, took 2.8–5.1 ms a tile here and 6.3–8.0 ms
 * there, the process growing 24–28 MB and 17–44 MB. It would add what this reader does not
 * read: uncheckpointed WAL files, any view, tiles tables without an index.
 */
export type SqlValue = null | number | bigint | string | Uint8Array;

export class SqliteFormatError extends Error {}

export interface SchemaEntry {
  type: string;
  name: string;
  tableName: string;
  rootPage: number;
  sql: string | null;
}

const TABLE_LEAF = 0x0d;
const TABLE_INTERIOR = 0x05;
const INDEX_LEAF = 0x0a;
const INDEX_INTERIOR = 0x02;
const CACHED_PAGES = 512;
const MAX_DEPTH = 40;

export class SqliteFile {
  private readonly cache = new Map<number, Buffer>();
  private readonly usable: number;

  private constructor(
    private readonly fd: number,
    readonly path: string,
    private readonly pageSize: number,
    reserved: number,
    private readonly pageCount: number,
  ) {
    this.usable = pageSize - reserved;
  }

  static open(path: string): SqliteFile {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(100);
      if (readSync(fd, head, 0, 100, 0) < 100 || head.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
        throw new SqliteFormatError(`${path}: not a SQLite database`);
      }
      const raw = head.readUInt16BE(16);
      const pageSize = raw === 1 ? 65536 : raw;
      if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) throw new SqliteFormatError(`${path}: page size ${raw} is not valid`);
      if (head.readUInt32BE(56) > 1) throw new SqliteFormatError(`${path}: text is stored as UTF-16; only UTF-8 databases are read`);
      // WAL mode: committed pages may still sit in the -wal file beside it, which this does not read
      if (head[18] === 2 && (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) {
        throw new SqliteFormatError(
          `${path}: recent changes are still in ${path}-wal; open the file once in QGIS or sqlite3 (which folds them in), then choose it again`,
        );
      }
      const pageCount = Math.floor(fstatSync(fd).size / pageSize);
      return new SqliteFile(fd, path, pageSize, head[20]!, pageCount);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  close(): void {
    closeSync(this.fd);
    this.cache.clear();
  }

  /** The rows of sqlite_master: tables, indexes and views with their CREATE statements. */
  schema(): SchemaEntry[] {
    const out: SchemaEntry[] = [];
    this.scanTable(1, (_rowid, r) => {
      out.push({
        type: String(r[0]),
        name: String(r[1]),
        tableName: String(r[2]),
        rootPage: Number(r[3] ?? 0),
        sql: typeof r[4] === 'string' ? r[4] : null,
      });
    });
    return out;
  }

  /** Every row of a (small) table, in rowid order. */
  scanTable(rootPage: number, visit: (rowid: bigint, record: SqlValue[]) => void): void {
    const walk = (page: number, depth: number) => {
      const p = this.btreePage(page, depth);
      if (p.type === TABLE_LEAF) {
        for (let i = 0; i < p.cells; i++) {
          const cell = this.tableLeafCell(p, i);
          visit(cell.rowid, cell.record());
        }
        return;
      }
      if (p.type !== TABLE_INTERIOR) throw this.corrupt(page, 'a table page was expected');
      for (let i = 0; i < p.cells; i++) walk(p.data.readUInt32BE(p.cellOffset(i)), depth + 1);
      walk(p.rightmost, depth + 1);
    };
    walk(rootPage, 0);
  }

  /** The record of the row with this rowid, or null. */
  row(rootPage: number, rowid: bigint): SqlValue[] | null {
    let page = rootPage;
    for (let depth = 0; ; depth++) {
      const p = this.btreePage(page, depth);
      if (p.type === TABLE_LEAF) {
        for (let i = 0; i < p.cells; i++) {
          const cell = this.tableLeafCell(p, i);
          if (cell.rowid === rowid) return cell.record();
        }
        return null;
      }
      if (p.type !== TABLE_INTERIOR) throw this.corrupt(page, 'a table page was expected');
      // the first cell whose key is ≥ rowid holds it in its left child; past all of them, the rightmost
      let next = p.rightmost;
      for (let i = 0; i < p.cells; i++) {
        const at = p.cellOffset(i);
        if (readVarint(p.data, at + 4).value >= rowid) {
          next = p.data.readUInt32BE(at);
          break;
        }
      }
      page = next;
    }
  }

  /**
   * The first index entry whose leading columns equal `key` (SQLite's ordering: numbers, then
   * text, then blobs; text by bytes), as the whole entry: the indexed columns, then the rowid.
   */
  seek(rootPage: number, key: SqlValue[]): SqlValue[] | null {
    let page = rootPage;
    for (let depth = 0; ; depth++) {
      const p = this.btreePage(page, depth);
      const leaf = p.type === INDEX_LEAF;
      if (!leaf && p.type !== INDEX_INTERIOR) throw this.corrupt(page, 'an index page was expected');
      let next = p.rightmost;
      for (let i = 0; i < p.cells; i++) {
        const at = p.cellOffset(i);
        const entry = this.payload(p.data, leaf ? at : at + 4, INDEX_LEAF).record();
        const c = compareKey(key, entry);
        if (c === 0) return entry;
        if (c < 0) {
          if (leaf) return null;
          next = p.data.readUInt32BE(at);
          break;
        }
      }
      if (leaf) return null;
      page = next;
    }
  }

  /** The first or last entry of an index, in its order. */
  edgeEntry(rootPage: number, edge: 'first' | 'last'): SqlValue[] | null {
    let page = rootPage;
    for (let depth = 0; ; depth++) {
      const p = this.btreePage(page, depth);
      if (p.type === INDEX_LEAF) {
        if (p.cells === 0) return null;
        return this.payload(p.data, p.cellOffset(edge === 'first' ? 0 : p.cells - 1), INDEX_LEAF).record();
      }
      if (p.type !== INDEX_INTERIOR) throw this.corrupt(page, 'an index page was expected');
      page = edge === 'first' && p.cells > 0 ? p.data.readUInt32BE(p.cellOffset(0)) : p.rightmost;
    }
  }

  private tableLeafCell(p: BtreePage, i: number): { rowid: bigint; record: () => SqlValue[] } {
    const at = p.cellOffset(i);
    const size = readVarint(p.data, at);
    const rowid = readVarint(p.data, at + size.length);
    const payload = this.payload(p.data, at, TABLE_LEAF, size.length + rowid.length);
    return { rowid: rowid.value, record: payload.record };
  }

  /**
   * A cell's payload (the record), gathering overflow pages when it does not fit the page. `at`
   * points at the payload-size varint; `skip` is how far the payload starts after it (the rowid
   * of a table cell).
   */
  private payload(data: Buffer, at: number, kind: number, skip?: number): { record: () => SqlValue[] } {
    const size = readVarint(data, at);
    const total = Number(size.value);
    const start = at + (skip ?? size.length);
    const u = this.usable;
    const maxLocal = kind === TABLE_LEAF ? u - 35 : Math.floor(((u - 12) * 64) / 255) - 23;
    const minLocal = Math.floor(((u - 12) * 32) / 255) - 23;
    let local = total;
    if (total > maxLocal) {
      const k = minLocal + ((total - minLocal) % (u - 4));
      local = k <= maxLocal ? k : minLocal;
    }
    return {
      record: () => {
        if (local === total) return decodeRecord(data.subarray(start, start + total));
        const bytes = Buffer.alloc(total);
        data.copy(bytes, 0, start, start + local);
        let filled = local;
        let next = data.readUInt32BE(start + local);
        for (let hops = 0; filled < total; hops++) {
          if (next === 0 || hops > this.pageCount) throw this.corrupt(next, 'an overflow chain ends early');
          const page = this.page(next);
          const n = Math.min(u - 4, total - filled);
          page.copy(bytes, filled, 4, 4 + n);
          filled += n;
          next = page.readUInt32BE(0);
        }
        return decodeRecord(bytes);
      },
    };
  }

  private btreePage(page: number, depth: number): BtreePage {
    if (depth > MAX_DEPTH) throw this.corrupt(page, 'the tree is deeper than any real database');
    const data = this.page(page);
    const h = page === 1 ? 100 : 0; // page 1 starts with the file header
    const type = data[h]!;
    const interior = type === TABLE_INTERIOR || type === INDEX_INTERIOR;
    const cells = data.readUInt16BE(h + 3);
    const pointers = h + (interior ? 12 : 8);
    return {
      type,
      data,
      cells,
      rightmost: interior ? data.readUInt32BE(h + 8) : 0,
      cellOffset: (i) => data.readUInt16BE(pointers + 2 * i),
    };
  }

  private page(n: number): Buffer {
    const hit = this.cache.get(n);
    if (hit) {
      this.cache.delete(n); // re-inserted: the Map's order is the eviction order
      this.cache.set(n, hit);
      return hit;
    }
    if (n < 1 || n > this.pageCount) throw this.corrupt(n, `page ${n} is outside the file (${this.pageCount} pages)`);
    const buf = Buffer.alloc(this.pageSize);
    readSync(this.fd, buf, 0, this.pageSize, (n - 1) * this.pageSize);
    if (this.cache.size >= CACHED_PAGES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(n, buf);
    return buf;
  }

  private corrupt(page: number, why: string): SqliteFormatError {
    return new SqliteFormatError(`${this.path}: damaged at page ${page}: ${why}`);
  }
}

interface BtreePage {
  type: number;
  data: Buffer;
  cells: number;
  rightmost: number;
  cellOffset: (i: number) => number;
}

function readVarint(b: Buffer, at: number): { value: bigint; length: number } {
  let v = 0n;
  for (let i = 0; i < 8; i++) {
    const byte = b[at + i]!;
    v = (v << 7n) | BigInt(byte & 0x7f);
    if (byte < 0x80) return { value: v, length: i + 1 };
  }
  return { value: (v << 8n) | BigInt(b[at + 8]!), length: 9 };
}

/** A record: a header of serial types, then the values (sqlite.org/fileformat2.html#record_format). */
export function decodeRecord(b: Buffer): SqlValue[] {
  const head = readVarint(b, 0);
  const headerSize = Number(head.value);
  const types: number[] = [];
  for (let at = head.length; at < headerSize;) {
    const t = readVarint(b, at);
    types.push(Number(t.value));
    at += t.length;
  }
  const out: SqlValue[] = [];
  let at = headerSize;
  for (const t of types) {
    if (t === 0) out.push(null);
    else if (t >= 1 && t <= 6) {
      const n = [0, 1, 2, 3, 4, 6, 8][t]!;
      let v = 0n;
      for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(b[at + i]!);
      if (v >= 1n << BigInt(8 * n - 1)) v -= 1n << BigInt(8 * n); // two's complement
      out.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
      at += n;
    } else if (t === 7) {
      out.push(b.readDoubleBE(at));
      at += 8;
    } else if (t === 8 || t === 9) out.push(t - 8);
    else if (t >= 12) {
      const n = (t - (t % 2 === 0 ? 12 : 13)) / 2;
      out.push(t % 2 === 0 ? new Uint8Array(b.subarray(at, at + n)) : b.toString('utf8', at, at + n));
      at += n;
    } else throw new SqliteFormatError(`a record has the reserved serial type ${t}`);
  }
  return out;
}

/** SQLite's order for the leading columns of an index entry: NULL < numbers < text < blobs. */
function compareKey(key: SqlValue[], entry: SqlValue[]): number {
  for (let i = 0; i < key.length; i++) {
    const c = compareValue(key[i]!, entry[i] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

function compareValue(a: SqlValue, b: SqlValue): number {
  const rank = (v: SqlValue) => (v === null ? 0 : typeof v === 'number' || typeof v === 'bigint' ? 1 : typeof v === 'string' ? 2 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return a! < b! ? -1 : a! > b! ? 1 : 0;
  if (ra === 2) return Buffer.compare(Buffer.from(a as string, 'utf8'), Buffer.from(b as string, 'utf8'));
  if (ra === 3) return Buffer.compare(a as Uint8Array, b as Uint8Array);
  return 0;
}
