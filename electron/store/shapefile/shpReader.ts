import { ChunkReader } from './chunkReader';

export interface ShpRecord {
  number: number;
  /** the record content (shape type first); a view valid until the next call */
  content: Buffer;
}

export class ShpError extends Error {}

const POLYGON_TYPES = new Set([5, 15, 25]); // Polygon, PolygonZ, PolygonM
export const POINT_TYPES: ReadonlySet<number> = new Set([1, 11, 21, 8, 18, 28]); // Point, MultiPoint and their Z/M forms

/** Streaming .shp reader for polygon (or, when asked, point) shapefiles. Coordinates stay in the file's CRS. */
export class ShpReader {
  private constructor(
    private readonly reader: ChunkReader,
    readonly shapeType: number,
    readonly bbox: [number, number, number, number],
  ) {}

  /** `startByte`: where to begin reading records (from the .shx); default the first record. */
  static async open(path: string, startByte = 100, points = false): Promise<ShpReader> {
    const reader = await ChunkReader.open(path);
    const h = await reader.take(100);
    if (!h || h.readInt32BE(0) !== 9994) {
      await reader.close();
      throw new ShpError(`${path}: not a shapefile (.shp header missing)`);
    }
    const shapeType = h.readInt32LE(32);
    if (!POLYGON_TYPES.has(shapeType) && shapeType !== 0 && !(points && POINT_TYPES.has(shapeType))) {
      await reader.close();
      throw new ShpError(
        `${path}: shape type ${shapeType} is not a polygon${points ? ' or point' : ''} type${points ? '' : ' (cadastral parcels are polygons)'}`,
      );
    }
    const bbox: [number, number, number, number] = [h.readDoubleLE(36), h.readDoubleLE(44), h.readDoubleLE(52), h.readDoubleLE(60)];
    if (startByte < 100 || (startByte > 100 && !(await reader.skip(startByte - 100)))) {
      await reader.close();
      throw new ShpError(`${path}: the index (.shx) points to byte ${startByte}, outside the .shp (${reader.size} bytes)`);
    }
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

  /** Next record, or null at the end. Damage to the record framing throws (the file cannot be read on). */
  async next(): Promise<ShpRecord | null> {
    const record = this.nextBuffered();
    if (record) return record;
    const head = this.reader.takeBuffered(8) ?? (await this.reader.take(8));
    if (!head) return null;
    const number = head.readInt32BE(0);
    const length = head.readInt32BE(4) * 2;
    if (length < 4) throw new ShpError(`${this.reader.path}: record ${number} has length ${length}`);
    const content = this.reader.takeBuffered(length) ?? (await this.reader.take(length));
    if (!content) throw new ShpError(`${this.reader.path}: file ends inside record ${number}`);
    return { number, content };
  }

  /**
   * The next record when it is already read (no await on the hot path), else null; `next()`
   * then reads on and reports the end or damaged framing.
   */
  nextBuffered(): ShpRecord | null {
    const length = (this.reader.peekInt32BE(4) ?? 0) * 2;
    if (length < 4 || this.reader.buffered < 8 + length) return null;
    const number = this.reader.peekInt32BE(0)!;
    this.reader.takeOffset(8);
    return { number, content: this.reader.takeBuffered(length)! };
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
