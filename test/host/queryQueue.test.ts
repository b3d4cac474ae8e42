import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostCore, type HostCore } from '../../electron/host/hostCore';
import { paths } from '../../electron/host/paths';
import { QueryQueue } from '../../electron/host/queryQueue';
import type { QueryOutcome } from '../../electron/host/queryService';
import { tempDir } from '../store/synthFixtures';

/** A query that keeps the engine busy for minutes unless cancelled (4,000³ rows). */
const LONG = 'sql "SELECT count(*) AS n FROM parcels a, parcels b, parcels c"';
const SHORT = 'parcels | take 3';

async function drain(o: QueryOutcome): Promise<'ok' | string> {
  if (!o.ok) return o.error.code ?? 'error';
  await new Response(o.body).arrayBuffer();
  return 'ok';
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('queries wait in line for the engine', () => {
  let core: HostCore;
  beforeAll(async () => {
    core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('queue'), maxConcurrentQueries: 1 });
  });
  afterAll(async () => core.close());

  it('with one slot: the next waits at its position, a cancel while waiting leaves the line, and the line moves on', async () => {
    const q = core.queries;
    const long = q.run(LONG, 'long').then(drain);
    await until(() => q.status('long')?.state === 'running');
    const second = q.run(SHORT, 'second').then(drain);
    const third = q.run(SHORT, 'third').then(drain);
    await until(() => q.status('third') !== null);
    expect(q.status('second')).toEqual({ state: 'queued', position: 1 });
    expect(q.status('third')).toEqual({ state: 'queued', position: 2 });

    expect(q.cancel('second')).toBe(true);
    expect(await second).toBe('cancelled');
    expect(q.status('third')).toEqual({ state: 'queued', position: 1 });

    expect(q.cancel('long')).toBe(true); // stops it in the engine
    expect(await long).toBe('cancelled');
    expect(await third).toBe('ok');
    expect(q.status('third')).toBeNull();
  });
});

describe('a long query does not hold the short ones back', () => {
  let core: HostCore;
  beforeAll(async () => {
    core = await openHostCore({ storeDir: paths.sampleStore(), workspaceDir: tempDir('queue2'), maxConcurrentQueries: 2 });
  });
  afterAll(async () => core.close());

  it('short queries finish, one after another, while the long one is still running', async () => {
    const q = core.queries;
    let longDone = false;
    const long = q
      .run(LONG, 'long')
      .then(drain)
      .finally(() => (longDone = true));
    await until(() => q.status('long')?.state === 'running');
    for (let i = 0; i < 5; i++) expect(await drain(await q.run(SHORT))).toBe('ok');
    expect(longDone).toBe(false);
    expect(q.status('long')).toEqual({ state: 'running' });
    q.cancel('long');
    expect(await long).toBe('cancelled');
  });
});

describe('one client cannot hold every slot of a shared server', () => {
  it('a client past its share waits while another client runs at once; its query starts when one of its own ends', async () => {
    const queue = new QueryQueue(4, 3);
    const signal = new AbortController().signal;
    const started: string[] = [];
    const take = (id: string, client: string) =>
      queue.acquire(id, signal, client).then((release) => {
        started.push(id);
        return release;
      });
    const a = await Promise.all(['a1', 'a2', 'a3'].map((id) => take(id, '10.0.0.5')));
    const a4 = take('a4', '10.0.0.5');
    await new Promise((r) => setTimeout(r, 10));
    expect(queue.status('a4')).toEqual({ state: 'queued', position: 1 });
    const b1 = await take('b1', '10.0.0.9');
    expect(started).toEqual(['a1', 'a2', 'a3', 'b1']);
    b1();
    await new Promise((r) => setTimeout(r, 10));
    expect(queue.status('a4')).toEqual({ state: 'queued', position: 1 });
    a[0]!();
    (await a4)();
    expect(started).toEqual(['a1', 'a2', 'a3', 'b1', 'a4']);
  });
});
