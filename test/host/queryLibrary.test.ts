import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

const workspaceDir = tempDir('library-ws');
let server: RunningServer;
const start = () => startTestServer(workspaceDir);
beforeAll(async () => {
  server = await start();
});
afterAll(async () => server.close());
const client = () => clientOf(server);

describe('query history and saved queries, per workspace', () => {
  it('records what ran (newest first, once per text), not what failed; saves and deletes by name; survives a restart', async () => {
    await client().query({ dsl: 'parcels | take 1' });
    await client().query({ dsl: 'parcels | take 2' });
    await client().query({ dsl: 'parcels | take 1\n' });
    await expect(client().query({ dsl: 'parcels | where nope == 1' })).rejects.toMatchObject({ status: 400 });
    await new Promise((r) => setTimeout(r, 100)); // history is written after the response
    expect((await client().queryLibrary()).history.map((h) => h.dsl)).toEqual(['parcels | take 1', 'parcels | take 2']);

    await client().saveQuery('종로구 대지', "parcels | where SGG_NM == '종로구' and JIMOK == '대'");
    await client().saveQuery('가나다', 'parcels | take 3');
    const lib = await client().deleteSavedQuery('가나다');
    expect(lib.saved.map((s) => s.name)).toEqual(['종로구 대지']);

    await server.close();
    server = await start();
    const again = await client().queryLibrary();
    expect(again.saved[0]).toMatchObject({ name: '종로구 대지', dsl: "parcels | where SGG_NM == '종로구' and JIMOK == '대'" });
    expect(again.history).toHaveLength(2);
  });
});
