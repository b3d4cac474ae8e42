import { RecordBatchReader, Table, type RecordBatch } from 'apache-arrow';
import { QUERY_META } from '../../../shared/api/contract';
import { geometryStream } from '../map/geometryClient';
import type { GeometryBuffers } from '../map/geometryBuffers';
import { timeSlices } from '../timeSlices';

export interface ReadResult {
  table: Table;
  /** performance.now() when the last record batch had arrived */
  receivedAt: number;
  /** the geometry column's buffers, built in the worker (null when the result has none) */
  geometry: Promise<GeometryBuffers | null>;
}

/**
 * A query's Arrow IPC stream → Table, a record batch at a time as the bytes arrive, each batch's
 * geometry handed to the worker at once: a 200,000-parcel answer takes seconds to download and
 * is mostly triangulated by its last byte. Reading the whole body first was also one ~100 ms
 * task (the browser joining 80 MB), and every batch after it one more.
 */
export async function readResult(body: ReadableStream<Uint8Array>): Promise<ReadResult> {
  const reader = await RecordBatchReader.from(body);
  const batches: RecordBatch[] = [];
  const slices = timeSlices();
  let geometry: ReturnType<typeof geometryStream> | null = null;
  let column: string | null = null;
  try {
    for await (const batch of reader) {
      if (!batches.length) {
        column = batch.schema.metadata.get(QUERY_META.geometryColumn) || null;
        if (column && batch.schema.fields.some((f) => f.name === column)) geometry = geometryStream();
      }
      batches.push(batch);
      if (geometry) for (const d of batch.getChild(column!)!.data) geometry.add(d);
      await slices.pause();
    }
  } catch (e) {
    geometry?.drop();
    throw e;
  }
  const receivedAt = performance.now();
  return { table: new Table(reader.schema, batches), receivedAt, geometry: geometry ? geometry.finish() : Promise.resolve(null) };
}
