import { promises as fs } from 'node:fs';
import { growBytes } from '../../../shared/bytes/growBytes';

/**
 * Sequential reads from a file through one reused buffer, so a 2 GB shapefile streams in
 * constant memory. `take(n)` returns a view valid until the next call.
 */
export class ChunkReader {
  private buf: Buffer;
  private start = 0;
  private end = 0;
  private filePos = 0;
  private eof = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly path: string,
    readonly size: number,
    chunkSize: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  static async open(path: string, chunkSize = 4 << 20): Promise<ChunkReader> {
    const handle = await fs.open(path, 'r');
    const { size } = await handle.stat();
    return new ChunkReader(handle, path, size, chunkSize);
  }

  /** The next n bytes, or null when the file has fewer left (a damaged length never allocates). */
  async take(n: number): Promise<Buffer | null> {
    if (this.end - this.start < n) {
      if (n > this.size - this.position) return null;
      await this.fill(n);
    }
    return this.takeBuffered(n);
  }

  /** Bytes of the file taken so far. */
  get position(): number {
    return this.filePos - (this.end - this.start);
  }

  /** The next n bytes if already buffered (no await on the hot path), else null. */
  takeBuffered(n: number): Buffer | null {
    const at = this.takeOffset(n);
    return at < 0 ? null : this.buf.subarray(at, at + n);
  }

  /**
   * Like takeBuffered, as an offset into `bytes` (-1 when not buffered): a view costs about 0.1 µs,
   * and readers take several per record.
   */
  takeOffset(n: number): number {
    if (this.end - this.start < n) return -1;
    this.start += n;
    return this.start - n;
  }

  /** The buffer `takeOffset` offsets point into; valid until the next take. */
  get bytes(): Buffer {
    return this.buf;
  }

  /** A big-endian int32 `k` bytes ahead, when buffered (else null), without taking it. */
  peekInt32BE(k: number): number | null {
    return this.end - this.start < k + 4 ? null : this.buf.readInt32BE(this.start + k);
  }

  /** Bytes already read and not yet taken. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Moves n bytes on; bytes not yet buffered are passed over without reading them. */
  async skip(n: number): Promise<boolean> {
    if (n > this.size - this.position) return false;
    const buffered = Math.min(n, this.end - this.start);
    this.start += buffered;
    this.filePos += n - buffered;
    return true;
  }

  private async fill(n: number): Promise<void> {
    const remaining = this.end - this.start;
    if (n > this.buf.length) this.buf = growBytes(this.buf, remaining, n, Buffer.allocUnsafe, this.start);
    else this.buf.copy(this.buf, 0, this.start, this.end);
    this.start = 0;
    this.end = remaining;
    while (!this.eof && this.end < n) {
      const { bytesRead } = await this.handle.read(this.buf, this.end, this.buf.length - this.end, this.filePos);
      if (bytesRead === 0) this.eof = true;
      this.end += bytesRead;
      this.filePos += bytesRead;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
