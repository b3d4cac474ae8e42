import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import iconv from 'iconv-lite';
import { emptyBounds, flatBounds, type Bounds } from '../../shared/geo/flatBounds';
import { ringArea, type Polygon } from '../../shared/geo/wkb';

/**
 * A streaming ESRI Shapefile writer (polygons, points or multipoints: a file holds one kind):
 * .shp, .shx, .dbf and optional .prj/.cpg. Exports
 * use it, and so does the generator of test and benchmark data; GDAL's ogrinfo checks its output
 * in the tests, so the writer and Pilji's reader cannot share a bug unnoticed.
 */
/** DBF field types: C text, N number, L logical (T/F), D date (YYYYMMDD, 8 bytes). */
export interface DbfFieldSpec {
  name: string;
  type: 'C' | 'N' | 'L' | 'D';
  length: number;
  decimals?: number;
}

export interface ShapefileWriterOptions {
  /** path without extension */
  base: string;
  fields: DbfFieldSpec[];
  encoding: 'cp949' | 'utf-8';
  prj?: string;
  /** write a .cpg naming the encoding */
  cpg?: boolean;
  /** default 'polygon' */
  shape?: ShapeKind;
}

export type ShapeKind = 'polygon' | 'point' | 'multipoint';
const SHAPE_TYPE: Record<ShapeKind, number> = { polygon: 5, point: 1, multipoint: 8 };

export class ShapefileWriter {
  private shp: WriteStream;
  private shx: WriteStream;
  private dbf: WriteStream;
  private shpOffset = 100; // bytes
  private count = 0;
  private bbox = emptyBounds();
  private readonly recordLength: number;

  constructor(private readonly o: ShapefileWriterOptions) {
    this.shp = createWriteStream(`${o.base}.shp`);
    this.shx = createWriteStream(`${o.base}.shx`);
    this.dbf = createWriteStream(`${o.base}.dbf`);
    this.shp.write(Buffer.alloc(100));
    this.shx.write(Buffer.alloc(100));
    this.recordLength = 1 + o.fields.reduce((n, f) => n + f.length, 0);
    this.dbf.write(this.dbfHeader(0));
  }

  /**
   * One record. Polygon files take polygons (outer rings first; orientation is fixed here: outer
   * clockwise, holes counter-clockwise); point files take [x, y], multipoint files [x, y, x, y, …].
   */
  async write(geometry: Polygon[] | number[] | null, values: (string | number | null)[]): Promise<void> {
    this.count++;
    const shape = this.o.shape ?? 'polygon';
    const content = !geometry
      ? nullContent()
      : shape === 'polygon'
        ? this.polygonContent(geometry as Polygon[])
        : this.pointContent(geometry as number[], shape);
    const head = Buffer.alloc(8);
    head.writeInt32BE(this.count, 0);
    head.writeInt32BE(content.length / 2, 4);
    const idx = Buffer.alloc(8);
    idx.writeInt32BE(this.shpOffset / 2, 0);
    idx.writeInt32BE(content.length / 2, 4);
    this.shpOffset += 8 + content.length;
    await Promise.all([write(this.shp, Buffer.concat([head, content])), write(this.shx, idx), write(this.dbf, this.dbfRecord(values))]);
  }

  async close(): Promise<{ records: number }> {
    await Promise.all([this.dbf, this.shp, this.shx].map((s) => new Promise<void>((r) => s.end(r))));
    const shpHeader = this.mainHeader(this.shpOffset);
    const shxHeader = this.mainHeader(100 + this.count * 8);
    await patch(`${this.o.base}.shp`, 0, shpHeader);
    await patch(`${this.o.base}.shx`, 0, shxHeader);
    await patch(`${this.o.base}.dbf`, 0, this.dbfHeader(this.count).subarray(0, 32));
    await fs.appendFile(`${this.o.base}.dbf`, Buffer.from([0x1a]));
    if (this.o.prj) await fs.writeFile(`${this.o.base}.prj`, this.o.prj);
    if (this.o.cpg) await fs.writeFile(`${this.o.base}.cpg`, this.o.encoding === 'cp949' ? 'CP949' : 'UTF-8');
    return { records: this.count };
  }

  private polygonContent(polygons: Polygon[]): Buffer {
    const rings: number[][] = [];
    for (const poly of polygons) {
      poly.forEach((r, i) => {
        const clockwise = ringArea(r) < 0;
        rings.push(clockwise === (i === 0) ? r : reverse(r));
      });
    }
    const numPoints = rings.reduce((n, r) => n + r.length / 2, 0);
    const b = Buffer.alloc(44 + rings.length * 4 + numPoints * 16);
    const [x0, y0, x1, y1] = rings.reduce<Bounds>((b, r) => flatBounds(r, 0, r.length / 2, b), emptyBounds());
    let p = 44 + rings.length * 4;
    let start = 0;
    rings.forEach((r, i) => {
      b.writeInt32LE(start, 44 + i * 4);
      start += r.length / 2;
      for (let k = 0; k < r.length; k += 2) {
        b.writeDoubleLE(r[k]!, p);
        b.writeDoubleLE(r[k + 1]!, p + 8);
        p += 16;
      }
    });
    b.writeInt32LE(5, 0);
    [x0, y0, x1, y1].forEach((v, i) => b.writeDoubleLE(v, 4 + i * 8));
    b.writeInt32LE(rings.length, 36);
    b.writeInt32LE(numPoints, 40);
    flatBounds([x0, y0, x1, y1], 0, 2, this.bbox); // the file's bounds take the shape's two corners
    return b;
  }

  private pointContent(xy: number[], shape: 'point' | 'multipoint'): Buffer {
    if (shape === 'point' && xy.length !== 2) throw new RangeError(`a point shapefile takes one point per record, not ${xy.length / 2}`);
    const [x0, y0, x1, y1] = flatBounds(xy);
    flatBounds([x0, y0, x1, y1], 0, 2, this.bbox); // the file's bounds take the shape's two corners
    if (shape === 'point') {
      const b = Buffer.alloc(20);
      b.writeInt32LE(1, 0);
      b.writeDoubleLE(xy[0]!, 4);
      b.writeDoubleLE(xy[1]!, 12);
      return b;
    }
    const b = Buffer.alloc(40 + xy.length * 8);
    b.writeInt32LE(8, 0);
    [x0, y0, x1, y1].forEach((v, i) => b.writeDoubleLE(v, 4 + i * 8));
    b.writeInt32LE(xy.length / 2, 36);
    xy.forEach((v, i) => b.writeDoubleLE(v, 40 + i * 8));
    return b;
  }

  private mainHeader(fileBytes: number): Buffer {
    const h = Buffer.alloc(100);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(fileBytes / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(SHAPE_TYPE[this.o.shape ?? 'polygon'], 32);
    const bb = this.count && Number.isFinite(this.bbox[0]) ? this.bbox : [0, 0, 0, 0];
    bb.forEach((v, i) => h.writeDoubleLE(v!, 36 + i * 8));
    return h;
  }

  private dbfHeader(records: number): Buffer {
    const { fields } = this.o;
    const h = Buffer.alloc(32 + fields.length * 32 + 1);
    h[0] = 0x03;
    const today = new Date();
    h[1] = today.getFullYear() - 1900;
    h[2] = today.getMonth() + 1;
    h[3] = today.getDate(); // last update
    h.writeUInt32LE(records, 4);
    h.writeUInt16LE(h.length, 8);
    h.writeUInt16LE(this.recordLength, 10);
    h[29] = this.o.encoding === 'cp949' ? 0x79 : 0x00; // language driver: Korean (cp949)
    fields.forEach((f, i) => {
      const at = 32 + i * 32;
      this.encode(f.name).copy(h, at, 0, 10);
      h[at + 11] = f.type.charCodeAt(0);
      h[at + 16] = f.length;
      h[at + 17] = f.decimals ?? 0;
    });
    h[h.length - 1] = 0x0d;
    return h;
  }

  private dbfRecord(values: (string | number | null)[]): Buffer {
    const r = Buffer.alloc(this.recordLength, 0x20);
    let at = 1;
    this.o.fields.forEach((f, i) => {
      const v = values[i];
      if (v !== null && v !== undefined) {
        const bytes = this.encode(f.type === 'N' ? (typeof v === 'number' ? v.toFixed(f.decimals ?? 0) : v) : String(v));
        if (bytes.length > f.length) throw new RangeError(`field ${f.name}: '${v}' needs ${bytes.length} bytes, has ${f.length}`);
        bytes.copy(r, f.type === 'N' ? at + f.length - bytes.length : at);
      }
      at += f.length;
    });
    return r;
  }

  private encode(s: string): Buffer {
    return this.o.encoding === 'cp949' ? iconv.encode(s, 'cp949') : Buffer.from(s, 'utf8');
  }
}

function nullContent(): Buffer {
  return Buffer.alloc(4); // shape type 0
}

function reverse(r: number[]): number[] {
  const out: number[] = [];
  for (let j = r.length - 2; j >= 0; j -= 2) out.push(r[j]!, r[j + 1]!);
  return out;
}

function write(s: WriteStream, b: Buffer): Promise<void> | void {
  if (!s.write(b)) return new Promise((r) => s.once('drain', () => r()));
}

async function patch(file: string, at: number, bytes: Buffer): Promise<void> {
  const h = await fs.open(file, 'r+');
  try {
    await h.write(bytes, 0, bytes.length, at);
  } finally {
    await h.close();
  }
}
