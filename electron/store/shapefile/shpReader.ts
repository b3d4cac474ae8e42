import { ringArea, type Polygon } from '../../../shared/geo/wkb';
import { ChunkReader } from './chunkReader';

export interface ShpRecord {
  number: number;
  /** null for a null shape */
  polygons: Polygon[] | null;
}

export class ShpError extends Error {}

const POLYGON_TYPES = new Set([5, 15, 25]); // Polygon, PolygonZ, PolygonM

/** Streaming .shp reader for polygon shapefiles. Coordinates stay in the file's CRS. */
export class ShpReader {
  private constructor(
    private readonly reader: ChunkReader,
    readonly shapeType: number,
    readonly bbox: [number, number, number, number],
  ) {}

  /** `startByte`: where to begin reading records (from the .shx); default the first record. */
  static async open(path: string, startByte = 100): Promise<ShpReader> {
    const reader = await ChunkReader.open(path);
    const h = await reader.take(100);
    if (!h || h.readInt32BE(0) !== 9994) {
      await reader.close();
      throw new ShpError(`${path}: not a shapefile (.shp header missing)`);
    }
    const shapeType = h.readInt32LE(32);
    if (!POLYGON_TYPES.has(shapeType) && shapeType !== 0) {
      await reader.close();
      throw new ShpError(`${path}: shape type ${shapeType} is not a polygon type (cadastral parcels are polygons)`);
    }
    const bbox: [number, number, number, number] = [h.readDoubleLE(36), h.readDoubleLE(44), h.readDoubleLE(52), h.readDoubleLE(60)];
    if (startByte > 100) await reader.skip(startByte - 100);
    return new ShpReader(reader, shapeType, bbox);
  }

  /** Byte offset of record `index` (0-based) from the .shx index, for reading a range. */
  static async recordOffset(shxPath: string, index: number): Promise<number> {
    const handle = await (await import('node:fs')).promises.open(shxPath, 'r');
    try {
      const b = Buffer.alloc(4);
      const { bytesRead } = await handle.read(b, 0, 4, 100 + index * 8);
      if (bytesRead < 4) throw new ShpError(`${shxPath}: no index entry for record ${index + 1}`);
      return b.readInt32BE(0) * 2;
    } finally {
      await handle.close();
    }
  }

  get bytesRead(): number {
    return this.reader.position;
  }

  get size(): number {
    return this.reader.size;
  }

  /** Next record, or null at the end. Structural damage throws (the file cannot be read on). */
  async next(): Promise<ShpRecord | null> {
    const head = this.reader.takeBuffered(8) ?? (await this.reader.take(8));
    if (!head) return null;
    const number = head.readInt32BE(0);
    const length = head.readInt32BE(4) * 2;
    if (length < 4) throw new ShpError(`${this.reader.path}: record ${number} has length ${length}`);
    const c = this.reader.takeBuffered(length) ?? (await this.reader.take(length));
    if (!c) throw new ShpError(`${this.reader.path}: file ends inside record ${number}`);
    const type = c.readInt32LE(0);
    if (type === 0) return { number, polygons: null };
    if (!POLYGON_TYPES.has(type)) throw new ShpError(`${this.reader.path}: record ${number} has shape type ${type}`);
    const numParts = c.readInt32LE(36);
    const numPoints = c.readInt32LE(40);
    const pointsAt = 44 + numParts * 4;
    if (numParts < 0 || numPoints < 0 || pointsAt + numPoints * 16 > length) {
      throw new ShpError(`${this.reader.path}: record ${number} declares ${numParts} parts / ${numPoints} points beyond its length`);
    }
    const rings: number[][] = [];
    for (let p = 0; p < numParts; p++) {
      const from = c.readInt32LE(44 + p * 4);
      const to = p + 1 < numParts ? c.readInt32LE(48 + p * 4) : numPoints;
      if (from < 0 || to > numPoints || from > to) throw new ShpError(`${this.reader.path}: record ${number} has a bad part index`);
      const ring = new Array<number>((to - from) * 2);
      for (let i = from, k = 0; i < to; i++, k += 2) {
        ring[k] = c.readDoubleLE(pointsAt + i * 16);
        ring[k + 1] = c.readDoubleLE(pointsAt + i * 16 + 8);
      }
      rings.push(ring);
    }
    return { number, polygons: groupRings(rings) };
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}

/**
 * Shapefile rings: outer rings clockwise, holes counter-clockwise. Each hole goes to the outer
 * ring that contains it; a hole with no container becomes an outer ring (reversed), as GDAL does.
 * Returned polygons follow RFC 7946 orientation: outer counter-clockwise, holes clockwise.
 */
export function groupRings(rings: number[][]): Polygon[] {
  const outers: Polygon[] = [];
  const holes: number[][] = [];
  for (const r of rings) {
    if (r.length < 2) continue;
    if (ringArea(r) <= 0) outers.push([reverse(r)]);
    else holes.push(r);
  }
  for (const h of holes) {
    const owner = outers.find((p) => pointInRing(p[0]!, h[0]!, h[1]!));
    if (owner) owner.push(reverse(h));
    else outers.push([h]);
  }
  return outers;
}

function reverse(r: number[]): number[] {
  const out = new Array<number>(r.length);
  for (let i = 0, j = r.length - 2; j >= 0; i += 2, j -= 2) {
    out[i] = r[j]!;
    out[i + 1] = r[j + 1]!;
  }
  return out;
}

function pointInRing(r: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
    const xi = r[i]!, yi = r[i + 1]!, xj = r[j]!, yj = r[j + 1]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
