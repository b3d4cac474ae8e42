import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/api/contract';
import { paths } from '../../electron/host/paths';
import { startServer, type RunningServer } from '../../electron/host/server';

/**
 * Server mode's access rules, route by route: the route list comes from the host itself, so a
 * route added later is tested without anyone remembering to add it here.
 */
let server: RunningServer;
let workspace: string;
let outside: string;
const UPLOAD_LIMIT = 64 * 1024;

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pilji-access-'));
  workspace = path.join(root, 'workspace');
  outside = path.join(root, 'outside');
  const renderer = path.join(root, 'renderer');
  mkdirSync(outside);
  mkdirSync(renderer);
  writeFileSync(path.join(outside, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Pilji</title>');
  symlinkSync(outside, path.join(renderer, 'linked-dir'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(renderer, 'linked-file.txt'));
  server = await startServer({
    mode: 'server',
    hostname: '127.0.0.1',
    port: 0,
    storeDir: paths.sampleStore(),
    workspaceDir: workspace,
    rendererDir: renderer,
    assetsDir: paths.assets(),
    version: 'test',
    maxUploadBytes: UPLOAD_LIMIT,
  });
});
afterAll(async () => server.close());

const auth = () => ({ authorization: `Bearer ${server.token}` });
const UUID = '00000000-0000-4000-8000-000000000000';

/** A concrete request path for a route pattern: parameters and wildcards filled in. */
function concrete(pattern: string): string {
  return pattern
    .replace(/:id\b/g, UUID)
    .replace(/:name\b/g, 'x')
    .replace(/:\w+/g, 'x')
    .replace(/\*/g, 'x');
}

function requests(): [string, string][] {
  return server.routes.flatMap(({ method, path: p }) =>
    (method === 'ALL' ? ['GET', 'POST', 'PUT', 'DELETE'] : [method]).map((m): [string, string] => [m, concrete(p)]),
  );
}

describe('every route needs the token', () => {
  it('the host lists its routes, the API ones included', () => {
    const listed = server.routes.map((r) => `${r.method} ${r.path}`);
    for (const r of [
      'GET /api/health',
      'POST /api/query',
      'PUT /api/uploads/:id/:name',
      'POST /api/imports',
      'POST /api/models',
      'DELETE /api/models/:name',
      'POST /api/bjd',
      'POST /api/exports',
      'GET /api/exports/:id/:name',
      'POST /api/jobs/:id/cancel',
      'GET /basemap/*',
    ]) {
      expect(listed).toContain(r);
    }
    expect(requests().length).toBeGreaterThan(30);
  });

  it('no route answers without the token, with a wrong one, or with the token in the URL of a non-GET', async () => {
    const failures: string[] = [];
    for (const [method, p] of requests()) {
      const body = method === 'GET' ? undefined : '{}';
      const attempts: [string, RequestInit, string][] = [
        ['none', { method, body }, p],
        ['wrong', { method, body, headers: { authorization: 'Bearer ' + 'x'.repeat(32) } }, p],
        ['wrong cookie', { method, body, headers: { cookie: 'pilji_session=nope' } }, p],
      ];
      if (method !== 'GET') attempts.push(['token in URL', { method, body }, `${p}?token=${encodeURIComponent(server.token)}`]);
      for (const [how, init, url] of attempts) {
        const res = await fetch(server.url + url, { ...init, redirect: 'manual' });
        if (res.status !== 401) failures.push(`${method} ${url} (${how}): ${res.status}`);
        await res.body?.cancel();
      }
    }
    expect(failures).toEqual([]);
  });

  it('with the token the same requests get past the check', async () => {
    const res = await fetch(server.url + API.health, { headers: auth() });
    expect(res.status).toBe(200);
    const jobs = await fetch(server.url + concrete('/api/jobs/:id'), { headers: auth() });
    expect(jobs.status).toBe(404); // reached the route: no such job
  });
});

describe('files stay inside their folders', () => {
  it.each([
    '/linked-dir/secret.txt',
    '/linked-file.txt',
    '/..%2foutside%2fsecret.txt',
    '/%2e%2e/outside/secret.txt',
    '/linked-dir%2fsecret.txt',
    '/basemap/..%2f..%2fpackage.json',
  ])('%s is not served', async (p) => {
    const res = await fetch(server.url + p, { headers: auth() });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('an upload named with a path lands inside its upload folder, under its base name', async () => {
    const { uploadId } = (await (await fetch(server.url + API.uploads, { method: 'POST', headers: auth() })).json()) as {
      uploadId: string;
    };
    const res = await fetch(`${server.url}/api/uploads/${uploadId}/..%2F..%2Fescaped.txt`, {
      method: 'PUT',
      headers: auth(),
      body: 'data',
    });
    expect(res.status).toBe(200);
    expect(existsSync(path.join(workspace, 'escaped.txt'))).toBe(false);
    expect(existsSync(path.join(workspace, 'uploads', 'escaped.txt'))).toBe(false);
    expect(readdirSync(path.join(workspace, 'uploads', uploadId))).toEqual(['escaped.txt']);
  });

  it.each(['%2E%2E%5C%2E%2E%5Cwin.txt', '.hidden', '...'])('the name %s is refused', async (name) => {
    const { uploadId } = (await (await fetch(server.url + API.uploads, { method: 'POST', headers: auth() })).json()) as {
      uploadId: string;
    };
    const res = await fetch(`${server.url}/api/uploads/${uploadId}/${name}`, { method: 'PUT', headers: auth(), body: 'data' });
    expect(res.status).toBe(400);
  });

  it('an unknown or malformed upload id is 404', async () => {
    for (const id of [UUID, '..', 'abc']) {
      const res = await fetch(`${server.url}/api/uploads/${id}/a.txt`, { method: 'PUT', headers: auth(), body: 'data' });
      // '..' is resolved away by the client: /api/a.txt, no route, and a body that is not JSON (415)
      expect(res.status, id).toBe(id === '..' ? 415 : 404);
    }
  });
});

describe('size limits', () => {
  it('an upload over the limit is refused with 413 and leaves no partial file', async () => {
    const { uploadId } = (await (await fetch(server.url + API.uploads, { method: 'POST', headers: auth() })).json()) as {
      uploadId: string;
    };
    const res = await fetch(`${server.url}/api/uploads/${uploadId}/big.zip`, {
      method: 'PUT',
      headers: auth(),
      body: Buffer.alloc(UPLOAD_LIMIT + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/big\.zip is larger than the upload limit \(65536 bytes\)/);
    expect(readdirSync(path.join(workspace, 'uploads', uploadId))).toEqual([]);
    const ok = await fetch(`${server.url}/api/uploads/${uploadId}/small.zip`, {
      method: 'PUT',
      headers: auth(),
      body: Buffer.alloc(UPLOAD_LIMIT),
    });
    expect(ok.status).toBe(200);
  });

  // Each on its own connection: after a 413 the server closes it without reading the rest.
  it.each([API.query, API.imports, API.models, API.exports, API.bjd, '/api/queries/saved/x'])(
    '%s refuses a JSON body over 1 MiB',
    async (route) => {
      const body = JSON.stringify({ x: 'y'.repeat(1024 * 1024) });
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          server.url + route,
          {
            method: route.includes('saved') ? 'PUT' : 'POST',
            agent: false,
            headers: { ...auth(), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      expect(status).toBe(413);
    },
  );
});

describe('binding off loopback', () => {
  const start = (token: string | undefined) =>
    startServer({
      mode: 'server',
      hostname: '127.0.0.2',
      port: 0,
      token, // loopback in fact, but not one the host trusts: nothing leaves the machine
      storeDir: paths.sampleStore(),
      workspaceDir: workspace,
      rendererDir: outside,
      assetsDir: paths.assets(),
      version: 'test',
    });

  it.each([
    [undefined, /no token was given/],
    ['short', /5 characters/],
    ['a'.repeat(40), /too few different characters/],
    ['1234567890'.repeat(3).slice(0, 25), /run of neighbouring characters/],
    ['abcdefghijklmnopqrstuv', /run of neighbouring characters/],
    ['qwertyuiopasdfghjklzxcvbnm', /run of neighbouring characters/],
    ['8301947562019384756201', /too guessable.*about 73 bits/],
    ['Zq8-vR2kT_x9bLm4WcN7pYd3', null],
  ])('token %s', async (token, reason) => {
    if (reason) {
      await expect(start(token)).rejects.toThrow(reason);
      return;
    }
    const s = await start(token);
    expect(s.url).toContain('127.0.0.2');
    await s.close();
  });
});
