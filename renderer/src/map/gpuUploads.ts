import { Buffer, type Device } from '@luma.gl/core';
import type { GeometryBuffers } from './geometryBuffers';
import { nextTask, timeSlices } from '../timeSlices';

/** A result's fill buffers on the GPU (see parcelLayers). */
export interface GpuFill {
  positions: Buffer;
  triangles: Buffer;
  vertexPart: Buffer;
}

/** Bytes written per bufferSubData call; the event loop gets a turn once a slice's time is used. */
const WRITE_BYTES = 1 << 20;

/** null: still uploading; false: the upload failed (draw from the typed arrays instead) */
export type Uploaded<T> = T | null | false;

type Entry<T> = { ready: Uploaded<T>; cancelled: boolean; buffers: Buffer[] };

/**
 * Puts a result's vertex buffers on the GPU a megabyte at a time with the event loop's turns
 * between, before its layers are made. Left to deck.gl, a 200,000-parcel result's buffers (17 MB
 * of fills, 13 MB of outlines once shown) went up in the frame that first drew it: with deck.gl's
 * own per-polygon work, one task of 100-180 ms under software GL, the page frozen. `onReady` is called when an upload has finished (the map then makes its layers).
 * Buffers are ours to destroy: `keepOnly` drops those of results no longer drawn.
 */
export class GpuUploads {
  private readonly fills = new Map<GeometryBuffers, Entry<GpuFill>>();
  private readonly outlines = new Map<GeometryBuffers, Entry<Buffer>>();

  constructor(private readonly onReady: () => void) {}

  /** The result's fill buffers once uploaded (the upload starts on the first call). */
  fill(device: Device, g: GeometryBuffers): Uploaded<GpuFill> {
    return this.entry(this.fills, g, async (e) => {
      const [positions, triangles, vertexPart] = [
        gpuBuffer(device, e, g.positions),
        gpuBuffer(device, e, g.triangles, true),
        gpuBuffer(device, e, g.vertexPart),
      ];
      await write(e, [
        [positions, g.positions],
        [triangles, g.triangles],
        [vertexPart, g.vertexPart],
      ]);
      return { positions, triangles, vertexPart };
    });
  }

  /** The result's outline segments once uploaded (asked for only when outlines are drawn). */
  outline(device: Device, g: GeometryBuffers): Uploaded<Buffer> {
    return this.entry(this.outlines, g, async (e) => {
      const segments = gpuBuffer(device, e, g.segments);
      await write(e, [[segments, g.segments]]);
      return segments;
    });
  }

  /** Destroys the buffers of every result not in `used` (call once the layers drawing them are gone). */
  keepOnly(used: Set<GeometryBuffers>): void {
    for (const map of [this.fills, this.outlines] as Map<GeometryBuffers, Entry<unknown>>[]) {
      for (const [g, e] of map) {
        if (used.has(g)) continue;
        e.cancelled = true;
        for (const b of e.buffers) b.destroy();
        map.delete(g);
      }
    }
  }

  private entry<T>(map: Map<GeometryBuffers, Entry<T>>, g: GeometryBuffers, upload: (e: Entry<T>) => Promise<T>): Uploaded<T> {
    const known = map.get(g);
    if (known) return known.ready;
    const e: Entry<T> = { ready: null, cancelled: false, buffers: [] };
    map.set(g, e);
    void upload(e).then(
      (ready) => {
        if (e.cancelled) return;
        e.ready = ready;
        this.onReady();
      },
      () => {
        if (e.cancelled) return; // keepOnly destroyed its buffers
        for (const b of e.buffers) b.destroy();
        e.buffers = [];
        e.ready = false;
        this.onReady();
      },
    );
    return null;
  }
}

/** An empty buffer the size of `data` (vertices, or 32-bit triangle indices), destroyed with the entry. */
function gpuBuffer(device: Device, e: Entry<unknown>, data: ArrayBufferView, indices = false): Buffer {
  const byteLength = Math.max(4, data.byteLength);
  const b = device.createBuffer(
    indices
      ? { usage: Buffer.INDEX | Buffer.COPY_DST, indexType: 'uint32', byteLength }
      : { usage: Buffer.VERTEX | Buffer.COPY_DST, byteLength },
  );
  e.buffers.push(b);
  return b;
}

async function write(e: Entry<unknown>, pairs: [Buffer, ArrayBufferView][]): Promise<void> {
  // not in the task that asked (the one showing the result's table)
  await nextTask();
  const slices = timeSlices();
  for (const [buffer, data] of pairs) {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for (let at = 0; at < bytes.length; at += WRITE_BYTES) {
      if (e.cancelled) throw new Error('upload cancelled');
      buffer.write(bytes.subarray(at, at + WRITE_BYTES), at);
      await slices.pause();
    }
  }
}
