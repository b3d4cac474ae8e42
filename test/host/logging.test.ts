import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API } from '../../shared/api/contract';
import { JobRegistry } from '../../electron/host/jobs';
import { Logger } from '../../electron/host/logger';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

const parse = (line: string) => JSON.parse(line) as Record<string, unknown>;

describe('structured log', () => {
  it('writes one JSON object per line and rotates by size, keeping a bounded number of files', () => {
    const dir = tempDir('log');
    const logger = new Logger({ dir, maxBytes: 2000, keep: 2 });
    for (let i = 0; i < 100; i++) logger.info('test', `event ${i}`, { queryId: `q${i}`, durationMs: i });
    expect(readdirSync(dir).sort()).toEqual(['pilji.1.log', 'pilji.2.log', 'pilji.log']);
    for (const f of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      expect(text.length).toBeLessThanOrEqual(2000);
      for (const line of text.trimEnd().split('\n'))
        expect(parse(line)).toMatchObject({ level: 'info', component: 'test', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    }
    const last = readFileSync(path.join(dir, 'pilji.log'), 'utf8').trimEnd().split('\n').at(-1)!;
    expect(parse(last)).toMatchObject({ message: 'event 99', queryId: 'q99', durationMs: 99 });
    expect(logger.tail(3).map((l) => parse(l).message)).toEqual(['event 97', 'event 98', 'event 99']);
  });

  it('never throws when the folder cannot be written (the lines stay in memory)', () => {
    const blocker = path.join(tempDir('log-blocked'), 'file');
    writeFileSync(blocker, 'not a folder');
    const logger = new Logger({ dir: path.join(blocker, 'logs') });
    logger.error('test', 'still logged');
    expect(logger.tail(1).map((l) => parse(l).message)).toEqual(['still logged']);
  });

  it('jobs log their start and end with their id and duration', async () => {
    const logger = new Logger();
    const jobs = await JobRegistry.open(logger);
    const job = jobs.start(
      'import',
      'x.zip',
      async () => {
        throw new Error('broken zip');
      },
      () => false,
    );
    await new Promise((r) => setTimeout(r, 10));
    const lines = logger.tail().map(parse);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', component: 'job', message: 'import started', jobId: job.id, label: 'x.zip' }),
      expect.objectContaining({
        level: 'error',
        component: 'job',
        message: 'import failed: broken zip',
        jobId: job.id,
        durationMs: expect.any(Number),
      }),
    ]);
  });
});

describe('diagnostics', () => {
  it('bundles versions, settings and the recent log, queries by id and duration, and never the token', async () => {
    const ws = tempDir('diag');
    const server = await startTestServer(ws);
    try {
      const c = clientOf(server);
      await c.query({ dsl: 'parcels | take 3', queryId: 'diag-ok' });
      await expect(c.query({ dsl: 'parcels | where nope == 1', queryId: 'diag-bad' })).rejects.toMatchObject({ status: 400 });
      const d = await c.diagnostics();
      expect(Object.keys(d.versions)).toEqual(expect.arrayContaining(['pilji', 'node', 'duckdb', 'os']));
      expect(d.versions.duckdb).toMatch(/^v\d+\.\d+/);
      expect(d.settings).toMatchObject({ mode: 'server', workspaceDir: ws, logFile: path.join(ws, 'logs', 'pilji.log') });
      const lines = d.log.map(parse);
      expect(lines[0]).toMatchObject({ component: 'host', message: 'started' });
      expect(lines).toContainEqual(
        expect.objectContaining({ component: 'query', message: 'streaming', queryId: 'diag-ok', durationMs: expect.any(Number) }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ component: 'query', queryId: 'diag-bad', message: expect.stringMatching(/^refused \(400\): .*nope/) }),
      );
      const onDisk = readFileSync(path.join(ws, 'logs', 'pilji.log'), 'utf8');
      expect(onDisk).toContain('"queryId":"diag-ok"');
      expect(JSON.stringify(d)).not.toContain(server.token);
      expect(onDisk).not.toContain(server.token);
      const denied = await fetch(server.url + API.diagnostics);
      expect(denied.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
