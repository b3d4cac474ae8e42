import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_UPLOAD_BYTES, type ApiError } from '../../shared/api/contract';

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 413,
  ) {
    super(message);
  }

  /** The JSON body the API answers it with. */
  body(): ApiError {
    return { error: this.message, code: this.status === 404 ? 'not_found' : 'bad_request' };
  }
}

/**
 * Files the browser sends (server mode, or a drop in the desktop window) land in
 * <workspace>/uploads/<uploadId>/<name>, streamed to disk with a size limit.
 */
export class Uploads {
  constructor(
    private readonly workspaceDir: string,
    private readonly maxBytes = MAX_UPLOAD_BYTES,
  ) {}

  async create(): Promise<string> {
    const id = randomUUID();
    await fs.mkdir(this.dir(id), { recursive: true });
    return id;
  }

  dir(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new UploadError(`no such upload '${id}'`, 404);
    return path.join(this.workspaceDir, 'uploads', id);
  }

  async receive(id: string, name: string, body: ReadableStream<Uint8Array> | null): Promise<string> {
    const dir = this.dir(id);
    if (!(await fs.stat(dir).catch(() => null))) throw new UploadError(`no such upload '${id}'`, 404);
    const safe = path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_');
    if (!safe || safe.startsWith('.')) throw new UploadError(`not a usable file name: '${name}'`, 400);
    if (!body) throw new UploadError('empty upload', 400);
    const target = path.join(dir, safe);
    let bytes = 0;
    const { maxBytes } = this;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > maxBytes ? new UploadError(`${safe} is larger than the upload limit (${formatBytes(maxBytes)})`, 413) : null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), limit, createWriteStream(target));
    } catch (e) {
      await fs.rm(target, { force: true });
      throw e;
    }
    return target;
  }

  /** The names of the files received into an upload. */
  async files(id: string): Promise<string[]> {
    return fs.readdir(this.dir(id)).catch(() => {
      throw new UploadError(`no such upload '${id}'`, 404);
    });
  }

  async discard(id: string): Promise<void> {
    await fs.rm(this.dir(id), { recursive: true, force: true });
  }
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${n / 1024 ** 3} GiB` : n >= 1024 ** 2 ? `${n / 1024 ** 2} MiB` : `${n} bytes`;
}
