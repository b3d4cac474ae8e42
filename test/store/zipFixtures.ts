import { createWriteStream } from 'node:fs';
import yazl from 'yazl';

/** A zip of in-memory entries, deflated by yazl (the writer the generator uses too). */
export async function zipBuffers(file: string, entries: Record<string, Buffer>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(data, name);
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject));
  return file;
}
