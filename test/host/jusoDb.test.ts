import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../electron/host/paths';
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

  it('road rows are refused until the DB is imported, then the mixed list matches whole; bad files change nothing', async () => {
    expect(await client().jusoDb()).toBeNull();
    const before = await matchMixed();
    expect(before.counts).toMatchObject({ matched: 30, invalid: 30 });
    expect(before.unmatched[0]!.reason?.code).toBe('road_address');

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
    expect(await client().jusoDb()).toBeNull();

    const info = await client().importJusoDb(await upload(files));
    expect(info).toMatchObject({ vintage: '20241031', addresses: 1980 });
    expect(await client().jusoDb()).toEqual(info);
    const after = await matchMixed();
    expect(after.counts).toMatchObject({ matched: 60, invalid: 0, ambiguous: 0, not_found: 0 });
  });
});
