import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../shared/dsl/examples';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { tempDir } from '../store/synthFixtures';

let core: HostCore;
beforeAll(async () => {
  core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('examples') });
});
afterAll(async () => core.close());

describe('the in-app examples', () => {
  it.each(EXAMPLES.map((e) => [e.title.en, e.dsl]))('%s runs on the sample store and returns rows', async (_, dsl) => {
    const outcome = await core.queries.run(dsl);
    if (!outcome.ok) throw new Error(outcome.error.error);
    const rows = tableFromIPC(new Uint8Array(await new Response(outcome.body).arrayBuffer())).numRows;
    expect(rows).toBeGreaterThan(0);
  });
});
