/// <reference lib="webworker" />
import { GeometryBuilder, transferables } from './geometryBuffers';

/**
 * Off the main thread: WKB (Arrow Binary chunks: offsets + bytes) → triangulated buffers. A
 * result's chunks come one record batch at a time while it downloads ('add'), are triangulated as
 * they come, and 'finish' answers with the buffers; 'drop' forgets a result no longer wanted.
 */
export interface GeometryChunk {
  offsets: Int32Array;
  bytes: Uint8Array;
  /** Arrow validity bitmap, null when every row has a value */
  valid: Uint8Array | null;
  length: number;
}

export type GeometryRequest =
  { id: number; kind: 'add'; chunk: GeometryChunk } | { id: number; kind: 'finish' } | { id: number; kind: 'drop' };

const builders = new Map<number, { builder: GeometryBuilder; error: string | null }>();

function add(builder: GeometryBuilder, c: GeometryChunk): void {
  for (let i = 0; i < c.length; i++) {
    const isValid = !c.valid || (c.valid[i >> 3]! & (1 << (i & 7))) !== 0;
    builder.add(isValid ? c.bytes.subarray(c.offsets[i]!, c.offsets[i + 1]!) : null);
  }
}

self.onmessage = (e: MessageEvent<GeometryRequest>) => {
  const m = e.data;
  let session = builders.get(m.id);
  if (m.kind === 'drop') {
    builders.delete(m.id);
    return;
  }
  if (!session) builders.set(m.id, (session = { builder: new GeometryBuilder(), error: null }));
  if (m.kind === 'add') {
    if (session.error) return;
    try {
      add(session.builder, m.chunk);
    } catch (err) {
      session.error = err instanceof Error ? err.message : String(err);
    }
    return;
  }
  builders.delete(m.id);
  const post = (self as unknown as Worker).postMessage.bind(self);
  if (session.error) return post({ id: m.id, error: session.error });
  try {
    const buffers = session.builder.finish();
    post({ id: m.id, buffers }, transferables(buffers));
  } catch (err) {
    post({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
};
