/// <reference lib="webworker" />
import { buildGeometryBuffers, transferables } from './geometryBuffers';

/**
 * Off the main thread: WKB (as Arrow Binary chunks: offsets + bytes) → triangulated buffers.
 * Messages: { id, chunks: { offsets: Int32Array; bytes: Uint8Array; valid: Uint8Array | null; length }[] }
 */
export interface GeometryChunk {
  offsets: Int32Array;
  bytes: Uint8Array;
  /** Arrow validity bitmap, null when every row has a value */
  valid: Uint8Array | null;
  length: number;
}

function* rows(chunks: GeometryChunk[]): Generator<Uint8Array | null> {
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const isValid = !c.valid || (c.valid[i >> 3]! & (1 << (i & 7))) !== 0;
      yield isValid ? c.bytes.subarray(c.offsets[i]!, c.offsets[i + 1]!) : null;
    }
  }
}

self.onmessage = (e: MessageEvent<{ id: number; chunks: GeometryChunk[] }>) => {
  const { id, chunks } = e.data;
  try {
    const buffers = buildGeometryBuffers(rows(chunks));
    (self as unknown as Worker).postMessage({ id, buffers }, transferables(buffers));
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
