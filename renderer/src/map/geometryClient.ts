import type { Data } from 'apache-arrow';
import type { GeometryBuffers } from './geometryBuffers';
import type { GeometryChunk, GeometryRequest } from './geometryWorker';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (b: GeometryBuffers) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./geometryWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; buffers?: GeometryBuffers; error?: string }>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.buffers) p.resolve(e.data.buffers);
      else p.reject(new Error(e.data.error ?? 'geometry worker failed'));
    };
  }
  return worker;
}

/** One result's geometry, built in the worker as its record batches arrive. */
export interface GeometryStream {
  /** copies one batch's geometry column (its raw Arrow buffers) to the worker */
  add(data: Data): void;
  /** the triangulated buffers of every row added */
  finish(): Promise<GeometryBuffers>;
  /** the result is not wanted (the query failed or was cancelled) */
  drop(): void;
}

export function geometryStream(): GeometryStream {
  const id = nextId++;
  const send = (m: GeometryRequest, transfer: ArrayBuffer[] = []) => getWorker().postMessage(m, transfer);
  return {
    add(d) {
      const chunk = chunkOf(d);
      send({ id, kind: 'add', chunk }, [
        chunk.offsets.buffer,
        chunk.bytes.buffer,
        ...(chunk.valid ? [chunk.valid.buffer] : []),
      ] as ArrayBuffer[]);
    },
    finish() {
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ id, kind: 'finish' });
      });
    },
    drop() {
      send({ id, kind: 'drop' });
    },
  };
}

/** A Binary column's rows as their own offsets (from 0), bytes and validity: a copy the worker can take. */
function chunkOf(d: Data): GeometryChunk {
  const offsets = (d.valueOffsets as Int32Array).slice(d.offset, d.offset + d.length + 1);
  const start = offsets[0]!;
  const bytes = (d.values as Uint8Array).slice(start, offsets[d.length]!);
  for (let i = 0; i < offsets.length; i++) offsets[i] = offsets[i]! - start;
  return { offsets, bytes, valid: d.nullCount > 0 ? validity(d.nullBitmap as Uint8Array, d.offset, d.length) : null, length: d.length };
}

/** The validity bits of rows offset … offset + length, from bit 0 (a sliced column starts mid-bitmap). */
function validity(bitmap: Uint8Array, offset: number, length: number): Uint8Array {
  if (offset === 0) return bitmap.slice(0, (length + 7) >> 3);
  const out = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) {
    const j = offset + i;
    if (bitmap[j >> 3]! & (1 << (j & 7))) out[i >> 3]! |= 1 << (i & 7);
  }
  return out;
}
