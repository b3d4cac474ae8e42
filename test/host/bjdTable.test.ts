import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';
import type { RunningServer } from '../../electron/host/server';
import { clientOf, startTestServer } from './testServer';
import { tempDir } from '../store/synthFixtures';
import { sharedDataDir } from '../../bench/synth/boundaries';

const root = path.resolve(import.meta.dirname, '../..');
/** 법정동코드 전체자료 exactly as code.go.kr hands it out: tab-separated, cp949, CRLF. */
const downloaded = readFileSync(path.join(sharedDataDir(), 'bjd', '법정동코드 전체자료_2025.txt'));

/**
 * A newer table than the shipped one: the download plus a 리 created since, written at the end as
 * a later download would have it (cp949, CRLF).
 */
function newerTable(): Buffer {
  return Buffer.concat([downloaded, iconv.encode('5111039099\t강원특별자치도 춘천시 동내면 새솔리\t존재\r\n', 'cp949')]);
}

describe('a newer 법정동 code table', () => {
  it('when read, an abolished old code leads to the current one', () => {
    // the download lists 경상북도 군위군 (47720…, 폐지) after 대구광역시 군위군 (27720…, 존재)
    const table = parseBjdTable(iconv.decode(newerTable(), 'cp949'));
    expect(table.get('2772000000')).toMatchObject({ name: '대구광역시 군위군', active: true });
    expect(table.get(table.successor('4211039000')!)).toMatchObject({ name: '강원특별자치도 춘천시 동내면', active: true });
    expect(table.successor('4772025021')).toBe('2772025021');
    expect(table.names('5111039099')).toMatchObject({ sido: '강원특별자치도', emd: '동내면', ri: '새솔리' });
  });

  describe('imported through the API', () => {
    const workspaceDir = tempDir('bjd-ws');
    let server: RunningServer;
    beforeAll(async () => {
      server = await startTestServer(workspaceDir);
    });
    afterAll(async () => server.close());
    const client = () => clientOf(server);
    const upload = async (name: string, bytes: Buffer) => {
      const { uploadId } = await client().createUpload();
      await client().uploadFile(uploadId, name, new Blob([new Uint8Array(bytes)]));
      return uploadId;
    };
    const matchNew = async () => {
      const model = await client().registerModel({
        uploadId: await upload('새주소.csv', Buffer.from('주소\n강원특별자치도 춘천시 동내면 새솔리 5\n')),
      });
      const info = await client().setModelMapping(model.name, { kind: 'address', address: '주소' });
      await client().removeModel(model.name);
      return info.report!.unmatched[0]!;
    };

    it('matching uses it from then on; a partial table is refused and changes nothing', async () => {
      expect(await client().bjdTable()).toMatchObject({ source: 'shipped', entries: 49861 });
      expect((await matchNew()).status).toBe('invalid');

      const partial = iconv.encode('법정동코드\t법정동명\t폐지여부\r\n1100000000\t서울특별시\t존재\r\n', 'cp949');
      await expect(client().importBjdTable(await upload('partial.txt', partial))).rejects.toMatchObject({
        status: 400,
        message: /partial\.txt: no active 시도 2600000000/,
      });
      await expect(client().importBjdTable(await upload('bad.txt', iconv.encode('코드\t이름\r\n', 'cp949')))).rejects.toMatchObject({
        status: 400,
        message: /unexpected header/,
      });
      expect((await client().bjdTable()).source).toBe('shipped');

      const info = await client().importBjdTable(await upload('법정동코드 전체자료.txt', newerTable()));
      expect(info.source).toBe('workspace');
      expect(info.entries).toBe(49862);
      const after = await matchNew();
      expect(after).toMatchObject({ status: 'not_found' });
      expect(after.note).toContain('5111039099');
    });
  });

  it('pilji bjd takes the file exactly as downloaded', () => {
    const file = path.join(tempDir('bjd-cli'), '법정동코드 전체자료.txt');
    writeFileSync(file, downloaded);
    const ws = tempDir('bjd-cli-ws');
    const r = spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), 'bjd', file, '--workspace', ws], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/법정동 code table: 49,861 codes \(\d{2},\d{3} in use\)/);
    expect(r.status).toBe(0);
  });
});
