import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/api/contract';
import { createClient } from '../../shared/api/client';
import { csvField } from '../../electron/export/csv';
import { exportBaseName } from '../../electron/export/fileNames';
import { paths } from '../../electron/host/paths';
import { startServer, type RunningServer } from '../../electron/host/server';
import { escapeHtml } from '../../shared/map/escapeHtml';
import { tempDir } from '../store/synthFixtures';

/**
 * The findings of the second security review, each against a real host in server mode: export
 * names, cross-site requests, the login redirect, the Host header, time limits, and CSV cells a
 * spreadsheet would run.
 */
const workspace = tempDir('security-ws');
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    mode: 'server',
    hostname: '127.0.0.1',
    port: 0,
    storeDir: paths.sampleStore(),
    workspaceDir: workspace,
    rendererDir: path.join(paths.assets(), 'sample'),
    assetsDir: paths.assets(),
    version: 'test',
    limits: { queryTimeoutSeconds: 2 },
  });
});
afterAll(async () => server.close());
const auth = () => ({ authorization: `Bearer ${server.token}` });
const json = { 'content-type': 'application/json' };

/** A raw request, so Host and Origin are exactly what an attacker's browser would send. */
function raw(
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      server.url + p,
      { method, agent: false, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('export names cannot leave the workspace', () => {
  it('a shapefile export fetched under ../../../pwned.zip writes only inside its own folder, named as posted', async () => {
    const posted = await fetch(server.url + API.exports, {
      method: 'POST',
      headers: { ...auth(), ...json },
      body: JSON.stringify({ dsl: "parcels | where SGG_NM == '중구' | take 3", format: 'shapefile', name: '../../../중구/..\\pwned' }),
    });
    const { id } = (await posted.json()) as { id: string };
    const res = await fetch(`${server.url}/api/exports/${id}/..%2F..%2F..%2Fpwned.zip`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('_.._.._중구_.._pwned.zip')}`);
    await res.arrayBuffer();
    for (const dir of [workspace, path.dirname(workspace), path.join(workspace, 'tmp')]) {
      expect(readdirSync(dir).filter((f) => f.includes('pwned'))).toEqual([]);
    }
  });

  it.each([
    ['../x', '_x'],
    ['..', 'pilji'],
    ['', 'pilji'],
    ['a/b\\c:d', 'a_b_c_d'],
    ['\u0000\u202e이름', '_이름'],
    [' .hidden. ', 'hidden'],
    ['x'.repeat(300), 'x'.repeat(80)],
  ])('the name %j becomes %j', (name, base) => expect(exportBaseName(name)).toBe(base));
});

describe('cross-site requests', () => {
  const query = JSON.stringify({ dsl: 'parcels | take 1' });
  const cookie = async () => {
    const login = await raw('GET', `/?token=${encodeURIComponent(server.token)}`, {});
    return String(login.headers['set-cookie']).split(';')[0]!;
  };

  it('a form post from another port of the same host (cookie, text/plain) is refused', async () => {
    const c = await cookie();
    const host = new URL(server.url).host;
    const otherPort = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`;
    expect((await raw('POST', API.query, { cookie: c, host, origin: otherPort, 'content-type': 'text/plain' }, query)).status).toBe(403);
    expect(
      (await raw('POST', API.query, { cookie: c, host, 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, query)).status,
    ).toBe(403);
    expect((await raw('POST', API.query, { cookie: c, host, origin: 'null', 'content-type': 'application/json' }, query)).status).toBe(403);
    // no Origin (an old browser): the body must still be JSON, which a form cannot send
    expect((await raw('POST', API.query, { cookie: c, host, 'content-type': 'text/plain' }, query)).status).toBe(415);
    expect((await raw('POST', API.query, { cookie: c, host, 'content-type': 'application/x-www-form-urlencoded' }, query)).status).toBe(
      415,
    );
    expect((await raw('DELETE', '/api/models/x', { cookie: c, host, origin: otherPort })).status).toBe(403);
  });

  it('the same request from the app itself goes through', async () => {
    const c = await cookie();
    const origin = server.url;
    const res = await raw(
      'POST',
      API.query,
      { cookie: c, host: new URL(origin).host, origin, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      query,
    );
    expect(res.status).toBe(200);
  });
});

describe('login and Host', () => {
  it.each(['//evil.example/', '/\\evil.example/', '///evil.example/x'])('the login redirect for %s stays on this host', async (p) => {
    const res = await raw('GET', `${p}?token=${encodeURIComponent(server.token)}`, {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/(?![/\\])/);
  });

  it('a Host this server was not bound to is refused (DNS rebinding); its own names are not', async () => {
    const port = new URL(server.url).port;
    expect((await raw('GET', API.health, { ...auth(), host: `evil.example:${port}` })).status).toBe(403);
    expect((await raw('GET', API.health, { ...auth(), host: `127.0.0.1.evil.example:${port}` })).status).toBe(403);
    expect((await raw('GET', API.health, { ...auth(), host: `127.0.0.1:${port}` })).status).toBe(200);
    expect((await raw('GET', API.health, { ...auth(), host: `localhost:${port}` })).status).toBe(200);
  });
});

describe('limits', () => {
  it('a query past the time limit is stopped and says so; the host answers others meanwhile', async () => {
    const started = Date.now();
    const slow = fetch(server.url + API.query, {
      method: 'POST',
      headers: { ...auth(), ...json },
      body: JSON.stringify({
        dsl: 'sql "SELECT count(*) AS n FROM parcels a, parcels b, parcels c WHERE a.PNU < b.PNU AND b.JIBUN <> c.JIBUN"',
      }),
    });
    expect((await fetch(server.url + API.health, { headers: auth() })).status).toBe(200);
    const res = await slow;
    expect(res.status).toBe(408);
    expect(await res.json()).toMatchObject({ code: 'timeout', params: { seconds: 2 } });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('the engine has an explicit memory limit and spills inside the workspace; diagnostics shows them', async () => {
    const d = (await (await fetch(server.url + API.diagnostics, { headers: auth() })).json()) as { settings: Record<string, unknown> };
    expect(d.settings.engineMemoryLimit).toMatch(/^\d+GB$/);
    expect(d.settings.engineSpillFolder).toBe(path.join(workspace, 'tmp', 'spill'));
    expect(d.settings.queryTimeoutSeconds).toBe(2);
    expect(d.settings.queriesAtOnceForOneClient).toBe(3);
    expect(existsSync(path.join(process.cwd(), '.tmp'))).toBe(false);
  });
});

describe('hostile data files', () => {
  it('a CSV of 100,000 columns is refused at its header, with the count, and the host stays responsive', async () => {
    const client = createClient({ baseUrl: server.url, token: server.token }, (u, i) => fetch(u, i as RequestInit));
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const { uploadId } = await client.createUpload();
    await client.uploadFile(uploadId, 'wide.csv', new Blob([`${header}\n${'1,'.repeat(99_999)}1\n`]));
    await expect(client.registerModel({ uploadId, name: 'wide' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/100,000 columns; a model holds at most 2,000/),
    });
    expect((await fetch(server.url + API.health, { headers: auth() })).status).toBe(200);
    expect((await client.models()).map((m) => m.name)).not.toContain('wide');
  });
});

describe('what leaves as text', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\r=1', `"'\r=1"`],
    ['-12.5', '-12.5'],
    ['+3', '+3'],
    ['-1e5', '-1e5'],
    [-7, '-7'],
    ['서울 종로구', '서울 종로구'],
  ])('a CSV cell %j is written %j', (value, written) => expect(csvField(value)).toBe(written));

  it('a CSV export neutralises formulas in cells and headers, and keeps negative numbers numeric', async () => {
    const dsl = "parcels | take 1 | derive `=cmd` = '=1+2', note = '@x', n = -5 | select `=cmd`, note, n";
    const { url } = (await (
      await fetch(server.url + API.exports, {
        method: 'POST',
        headers: { ...auth(), ...json },
        body: JSON.stringify({ dsl, format: 'csv' }),
      })
    ).json()) as { url: string };
    const text = await (await fetch(server.url + url, { headers: auth() })).text();
    const [header, row] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe("'=cmd,note,n,geometry");
    expect(row).toMatch(/^'=1\+2,'@x,-5,"?POLYGON/);
  });

  it('a basemap attribution reaches the map as text, not HTML', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&copy; 기관')).toBe('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;&#38;copy; 기관');
  });
});
