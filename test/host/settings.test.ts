import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API } from '../../shared/api/contract';
import { validBasemap } from '../../shared/map/basemapSetting';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';

describe('basemap setting', () => {
  it.each([
    [
      { kind: 'xyz', url: 'http://tiles.example.go.kr/{z}/{x}/{y}.png' },
      { kind: 'xyz', url: 'http://tiles.example.go.kr/{z}/{x}/{y}.png' },
    ],
    [
      {
        kind: 'xyz',
        url: 'https://wmts.example.go.kr/1.0.0/base/default/{TileMatrix}/{TileRow}/{TileCol}.png',
        attribution: ' 국토지리정보원 ',
      },
      {
        kind: 'xyz',
        url: 'https://wmts.example.go.kr/1.0.0/base/default/{TileMatrix}/{TileRow}/{TileCol}.png',
        attribution: '국토지리정보원',
      },
    ],
    [
      { kind: 'style', url: 'http://10.0.0.5:8080/styles/base.json' },
      { kind: 'style', url: 'http://10.0.0.5:8080/styles/base.json' },
    ],
    [{ kind: 'offline', url: 'ignored' }, { kind: 'offline' }],
    [
      { kind: 'xyz', url: 'http://tiles.example.go.kr/{z}/{x}.png' },
      'a tile URL needs {z}, {x} and {y} (or WMTS {TileMatrix}, {TileCol}, {TileRow})',
    ],
    [{ kind: 'style', url: 'file:///etc/passwd' }, 'the URL must start with http:// or https:// and a host: file:///etc/passwd'],
    [{ kind: 'style', url: 'javascript:alert(1)' }, 'the URL must start with http:// or https:// and a host: javascript:alert(1)'],
    [{ kind: 'tms', url: 'http://x/{z}/{x}/{y}' }, "unknown basemap kind 'tms'"],
    [
      { kind: 'file', path: ' D:\\지도\\서울.MBTiles ' },
      { kind: 'file', path: 'D:\\지도\\서울.MBTiles' },
    ],
    [
      { kind: 'file', path: '/srv/maps/korea.pmtiles', url: 'ignored' },
      { kind: 'file', path: '/srv/maps/korea.pmtiles' },
    ],
    [{ kind: 'file', path: '/etc/passwd' }, 'a basemap file is a .pmtiles or .mbtiles file: /etc/passwd'],
    [{ kind: 'file' }, 'give the path of a .pmtiles or .mbtiles file on the computer Pilji runs on'],
  ])('%j → %j', (input, expected) => {
    expect(validBasemap(input)).toEqual(expected);
  });

  it('is kept in the workspace; the page may then reach that one server (CSP), and no other', async () => {
    const ws = tempDir('settings');
    let server = await startTestServer(ws);
    try {
      const c = clientOf(server);
      expect(await c.settings()).toEqual({ basemap: { kind: 'offline' } });
      const csp = async () =>
        (await fetch(server.url + API.health, { headers: { authorization: `Bearer ${server.token}` } })).headers.get(
          'content-security-policy',
        )!;
      expect(await csp()).toContain("connect-src 'self';");
      await expect(c.setBasemap({ kind: 'xyz', url: 'ftp://x/{z}/{x}/{y}' })).rejects.toMatchObject({ status: 400 });
      await c.setBasemap({ kind: 'xyz', url: 'http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png' });
      expect(await csp()).toContain("img-src 'self' data: blob: http://10.1.2.3:8080;");
      expect(await csp()).toContain("connect-src 'self' http://10.1.2.3:8080;");
      expect(await csp()).not.toContain('unsafe-eval');
      await server.close();
      server = await startTestServer(ws);
      expect((await clientOf(server).settings()).basemap).toEqual({ kind: 'xyz', url: 'http://10.1.2.3:8080/tiles/{z}/{x}/{y}.png' });
      await clientOf(server).setBasemap({ kind: 'offline' });
      expect(await csp()).toContain("connect-src 'self';");
    } finally {
      await server.close();
    }
  });

  it('a damaged settings.json is set aside and reported; the basemap is offline', async () => {
    const ws = tempDir('settings-bad');
    writeFileSync(`${ws}/settings.json`, '{"basemap": {"kind": "style", "url": "file:///etc"}}');
    const server = await startTestServer(ws);
    try {
      expect(await clientOf(server).settings()).toEqual({ basemap: { kind: 'offline' } });
      expect((await clientOf(server).catalog()).problems[0]).toMatch(/^settings\.json could not be read/);
      expect(readdirSync(ws).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("the page's view (tabs, layers, language)", () => {
  it('is kept per client across a restart; another client starts with none', async () => {
    const ws = tempDir('ui-state');
    let server = await startTestServer(ws);
    try {
      const c = clientOf(server);
      expect(await c.uiState('client-aaaa-1')).toBeNull();
      await c.setUiState('client-aaaa-1', { lang: 'en', tabs: [{ name: '신청 목록', dsl: 'parcels | take 1' }] });
      await c.setUiState('client-bbbb-2', { lang: 'ko' });
      await expect(c.setUiState('../etc', { lang: 'ko' })).rejects.toMatchObject({ status: 400 });
      await server.close();
      server = await startTestServer(ws);
      expect(await clientOf(server).uiState('client-aaaa-1')).toEqual({
        lang: 'en',
        tabs: [{ name: '신청 목록', dsl: 'parcels | take 1' }],
      });
      expect(await clientOf(server).uiState('client-cccc-3')).toBeNull();
    } finally {
      await server.close();
    }
  });
});
