import { gunzipSync } from 'node:zlib';
import type { TileFileInfo } from '../../../shared/api/contract';
import { SqliteFile, type SchemaEntry, type SqlValue } from './sqliteFile';
import { tileFormat, type TileSource } from './tileSource';

const TILE_KEY = ['zoom_level', 'tile_column', 'tile_row'];

/**
 * An MBTiles file (mbtiles spec 1.3): a SQLite database with `metadata` and `tiles`, the latter a
 * table (QGIS, GDAL) or a view over `map` and `images` (deduplicating writers such as tippecanoe
 * and mb-util). Tiles are found through the index on (zoom_level, tile_column, tile_row); rows
 * count from the south (TMS), so y is flipped.
 */
export function openMbtiles(path: string): TileSource {
  const db = SqliteFile.open(path);
  try {
    const schema = db.schema();
    const metadata = readMetadata(db, schema);
    const find = tileFinder(db, schema, path);
    const zooms = find.zoomRange();
    const info: TileFileInfo = {
      format: tileFormat(metadata.get('format') ?? 'png', path),
      minzoom: numberOr(metadata.get('minzoom'), zooms[0]),
      maxzoom: numberOr(metadata.get('maxzoom'), zooms[1]),
      bounds: parseBounds(metadata.get('bounds')),
      attribution: metadata.get('attribution') ?? null,
      vectorLayers: vectorLayers(metadata.get('json')),
    };
    return {
      info,
      tile: async (z, x, y) => (z > 30 || x >= 2 ** z || y >= 2 ** z ? null : find.tile(z, x, 2 ** z - 1 - y)),
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

interface TileFinder {
  tile(z: number, column: number, row: number): Uint8Array | null;
  /** the lowest and highest zoom_level in the index */
  zoomRange(): [number, number];
}

function tileFinder(db: SqliteFile, schema: SchemaEntry[], path: string): TileFinder {
  const entry = (type: string, name: string) => schema.find((e) => e.type === type && e.name.toLowerCase() === name);
  const tiles = entry('table', 'tiles');
  if (tiles) {
    const index = indexOn(schema, tiles, TILE_KEY);
    if (!index)
      throw new Error(
        `${path}: its tiles table has no index on (zoom_level, tile_column, tile_row), so every tile would mean reading the whole file; add one with: sqlite3 "${path}" "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)"`,
      );
    const data = columnOf(tiles, 'tile_data', path);
    return {
      tile: (z, column, row) => {
        const hit = db.seek(index.rootPage, [z, column, row]);
        const record = hit && db.row(tiles.rootPage, toRowid(hit.at(-1)!));
        return blob(record?.[data]);
      },
      zoomRange: () => zoomRange(db, index.rootPage),
    };
  }
  const map = entry('table', 'map');
  const images = entry('table', 'images');
  if (entry('view', 'tiles') && map && images) {
    const mapIndex = indexOn(schema, map, TILE_KEY);
    const imageIndex = indexOn(schema, images, ['tile_id']);
    if (!mapIndex || !imageIndex) throw new Error(`${path}: its map and images tables have no index on their tile keys`);
    const mapTileId = columnOf(map, 'tile_id', path);
    const data = columnOf(images, 'tile_data', path);
    return {
      tile: (z, column, row) => {
        const m = db.seek(mapIndex.rootPage, [z, column, row]);
        const id = m && db.row(map.rootPage, toRowid(m.at(-1)!))?.[mapTileId];
        const image = id !== undefined && id !== null ? db.seek(imageIndex.rootPage, [id]) : null;
        return blob(image && db.row(images.rootPage, toRowid(image.at(-1)!))?.[data]);
      },
      zoomRange: () => zoomRange(db, mapIndex.rootPage),
    };
  }
  throw new Error(`${path}: not an MBTiles file (no tiles table, and no map and images tables)`);
}

function readMetadata(db: SqliteFile, schema: SchemaEntry[]): Map<string, string> {
  const table = schema.find((e) => e.type === 'table' && e.name.toLowerCase() === 'metadata');
  const out = new Map<string, string>();
  if (!table) return out;
  const [name, value] = [columnOf(table, 'name', db.path), columnOf(table, 'value', db.path)];
  db.scanTable(table.rootPage, (_rowid, r) => {
    if (typeof r[name] === 'string' && r[value] !== null && r[value] !== undefined) out.set(r[name].toLowerCase(), String(r[value]));
  });
  return out;
}

/** An index (declared, or the automatic one of a UNIQUE or PRIMARY KEY constraint) whose leading columns are these. */
function indexOn(schema: SchemaEntry[], table: SchemaEntry, columns: string[]): SchemaEntry | undefined {
  const same = (list: string[]) => columns.every((c, i) => list[i] === c);
  const indexes = schema.filter((e) => e.type === 'index' && e.tableName.toLowerCase() === table.name.toLowerCase());
  const declared = indexes.find((e) => e.sql && same(parenthesized(e.sql.slice(/\bON\b/i.exec(e.sql)?.index ?? 0))));
  if (declared) return declared;
  const constraints = parenthesized(table.sql ?? '', true)
    .filter((d) => /^(UNIQUE|PRIMARY\s+KEY)\s*\(/i.test(d))
    .map((d) => parenthesized(d));
  const auto = indexes.filter((e) => !e.sql).sort((a, b) => a.name.localeCompare(b.name));
  const at = constraints.findIndex(same);
  return at >= 0 ? auto[at] : undefined;
}

/** Position of a column in a table's rows, from its CREATE TABLE statement. */
function columnOf(table: SchemaEntry, column: string, path: string): number {
  const defs = parenthesized(table.sql ?? '', true).filter((d) => !/^(UNIQUE|PRIMARY\s+KEY|CONSTRAINT|CHECK|FOREIGN\s+KEY)\b/i.test(d));
  const at = defs.findIndex((d) => unquote(d.split(/\s+/)[0] ?? '') === column);
  if (at < 0) throw new Error(`${path}: table ${table.name} has no column ${column}`);
  return at;
}

/**
 * The comma-separated items between the first '(' and its closing ')', names unquoted and
 * lower-cased (`raw` keeps each item as written, for column definitions).
 */
function parenthesized(sql: string, raw = false): string[] {
  const open = sql.indexOf('(');
  if (open < 0) return [];
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) {
      const items = splitTopLevel(sql.slice(open + 1, i));
      return raw ? items : items.map((c) => unquote(c.split(/\s+/)[0] ?? ''));
    }
  }
  return [];
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter(Boolean);
}

function unquote(name: string): string {
  return name.replace(/^["'`[]|["'`\]]$/g, '').toLowerCase();
}

function zoomRange(db: SqliteFile, indexRoot: number): [number, number] {
  const [first, last] = [db.edgeEntry(indexRoot, 'first'), db.edgeEntry(indexRoot, 'last')];
  return [Number(first?.[0] ?? 0), Number(last?.[0] ?? 22)];
}

function toRowid(v: SqlValue): bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  throw new Error('an index entry ends without a rowid');
}

/** Tile bytes, uncompressed: vector tiles are stored gzipped. */
function blob(v: SqlValue | undefined): Uint8Array | null {
  const bytes = v instanceof Uint8Array ? v : typeof v === 'string' ? Buffer.from(v, 'latin1') : null;
  return bytes && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

function numberOr(text: string | undefined, fallback: number): number {
  const n = text === undefined ? NaN : Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 30 ? n : fallback;
}

function parseBounds(text: string | undefined): [number, number, number, number] | null {
  const b = text?.split(',').map(Number);
  return b?.length === 4 && b.every(Number.isFinite) ? (b as [number, number, number, number]) : null;
}

function vectorLayers(json: string | undefined): string[] {
  try {
    const layers = (JSON.parse(json ?? '{}') as { vector_layers?: { id?: unknown }[] }).vector_layers ?? [];
    return layers.map((l) => l.id).filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
