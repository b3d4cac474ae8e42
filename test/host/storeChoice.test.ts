import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../shared/api/client';
import type { ImportResult, JobInfo } from '../../shared/api/contract';
import { paths } from '../../electron/host/paths';
import { chosenStoreDir } from '../../electron/host/storeChoices';
import type { RunningServer } from '../../electron/host/server';
import { synthShapefile, tempDir } from '../store/synthFixtures';
import { writeSparkLayout } from '../store/sparkLayoutFixture';
import { clientOf, startTestServer } from './testServer';

/**
 * The store is the analyst's explicit choice: an import builds the workspace's store without
 * switching to it, a switch is remembered across restarts, and match reports made against another
 * store are answered as stale rather than shown as today's counts.
 */
const workspace = tempDir('stores-ws');
let server: RunningServer;
const client = () => clientOf(server);
beforeAll(async () => {
  server = await startTestServer(workspace);
});
afterAll(async () => server.close());

async function parcelCount(): Promise<number> {
  const { arrow } = await client().query({ dsl: 'parcels | stats count()' });
  return Number(tableFromIPC(arrow).getChild('count')!.get(0));
}

async function finished(job: JobInfo): Promise<JobInfo> {
  for (;;) {
    const j = await client().job(job.id);
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function uploadOf(files: string[]): Promise<string> {
  const { uploadId } = await client().createUpload();
  for (const f of files) await client().uploadFile(uploadId, path.basename(f), new Blob([new Uint8Array(readFileSync(f))]));
  return uploadId;
}

// two parcels of the sample store, both matched there
const CSV = '관리번호,소재지\r\n001,서울 종로구 이화동 21-3\r\n002,서울 중구 무교동 9-12\r\n';

describe('choosing the store', async () => {
  const src = tempDir('stores-src');
  const w = await synthShapefile('11110', 120, {
    dir: src,
    name: 'LSMD_CONT_LDREG_11110_202406',
    schema: 'lsmd',
    epsg: 5186,
    encoding: 'cp949',
    cpg: true,
    seed: 7,
  });

  it('a fresh workspace lists the sample (active, read-only) and its own store (empty), and names where imports go', async () => {
    const { stores, importTarget } = await client().stores();
    expect(stores.map((s) => [s.id, s.kind, s.readOnly, s.active, s.layout, s.rows, s.unavailable])).toEqual([
      ['sample', 'sample', true, true, 'pilji', 4000, null],
      ['workspace', 'workspace', false, false, 'empty', null, 'empty'],
    ]);
    expect(importTarget).toEqual({ id: 'workspace', path: path.join(workspace, 'store') });
    expect(await parcelCount()).toBe(4000);
    await expect(client().setActiveStore('workspace')).rejects.toMatchObject({
      status: 409,
      body: { code: 'conflict', params: { unavailable: 'empty' } },
    });
  });

  it('a model matched against the sample: its report is fresh and says which store it counted', async () => {
    const { uploadId } = await client().createUpload();
    await client().uploadFile(uploadId, '목록.csv', new Blob([CSV]));
    await client().registerModel({ uploadId });
    const info = await client().setModelMapping('목록', { kind: 'address', address: '소재지' });
    expect(info.report!.counts.matched).toBe(2);
    expect(info.reportStore?.path).toBe(paths.sampleStore());
    expect(info.reportStale).toBe(false);
  });

  it('an import names its target up front, goes into the workspace store and does not switch to it', async () => {
    const started = await client().startImport({ uploadId: await uploadOf(readdirSync(src).map((f) => path.join(src, f))) });
    expect(started.target).toEqual({ id: 'workspace', path: path.join(workspace, 'store') });
    const job = await finished(started);
    expect(job.error).toBeNull();
    expect(job.result as ImportResult).toMatchObject({ imported: w.validPnus.length, store: started.target, activated: false });
    expect(await parcelCount()).toBe(4000); // still the sample: the switch is offered, not made
    expect((await client().models())[0]!.reportStale).toBe(false);
    const ws = (await client().stores()).stores.find((s) => s.id === 'workspace')!;
    expect(ws).toMatchObject({ layout: 'pilji', rows: w.validPnus.length, unavailable: null, active: false, invalidatesReports: 1 });
  });

  it('switching to the imported store: counts change, the report turns stale, and re-running it counts against the new store', async () => {
    const after = await client().setActiveStore('workspace');
    expect(after.stores.find((s) => s.active)!.id).toBe('workspace');
    expect(await parcelCount()).toBe(w.validPnus.length);
    expect((await client().catalog()).store!.rows).toBe(w.validPnus.length);
    const [stale] = await client().models();
    expect(stale!.reportStale).toBe(true);
    expect(stale!.report!.counts.matched).toBe(2); // kept, but marked: the UI shows it as stale

    const rerun = await client().rematchModel('목록');
    expect(rerun.reportStale).toBe(false);
    expect(rerun.reportStore?.path).toBe(path.join(workspace, 'store'));
    expect(rerun.report!.counts.matched).toBe(0); // the sample's parcels are not in the imported store
  });

  it('an import while the workspace store is active is read at once', async () => {
    const more = await synthShapefile('11140', 50, {
      dir: tempDir('stores-src2'),
      name: 'LSMD_CONT_LDREG_11140_202406',
      schema: 'lsmd',
      epsg: 5186,
      encoding: 'cp949',
      cpg: true,
      seed: 8,
    });
    const dir = path.dirname(more.base);
    const job = await finished(await client().startImport({ uploadId: await uploadOf(readdirSync(dir).map((f) => path.join(dir, f))) }));
    expect(job.result as ImportResult).toMatchObject({ activated: true });
    expect(await parcelCount()).toBe(w.validPnus.length + more.validPnus.length);
    // the store changed under the report: a new manifest, so the report is stale again
    expect((await client().models())[0]!.reportStale).toBe(true);
  });

  it('back to the sample: its counts again; the choice survives a host restart', async () => {
    await client().setActiveStore('sample');
    expect(await parcelCount()).toBe(4000);
    await server.close();
    server = await startTestServer(workspace);
    // without the saved choice a restarted host would read the workspace's store (it has a manifest)
    expect((await client().stores()).stores.find((s) => s.active)!.id).toBe('sample');
    expect(await parcelCount()).toBe(4000);
  });

  it('an attached Spark (Hive) folder is listed read-only, readable after a restart, and answers queries', async () => {
    const dir = path.join(tempDir('stores-spark'), 'parcels');
    mkdirSync(dir);
    await writeSparkLayout(dir);
    const listed = await client().attachStore(dir);
    const id = `attached:${dir}`;
    // the engine fixes the folders it may read when it starts: a folder attached now waits for a restart
    expect(listed.stores.find((s) => s.id === id)).toMatchObject({
      kind: 'attached',
      layout: 'hive',
      readOnly: true,
      active: false,
      unavailable: 'restart',
    });
    await expect(client().setActiveStore(id)).rejects.toBeInstanceOf(ApiRequestError);

    await server.close();
    server = await startTestServer(workspace);
    expect((await client().stores()).stores.find((s) => s.id === id)).toMatchObject({ readOnly: true, unavailable: null });
    await client().setActiveStore(id);
    expect(await parcelCount()).toBe(4000);
    expect((await client().catalog()).store!.readOnly).toBe(true);
    // the CLI's commands read the same choice, unless --store names another
    expect(await chosenStoreDir(workspace, undefined)).toBe(dir);
    expect(await chosenStoreDir(workspace, paths.sampleStore())).toBe(paths.sampleStore());
  });

  it('refuses a folder that is not a store, and an unknown store id', async () => {
    await expect(client().attachStore(tempDir('stores-nothing'))).rejects.toMatchObject({ status: 400, body: { code: 'bad_request' } });
    await expect(client().attachStore('relative/path')).rejects.toMatchObject({ status: 400 });
    await expect(client().setActiveStore('attached:/nowhere')).rejects.toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
