import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { ApiRequestError } from '../../shared/api/client';
import type { ImportResult, JobInfo } from '../../shared/api/contract';
import type { RunningServer } from '../../electron/host/server';
import { readManifest } from '../../electron/store/manifest';
import { synthShapefile, tempDir } from '../store/synthFixtures';
import { zipBuffers } from '../store/zipFixtures';
import { clientOf, startTestServer } from './testServer';

/**
 * ZIPs as the app receives them: picked or dropped files land in an upload folder, and the host
 * hands that folder to the importer, which must open the ZIPs it finds there.
 */
const workspace = tempDir('zip-ws');
let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer(workspace);
});
afterAll(async () => server.close());
const client = () => clientOf(server);

async function upload(files: string[]): Promise<string> {
  const { uploadId } = await client().createUpload();
  for (const f of files) await client().uploadFile(uploadId, path.basename(f), new Blob([new Uint8Array(readFileSync(f))]));
  return uploadId;
}

async function importUpload(files: string[]): Promise<JobInfo> {
  const job = await client().startImport({ uploadId: await upload(files) });
  for (;;) {
    const j = await client().job(job.id);
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Several shapefile sets in one zip, each in its folder, as a 시도 download holds its 시군구. */
async function zipOf(file: string, sets: { base: string; folder: string }[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const s of sets) {
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) zip.addFile(`${s.base}.${ext}`, `${s.folder}/${path.basename(s.base)}.${ext}`);
  }
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject));
  return file;
}

describe('importing ZIPs through the host', async () => {
  const src = tempDir('zip-src');
  const lsmd = (sgg: string, n: number, seed: number) =>
    synthShapefile(sgg, n, {
      dir: path.join(src, sgg),
      name: `LSMD_CONT_LDREG_${sgg}_202406`,
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
      seed,
    });
  const [jongno, jung, yongsan] = await Promise.all([lsmd('11110', 120, 1), lsmd('11140', 80, 2), lsmd('11170', 60, 3)]);

  it('a ZIP of several 시군구: every set imported, labelled by the zip and its folders', async () => {
    const zip = await zipOf(path.join(src, '서울.zip'), [
      { base: jongno.base, folder: '서울/종로구' },
      { base: jung.base, folder: '서울/중구' },
    ]);
    const job = await importUpload([zip]);
    expect(job.error).toBeNull();
    const result = job.result as ImportResult;
    expect(result.files.map((f) => [f.file, f.imported])).toEqual([
      ['서울.zip:서울/종로구/LSMD_CONT_LDREG_11110_202406', jongno.validPnus.length],
      ['서울.zip:서울/중구/LSMD_CONT_LDREG_11140_202406', jung.validPnus.length],
    ]);
    // the first import does not switch away from the sample by itself; the analyst switches
    expect(result.activated).toBe(false);
    expect((await client().catalog()).store!.rows).toBe(4000);
    await client().setActiveStore('workspace');
    expect((await client().catalog()).store!.rows).toBe(jongno.validPnus.length + jung.validPnus.length);
    expect(readdirSync(path.join(workspace, 'uploads'))).toEqual([]); // consumed
  });

  it('a folder upload with a ZIP beside a loose shapefile set: both read in one import', async () => {
    const zip = await zipOf(path.join(src, '용산구.zip'), [{ base: yongsan.base, folder: '용산구' }]);
    const loose = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => `${jung.base}.${e}`);
    const job = await importUpload([zip, ...loose]);
    expect(job.error).toBeNull();
    const result = job.result as ImportResult;
    expect(result.files.map((f) => f.file).sort()).toEqual([
      'LSMD_CONT_LDREG_11140_202406',
      '용산구.zip:용산구/LSMD_CONT_LDREG_11170_202406',
    ]);
    const manifest = (await readManifest(path.join(workspace, 'store')))!;
    expect(manifest.partitions.map((p) => [p.key, p.rows]).sort()).toEqual([
      ['11110', jongno.validPnus.length],
      ['11140', jung.validPnus.length],
      ['11170', yongsan.validPnus.length],
    ]);
    expect(manifest.sources.find((s) => s.file.startsWith('용산구.zip'))!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a ZIP bomb: the import fails with its reason and the numbers, nothing is unpacked, the store is unchanged', async () => {
    const before = (await readManifest(path.join(workspace, 'store')))!;
    const bomb = await zipBuffers(path.join(tempDir('bomb'), 'bomb.zip'), {
      'a/a.shp': Buffer.alloc(64 * 1024 * 1024),
      'a/a.dbf': Buffer.from('x'),
    });
    const job = await importUpload([bomb]);
    expect(job).toMatchObject({ state: 'failed', errorReason: 'zip_ratio' });
    expect(job.error).toMatch(
      /^bomb\.zip: entry 'a\/a\.shp' expands \d+:1 \([\d.]+ KiB to 64\.0 MiB\), more than the limit of 200:1; refused as a possible decompression bomb$/,
    );
    expect(await readManifest(path.join(workspace, 'store'))).toEqual(before);
    expect(existsSync(path.join(workspace, 'store', '.staging'))).toBe(false);
  });

  it('a zipped shapefile bomb registered as a model is refused with its reason', async () => {
    const bomb = await zipBuffers(path.join(tempDir('model-bomb'), '지구.zip'), {
      '지구.shp': Buffer.alloc(64 * 1024 * 1024),
      '지구.dbf': Buffer.from('x'),
      '지구.prj': Buffer.from('x'),
    });
    const refused = await client()
      .registerModel({ uploadId: await upload([bomb]) })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiRequestError);
    expect((refused as ApiRequestError).body).toMatchObject({ code: 'bad_request', reason: 'zip_ratio' });
    expect((refused as ApiRequestError).body.error).toMatch(/^지구\.zip: .*entry '지구\.shp' expands \d+:1 .*decompression bomb$/);
    expect(readdirSync(path.join(workspace, 'models')).filter((f) => !f.startsWith('.'))).toEqual([]);
  });
});
