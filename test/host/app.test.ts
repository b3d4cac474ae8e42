import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import { API, QUERY_META } from '../../shared/api/contract';
import { startServer, type RunningServer } from '../../electron/host/server';
import { paths } from '../../electron/host/paths';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    mode: 'server',
    hostname: '127.0.0.1',
    port: 0,
    storeDir: paths.sampleStore(),
    workspaceDir: mkdtempSync(path.join(os.tmpdir(), 'pilji-ws-')),
    rendererDir: path.join(paths.assets(), 'sample'), // any folder: static routes are tested for confinement
    assetsDir: paths.assets(),
    version: 'test',
  });
});
afterAll(async () => server.close());

const client = () => createClient({ baseUrl: server.url, token: server.token }, (u, i) => fetch(u, i as RequestInit));

describe('access token', () => {
  it.each([
    ['GET', API.health],
    ['GET', API.catalog],
    ['POST', API.query],
    ['POST', API.cancel('x')],
    ['GET', '/'],
    ['GET', '/basemap/skorea-provinces-2018-topo.json'],
    ['GET', '/api/nope'],
  ])('%s %s without the token is 401', async (method, route) => {
    const res = await fetch(server.url + route, { method });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('a wrong token is 401 too', async () => {
    const res = await fetch(server.url + API.health, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
  });

  it('the printed link logs a browser in with an HttpOnly cookie and strips the token', async () => {
    const res = await fetch(server.openUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const again = await fetch(server.url + API.health, { headers: { cookie: cookie.split(';')[0]! } });
    expect(again.status).toBe(200);
  });

  it('sends a strict CSP', async () => {
    const res = await fetch(server.url + API.health, { headers: { authorization: `Bearer ${server.token}` } });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('API', () => {
  it('reports health and the catalog with the store', async () => {
    expect(await client().health()).toEqual({ ok: true, version: 'test', mode: 'server' });
    const { catalog, store } = await client().catalog();
    expect(store!.rows).toBe(4000);
    expect(catalog.tables[0]!.columns.map((c) => c.name)).toContain('PNU');
  });

  it('runs a query and streams Arrow with the SQL in the metadata', async () => {
    const { arrow } = await client().query({ dsl: "parcels | where SGG_NM == '종로구' | take 500" });
    const table = tableFromIPC(arrow);
    expect(table.numRows).toBe(500);
    expect(new Set(table.getChild('SGG_NM')!.toArray())).toEqual(new Set(['종로구']));
    expect(table.schema.metadata.get(QUERY_META.sql)).toContain('LIMIT 500');
    expect(table.schema.metadata.get(QUERY_META.geometryColumn)).toBe('geometry');
    expect(table.getChild('PNU')!.get(0)).toMatch(/^1111\d{15}$/);
  });

  it('returns located DSL errors as 400 with diagnostics', async () => {
    await expect(client().query({ dsl: 'parcels | where 시군구명 == 1' })).rejects.toMatchObject({
      status: 400,
      body: { code: 'dsl', diagnostics: [{ line: 1, col: 17, message: expect.stringMatching(/unknown column '시군구명'/) }] },
    });
  });

  it('an empty result still has its columns', async () => {
    const { arrow } = await client().query({ dsl: "parcels | where PNU == 'none'" });
    const table = tableFromIPC(arrow);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toContain('JIMOK');
  });
});

describe('static files stay inside their folders', () => {
  const get = (p: string) => fetch(server.url + p, { headers: { authorization: `Bearer ${server.token}` } });
  it('serves the basemap', async () => {
    expect((await get('/basemap/skorea-provinces-2018-topo.json')).status).toBe(200);
  });
  it.each([
    '/basemap/../sample/addresses.csv',
    '/basemap/%2e%2e/sample/addresses.csv',
    '/basemap/..%2fsample%2faddresses.csv',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
  ])('%s is not served', async (p) => {
    const res = await get(p);
    const text = await res.text();
    expect(text).not.toContain('신청인');
    expect(text).not.toContain('"name": "pilji"');
  });
});

describe('binding', () => {
  it('refuses a non-loopback address without a strong token', async () => {
    await expect(
      startServer({
        mode: 'server',
        hostname: '0.0.0.0',
        port: 0,
        token: 'short',
        storeDir: paths.sampleStore(),
        workspaceDir: os.tmpdir(),
        rendererDir: os.tmpdir(),
        assetsDir: paths.assets(),
        version: 'test',
      }),
    ).rejects.toThrow(/--token/);
  });
});

describe('limits', () => {
  // last in the file: the server closes this connection without reading the body
  it('refuses oversized bodies', async () => {
    const res = await fetch(server.url + API.query, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dsl: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
  });
});
