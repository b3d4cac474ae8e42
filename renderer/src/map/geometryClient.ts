import type { Table } from 'apache-arrow';
import type { GeometryBuffers } from './geometryBuffers';
import { timeSlices } from '../timeSlices';
import type { GeometryChunk } from './geometryWorker';

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

/**
 * Copies the geometry column's raw Arrow buffers to the worker (a batch at a time, with the event
 * loop's turns between: tens of megabytes for a large result) and gets triangulated buffers back.
 */
export async function buildGeometry(table: Table, column: string): Promise<GeometryBuffers> {
  const vector = table.getChild(column);
  if (!vector) throw new Error(`no geometry column '${column}'`);
  const chunks: GeometryChunk[] = [];
  const slices = timeSlices();
  for (const d of vector.data) {
    const offsets = (d.valueOffsets as Int32Array).slice(d.offset, d.offset + d.length + 1);
    const start = offsets[0]!;
    const bytes = (d.values as Uint8Array).slice(start, offsets[d.length]!);
    for (let i = 0; i < offsets.length; i++) offsets[i] = offsets[i]! - start;
    const valid = d.nullCount > 0 && d.offset === 0 ? (d.nullBitmap as Uint8Array).slice() : null;
    chunks.push({ offsets, bytes, valid, length: d.length });
    await slices.pause();
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage({ id, chunks }, chunks.flatMap((c) => [c.offsets.buffer, c.bytes.buffer, ...(c.valid ? [c.valid.buffer] : [])]));
  });
}
