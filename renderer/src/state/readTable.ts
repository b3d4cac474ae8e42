import { RecordBatchReader, Table, type RecordBatch } from 'apache-arrow';
import { timeSlices } from '../timeSlices';

/**
 * Arrow IPC bytes → Table, one record batch at a time with the event loop's turns between: a
 * 200,000-row result read at once was one ~150 ms task, the page frozen meanwhile.
 */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  const batches: RecordBatch[] = [];
  const slices = timeSlices();
  for (const batch of RecordBatchReader.from(bytes)) {
    batches.push(batch);
    await slices.pause();
  }
  return new Table(batches);
}
