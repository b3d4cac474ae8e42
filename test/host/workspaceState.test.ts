import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

const CSV = '관리번호,소재지\r\n001,서울 종로구 이화동 21-3\r\n';

async function registerModel(workspaceDir: string, name: string): Promise<void> {
  const server = await startTestServer(workspaceDir);
  try {
    const c = clientOf(server);
    const { uploadId } = await c.createUpload();
    await c.uploadFile(uploadId, `${name}.csv`, new Blob([CSV]));
    await c.registerModel({ uploadId });
  } finally {
    await server.close();
  }
}

describe('workspace state that cannot be read is set aside and reported, never reset in place', () => {
  it.each([
    ['truncated JSON', '{"history": [{"dsl": "parcels | take 1", "at": "2026'],
    ['the wrong shape', '{"history": "parcels", "saved": []}'],
  ])('queries.json with %s', async (_, text) => {
    const ws = tempDir('state-q');
    writeFileSync(path.join(ws, 'queries.json'), text);
    const server = await startTestServer(ws);
    try {
      const c = clientOf(server);
      expect(await c.queryLibrary()).toEqual({ history: [], saved: [] });
      const aside = readdirSync(ws).filter((f) => f.startsWith('queries.json.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(readFileSync(path.join(ws, aside[0]!), 'utf8')).toBe(text); // kept byte for byte
      const { problems } = await c.catalog();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('queries.json could not be read');
      expect(problems[0]).toContain(path.join(ws, aside[0]!));
      // Work goes on in a fresh file; the set-aside copy stays.
      await c.saveQuery('새 질의', 'parcels | take 1');
      expect(JSON.parse(readFileSync(path.join(ws, 'queries.json'), 'utf8')).saved[0].name).toBe('새 질의');
      expect(readdirSync(ws).filter((f) => f.startsWith('queries.json.corrupt-'))).toEqual(aside);
    } finally {
      await server.close();
    }
  });

  it('a model whose model.json is damaged is set aside at start; the other models still open', async () => {
    const ws = tempDir('state-m');
    await registerModel(ws, '갑');
    await registerModel(ws, '을');
    const folder = readdirSync(path.join(ws, 'models')).find((d) =>
      readFileSync(path.join(ws, 'models', d, 'model.json'), 'utf8').includes('"을"'),
    )!;
    const damaged = path.join(ws, 'models', folder, 'model.json');
    writeFileSync(damaged, readFileSync(damaged, 'utf8').slice(0, 40));
    const server = await startTestServer(ws);
    try {
      const c = clientOf(server);
      expect((await c.models()).map((m) => m.name)).toEqual(['갑']);
      const { problems } = await c.catalog();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`model folder ${folder} could not be opened (`);
      expect(problems[0]).toMatch(new RegExp(`set aside as ${path.join(ws, 'models', folder)}\\.corrupt-\\d{8}T\\d{6}$`));
      expect(readdirSync(path.join(ws, 'models')).filter((d) => d.startsWith(folder))).toEqual([expect.stringMatching(/\.corrupt-/)]);
    } finally {
      await server.close();
    }
    // Not reported again, nor moved twice, at the next start.
    const again = await startTestServer(ws);
    try {
      expect((await clientOf(again).catalog()).problems).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('queries.json survives kills at any point of its writes: always the old or the new file, whole', async () => {
    const ws = tempDir('state-kill');
    const script = `
      import { QueryLibrary } from ${JSON.stringify(path.resolve('electron/host/queryLibrary.ts'))};
      import { WorkspaceProblems } from ${JSON.stringify(path.resolve('electron/workspace/workspaceState.ts'))};
      const lib = new QueryLibrary(process.argv[1], new WorkspaceProblems());
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) await lib.save('질의 ' + (i % 50), 'parcels | take ' + i + ' -- ' + 'x'.repeat(i % 4000));
    `;
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ws], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, 50 + round * 37));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const lib = JSON.parse(readFileSync(path.join(ws, 'queries.json'), 'utf8')) as { saved: { name: string; dsl: string }[] };
      expect(lib.saved.length).toBeGreaterThan(0);
      expect(lib.saved.every((q) => q.dsl.startsWith('parcels | take '))).toBe(true);
    }
    expect(readdirSync(ws).filter((f) => f.includes('.corrupt-'))).toEqual([]);
  });
});

describe('scratch left by a killed process', () => {
  it('is removed when the host opens the workspace, once it is an hour old; fresh scratch is kept', async () => {
    const { mkdirSync, utimesSync, existsSync } = await import('node:fs');
    const ws = tempDir('state-tmp');
    mkdirSync(path.join(ws, 'tmp', 'old-scratch'), { recursive: true });
    writeFileSync(path.join(ws, 'tmp', 'export-old.parquet'), 'x');
    writeFileSync(path.join(ws, 'tmp', 'export-new.parquet'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(ws, 'tmp', 'export-old.parquet'), twoHoursAgo, twoHoursAgo);
    utimesSync(path.join(ws, 'tmp', 'old-scratch'), twoHoursAgo, twoHoursAgo);
    const server = await startTestServer(ws);
    await server.close();
    expect(existsSync(path.join(ws, 'tmp', 'export-old.parquet'))).toBe(false);
    expect(existsSync(path.join(ws, 'tmp', 'old-scratch'))).toBe(false);
    expect(existsSync(path.join(ws, 'tmp', 'export-new.parquet'))).toBe(true);
  });
});
