import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServeProcess } from '../../bench/serveProcess';
import { createClient } from '../../shared/api/client';
import type { ImportResult, JobInfo, ModelInfo } from '../../shared/api/contract';
import { readManifest } from '../../electron/store/manifest';
import { synthShapefile, tempDir } from '../store/synthFixtures';

/**
 * The host killed (SIGKILL: no cleanup code runs) in the middle of an import, a model
 * registration and an export. After a restart on the same workspace everything opens, nothing
 * half-written is visible, and the interrupted job is listed with a retry that completes it.
 */
const root = path.resolve(import.meta.dirname, '../..');
const TOKEN = 'fault-test-token-0123456789abcdefgh';

async function startHost(workspace: string): Promise<{ child: ChildProcess; client: ReturnType<typeof createClient> }> {
  const { child, url } = await startServeProcess(['--workspace', workspace, '--token', TOKEN]);
  return { child, client: createClient({ baseUrl: url, token: TOKEN }, (u, i) => fetch(u, i as RequestInit)) };
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

async function waitFor<T>(probe: () => Promise<T | null>, what: string, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function upload(client: ReturnType<typeof createClient>, files: string[]): Promise<string> {
  const { uploadId } = await client.createUpload();
  for (const f of files) await client.uploadFile(uploadId, path.basename(f), new Blob([readFileSync(f)]));
  return uploadId;
}

async function finished(client: ReturnType<typeof createClient>, job: JobInfo): Promise<JobInfo> {
  return waitFor(async () => {
    const j = await client.job(job.id);
    return j.state === 'running' ? null : j;
  }, `job ${job.id}`);
}

describe('killed during an import', () => {
  it('reading, then writing: the store stays as it was, the job is interrupted, Retry completes it', async () => {
    const ws = tempDir('fault-import');
    const w = await synthShapefile('11140', 100_000, {
      dir: tempDir('fault-src'),
      name: 'LSMD_CONT_LDREG_11140_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
      seed: 5,
    });
    const files = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => `${w.base}.${e}`);
    let host = await startHost(ws);
    const before = (await host.client.catalog()).store!.rows;
    const job = await host.client.startImport({ uploadId: await upload(host.client, files) });
    await waitFor(async () => {
      const j = await host.client.job(job.id);
      if (j.state !== 'running') throw new Error(`the import ended before it could be killed: ${j.state}`);
      return (j.progress?.records ?? 0) > 0 ? true : null;
    }, 'reading');
    await kill(host.child);

    host = await startHost(ws);
    const [interrupted] = (await host.client.jobs()).filter((j) => j.id === job.id);
    expect(interrupted).toMatchObject({ kind: 'import', state: 'interrupted', retryable: true });
    expect((await host.client.catalog()).store!.rows).toBe(before); // the sample store, untouched
    expect(await readManifest(path.join(ws, 'store'))).toBeNull(); // no store of its own yet

    // Retry, and kill that run while it writes the partitions.
    const retried = await host.client.retryJob(job.id);
    await waitFor(async () => ((await host.client.job(retried.id)).progress?.phase === 'writing' ? true : null), 'writing');
    await kill(host.child);

    host = await startHost(ws);
    try {
      const jobs = await host.client.jobs();
      expect(jobs.find((j) => j.id === job.id)).toMatchObject({ state: 'interrupted', retryable: false }); // retried already
      expect(jobs.find((j) => j.id === retried.id)).toMatchObject({ state: 'interrupted', retryable: true });
      const manifest = await readManifest(path.join(ws, 'store'));
      if (manifest) expect(manifest.rows).toBe(w.validPnus.length); // the swap is the last step: all or nothing
      for (const p of manifest?.partitions ?? []) expect(existsSync(path.join(ws, 'store', p.file))).toBe(true);
      const rows = (await host.client.catalog()).store!.rows;
      expect([before, w.validPnus.length]).toContain(rows); // what queries see: the old store or all of the new one

      const done = await finished(host.client, await host.client.retryJob(retried.id));
      expect(done.state).toBe('done');
      expect((done.result as ImportResult).imported).toBe(w.validPnus.length);
      // the restarted host reads the workspace's store only if the killed import had finished it; an import never switches by itself
      if (!(done.result as ImportResult).activated) await host.client.setActiveStore('workspace');
      expect((await host.client.catalog()).store!.rows).toBe(w.validPnus.length);
      expect(readdirSync(path.join(ws, 'store'))).not.toContain('.staging'); // the import cleaned up after the killed one
      expect(readdirSync(path.join(ws, 'uploads'))).toEqual([]); // the upload is consumed once the import ends
    } finally {
      await kill(host.child);
    }
  }, 240_000);
});

describe('killed during a model registration', () => {
  it('leaves no half model; the registration is interrupted and Retry registers it', async () => {
    const ws = tempDir('fault-model');
    const csv = path.join(tempDir('fault-csv'), '신청 목록.csv');
    const lines = ['관리번호,소재지,비고'];
    for (let i = 0; i < 400_000; i++)
      lines.push(`${String(i).padStart(7, '0')},서울특별시 종로구 청운동 ${(i % 900) + 1}-${i % 7},비고 ${i}`);
    writeFileSync(csv, lines.join('\r\n') + '\r\n');
    let host = await startHost(ws);
    const uploadId = await upload(host.client, [csv]);
    const pending = host.client.registerModel({ uploadId, name: '신청목록' }).catch((e: Error) => e);
    const job = await waitFor(
      async () => (await host.client.jobs()).find((j) => j.kind === 'model' && j.state === 'running') ?? null,
      'the registration',
    );
    // A job starts its work once its record is in jobs.json; kill while that work runs.
    await waitFor(
      async () =>
        existsSync(path.join(ws, 'jobs.json')) && readFileSync(path.join(ws, 'jobs.json'), 'utf8').includes(job.id) ? true : null,
      'the saved job',
    );
    await new Promise((r) => setTimeout(r, 300));
    await kill(host.child);
    expect(await pending).toBeInstanceOf(Error); // the request died with the host

    host = await startHost(ws);
    try {
      expect(await host.client.models()).toEqual([]);
      const modelDirs = existsSync(path.join(ws, 'models')) ? readdirSync(path.join(ws, 'models')) : [];
      expect(modelDirs.filter((d) => !d.startsWith('.'))).toEqual([]); // an unfinished one is hidden, and removed at start
      expect((await host.client.jobs()).find((j) => j.id === job.id)).toMatchObject({
        kind: 'model',
        state: 'interrupted',
        retryable: true,
        label: '신청목록',
      });
      const done = await finished(host.client, await host.client.retryJob(job.id));
      expect(done.state).toBe('done');
      expect((done.result as ModelInfo).rows).toBe(400_000);
      expect((await host.client.models()).map((m) => [m.name, m.rows])).toEqual([['신청목록', 400_000]]);
    } finally {
      await kill(host.child);
    }
  }, 240_000);
});

describe('killed during an export (pilji query --out)', () => {
  it('never leaves a half-written file under the asked name; an earlier file stays whole', async () => {
    const dir = tempDir('fault-export');
    const out = path.join(dir, 'parcels.geojson');
    writeFileSync(out, '{"type":"FeatureCollection","features":[]}');
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'bin/pilji.mjs'),
        'query',
        '--workspace',
        tempDir('fault-export-ws'),
        '--format',
        'geojson',
        '--out',
        out,
        '-e',
        'parcels | derive a = AREA_M2 * 2 | derive b = a + 1',
      ],
      { stdio: 'ignore' },
    );
    const partial = await waitFor(async () => readdirSync(dir).find((f) => f.endsWith('.partial')) ?? null, 'the partial file');
    await kill(child);
    expect(partial).toMatch(/^\.parcels\.geojson\.\d+\.partial$/); // hidden, and named as what it is
    // Killed before the rename (almost always): the earlier file; after it: the whole new one.
    const features = (JSON.parse(readFileSync(out, 'utf8')) as { features: unknown[] }).features.length;
    expect([0, 4000]).toContain(features);
  }, 60_000);
});
