import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { resolveAnyAddress } from '../../shared/address/resolveRoadAddress';
import type { RunningServer } from '../../electron/host/server';
import { tempDir } from '../store/synthFixtures';
import { clientOf, startTestServer } from './testServer';

/** The shipped sample 도로명주소 DB (generated, official layout, cp949) imported through the API, as the data pane does. */
describe('the 도로명주소 DB through the API', () => {
  const workspaceDir = tempDir('juso-api');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(workspaceDir);
  });
  afterAll(async () => server.close());
  const client = () => clientOf(server);
  const upload = async (files: [string, Buffer][]) => {
    const { uploadId } = await client().createUpload();
    for (const [name, bytes] of files) await client().uploadFile(uploadId, name, new Blob([new Uint8Array(bytes)]));
    return uploadId;
  };
  const mixed = readFileSync(path.join(paths.assets(), 'sample', 'addresses_mixed.csv'));
  const matchMixed = async () => {
    const model = await client().registerModel({ uploadId: await upload([['도로명목록.csv', mixed]]) });
    const info = await client().setModelMapping(model.name, { kind: 'address', address: '소재지' });
    await client().removeModel(model.name);
    return info.report!;
  };

  it('the sample store comes with the sample DB (marked as such), so the mixed list matches whole on the first screen', async () => {
    expect(await client().jusoDb()).toMatchObject({ sample: true, vintage: '20241031', addresses: 1980 });
    const first = await matchMixed();
    expect(first.counts).toMatchObject({ matched: 60, invalid: 0, ambiguous: 0, not_found: 0 });
  });

  it("the workspace's own DB replaces the sample's once imported; bad files change nothing", async () => {
    const dir = path.join(paths.assets(), 'sample', 'juso');
    const files = readdirSync(dir).map((n): [string, Buffer] => [n, readFileSync(path.join(dir, n))]);
    // a 주소DB file without the files it is read with: refused with a code and parameters the UI words
    await expect(client().importJusoDb(await upload([['주소_서울.txt', Buffer.from('x|y\n')]]))).rejects.toMatchObject({
      status: 400,
      body: { reason: 'juso_incomplete', params: { file: '주소_서울.txt', missing: '지번_<시도>.txt, 개선_도로명코드_전체분.txt' } },
    });
    await expect(client().importJusoDb(await upload(files), true)).rejects.toMatchObject({
      status: 400,
      message: /no 도로명주소 DB in this workspace to update/,
      body: { reason: 'juso_no_index' },
    });
    expect(await client().jusoDb()).toMatchObject({ sample: true });

    const info = await client().importJusoDb(await upload(files));
    expect(info).toMatchObject({ vintage: '20241031', addresses: 1980 });
    expect(info.sample).toBeUndefined();
    expect(await client().jusoDb()).toEqual(info);
    const after = await matchMixed();
    expect(after.counts).toMatchObject({ matched: 60, invalid: 0, ambiguous: 0, not_found: 0 });
  });
});

/** Another store than the sample never resolves through the sample's made-up buildings. */
describe('the sample 도로명주소 DB and other stores', () => {
  it('a copy of the sample store in another folder has no 도로명주소 DB: road rows are refused as road addresses', async () => {
    const storeDir = tempDir('juso-other-store');
    cpSync(paths.sampleStore(), storeDir, { recursive: true });
    const core = await openHostCore({ storeDir, workspaceDir: tempDir('juso-other-ws'), readableDirs: [paths.sampleStore()] });
    try {
      expect(await core.roadIndex()).toBeNull();
      expect(await core.jusoInfo()).toBeNull();
      const r = resolveAnyAddress(core.placeIndex(), await core.roadIndex(), '서울특별시 중구 시청로 103-1');
      expect(r).toMatchObject({ status: 'invalid', reason: { code: 'road_address' } });
      await core.useStore(paths.sampleStore());
      expect(resolveAnyAddress(core.placeIndex(), await core.roadIndex(), '서울특별시 중구 시청로 103-1')).toMatchObject({
        status: 'resolved',
        pnu: '1114014400100040014',
      });
    } finally {
      await core.close();
    }
  });
});
