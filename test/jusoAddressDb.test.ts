import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressDbFiles, addressDbKey } from '../bench/synth/addressDbGenerator';
import { generateJusoChanges, generateJusoFiles, type JusoBuilding } from '../bench/synth/jusoGenerator';
import { numberOf, writtenForms } from '../bench/synth/roadAddressForms';
import { openEngine, type Engine } from '../electron/engine/engine';
import { jusoIndexFile, jusoIndexInfo, loadRoadIndex } from '../electron/juso/jusoIndexFile';
import { importJuso } from '../electron/juso/jusoImport';
import { JusoInputError } from '../electron/juso/jusoSources';
import { PlaceIndex } from '../shared/address/placeIndex';
import type { RoadIndex } from '../shared/address/roadIndex';
import { resolveAnyAddress } from '../shared/address/resolveRoadAddress';
import { literalSql } from '../shared/dsl/sqlgen';
import { sampleJusoParcels } from './jusoFixtures';
import { bjdTable, tempDir } from './store/synthFixtures';

const root = path.resolve(import.meta.dirname, '..');
const pilji = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const places = new PlaceIndex(bjdTable);
const lines = (b: Buffer) => iconv.decode(b, 'cp949').split('\r\n').filter(Boolean);

function writeDir(dir: string, files: Map<string, Buffer>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(path.join(dir, name), bytes);
  return dir;
}

/**
 * What an index holds, whatever the family it came from: its rows without the files' keys, in
 * order; each row's related parcels as a set (the file keeps them in no order; the loader sorts).
 */
async function indexRows(engine: Engine, ws: string): Promise<unknown[]> {
  return engine.rows(
    `SELECT sgg, road, underground, bonbun, bubun, pnu, array_to_string(list_sort(string_split(related, ' ')), ' ') AS related, name, emd, ri, sido, sgg_name, road_code FROM read_parquet(${literalSql(jusoIndexFile(ws))})`,
  );
}

/** An import refused: its code and parameters, and the English message. */
async function refusal(p: Promise<unknown>): Promise<{ reason?: string; params: Record<string, string | number>; message: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(JusoInputError);
  const j = e as JusoInputError;
  return { reason: j.reason, params: j.params, message: j.message };
}

describe('the 주소DB family (주소_/지번_/부가정보_ + 개선_도로명코드): the same index as 도로명주소 한글', async () => {
  const parcels = await sampleJusoParcels();
  const hangul = generateJusoFiles(parcels);
  const files = addressDbFiles(hangul, parcels);
  const live = hangul.buildings.filter((b) => !b.removed);
  const dir = tempDir('juso-addressdb');
  const hangulDir = writeDir(path.join(dir, 'hangul'), hangul.files);
  const addressDir = writeDir(path.join(dir, '202410_주소DB_전체분'), files);
  const wsHangul = tempDir('juso-ws-hangul');
  const wsAddress = tempDir('juso-ws-addressdb');
  let engine: Engine;
  beforeAll(async () => {
    engine = await openEngine({ allowedDirectories: [dir, wsHangul, wsAddress] });
  });
  afterAll(async () => engine?.close());

  it('the generator writes the official 주소DB layout: 25-digit keys, 대표여부, 도로명코드 with 읍면동일련번호', () => {
    expect([...files.keys()].sort()).toEqual([
      '개선_도로명코드_전체분.txt',
      '부가정보_강원특별자치도.txt',
      '부가정보_서울특별시.txt',
      '부가정보_전북특별자치도.txt',
      '주소_강원특별자치도.txt',
      '주소_서울특별시.txt',
      '주소_전북특별자치도.txt',
      '지번_강원특별자치도.txt',
      '지번_서울특별시.txt',
      '지번_전북특별자치도.txt',
    ]);
    const address = lines(files.get('주소_서울특별시.txt')!).map((l) => l.split('|'));
    const lots = lines(files.get('지번_서울특별시.txt')!).map((l) => l.split('|'));
    const roads = lines(files.get('개선_도로명코드_전체분.txt')!).map((l) => l.split('|'));
    expect(address.every((r) => r.length === 11 && /^\d{25}$/.test(r[0]!) && /^\d{12}$/.test(r[1]!) && /^\d{2}$/.test(r[2]!))).toBe(true);
    expect(lots.every((r) => r.length === 11)).toBe(true);
    expect(roads.every((r) => r.length === 17)).toBe(true);
    expect(lines(files.get('부가정보_서울특별시.txt')!).every((l) => l.split('|').length === 9)).toBe(true);
    // one 대표지번 per address; a building over several parcels has its 관련지번 (대표여부 0)
    const mains = new Map<string, number>();
    for (const r of lots) if (r[10] === '1') mains.set(r[0]!, (mains.get(r[0]!) ?? 0) + 1);
    expect([...mains.values()].every((n) => n === 1)).toBe(true);
    expect(mains.size).toBe(address.length);
    const wide = live.find((b) => b.related.length >= 4 && b.sggCode.startsWith('11'))!;
    expect(lots.filter((r) => r[0] === addressDbKey(wide) && r[10] === '0')).toHaveLength(wide.related.length);
    // 산 in a PNU is 2; the files write 1
    const san = live.find((b) => b.pnu[10] === '2' && b.sggCode.startsWith('11'));
    if (san) expect(lots.find((r) => r[0] === addressDbKey(san) && r[10] === '1')![7]).toBe('1');
    expect(address.some((r) => r[7] === '63')).toBe(true);
    // a road runs through several 읍면동: one code row each, and an old name not in use
    expect(roads.some((r) => r[3] === '02')).toBe(true);
    expect(roads.some((r) => r[12] === '1' && r[1]!.endsWith('옛길'))).toBe(true);
  });

  it('both families give the same index and the same resolutions for the same parcels', async () => {
    const r = pilji('juso', addressDir, '--workspace', wsAddress);
    expect(r.stderr).toBe('');
    const related = live.reduce((s, b) => s + b.related.length, 0);
    expect(r.stdout).toContain(
      `도로명주소 DB (주소DB, ${hangul.vintage}): ${live.length.toLocaleString()} road addresses, ${related.toLocaleString()} related parcels, ${hangul.buildings.length - live.length} 폐지 rows left out, from 10 files`,
    );
    await importJuso([hangulDir], wsHangul, engine);
    const a = (await jusoIndexInfo(engine, wsAddress))!;
    const h = (await jusoIndexInfo(engine, wsHangul))!;
    expect(a.family).toBe('addressDb');
    expect(h.family).toBe('hangul');
    expect({ ...a, family: '', importedAt: '' }).toEqual({ ...h, family: '', importedAt: '' });
    expect(await indexRows(engine, wsAddress)).toEqual(await indexRows(engine, wsHangul));

    const roadsA = (await loadRoadIndex(engine, wsAddress))!;
    const roadsH = (await loadRoadIndex(engine, wsHangul))!;
    for (const b of live) {
      const hit = roadsA.buildings(b.sggCode, b.road, b.underground, b.bonbun, b.bubun);
      expect(hit.map((x) => [x.pnu, x.related, x.name])).toEqual([[b.pnu, [...b.related].sort(), b.name]]);
    }
    const resolutions = (roads: RoadIndex) =>
      live.slice(0, 300).flatMap((b) => writtenForms(b).map((t) => resolveAnyAddress(places, roads, t)));
    const fromA = resolutions(roadsA);
    expect(fromA).toEqual(resolutions(roadsH));
    expect(fromA.every((x) => x.status === 'resolved')).toBe(true);
  });

  it('daily changes (변경사유코드 31/34/63) apply on top, without the road-name code file, as the 한글 ones do', async () => {
    const changes = generateJusoChanges(hangul, parcels);
    const changeDir = writeDir(path.join(dir, 'changes'), addressDbFiles(changes, parcels, false));
    await importJuso([writeDir(path.join(dir, 'changes-hangul'), changes.files)], wsHangul, engine, { update: true });
    const r = pilji('juso', '--update', changeDir, '--workspace', wsAddress);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${changes.after.length.toLocaleString()} road addresses`);
    expect(await indexRows(engine, wsAddress)).toEqual(await indexRows(engine, wsHangul));
    const updated = (await loadRoadIndex(engine, wsAddress))!;
    for (const b of changes.after)
      expect(updated.buildings(b.sggCode, b.road, b.underground, b.bonbun, b.bubun).map((x) => x.pnu)).toEqual([b.pnu]);
    for (const b of changes.buildings.filter((x) => x.removed)) {
      const res = resolveAnyAddress(places, updated, `${b.sgg} ${b.road}${b.underground ? ' 지하' : ''} ${numberOf(b)}`);
      expect(res.status).toBe('invalid');
    }
  });

  it('refuses a file set it cannot read, with a located, coded error; the index in use stays as it was', async () => {
    const before = await indexRows(engine, wsAddress);
    const info = await jusoIndexInfo(engine, wsAddress);
    const other = path.join(dir, 'other.txt');
    writeFileSync(other, 'x|y\r\n');
    expect(await refusal(importJuso([other], wsAddress, engine))).toMatchObject({
      reason: 'juso_unrecognised',
      params: { file: 'other.txt' },
    });
    const empty = writeDir(path.join(dir, 'empty'), new Map([['readme.txt', Buffer.from('x')]]));
    expect((await refusal(importJuso([empty], wsAddress, engine))).reason).toBe('juso_unrecognised');
    // 주소_ alone: its parcels and road names are in files not given
    const alone = writeDir(path.join(dir, 'alone'), new Map([['주소_서울특별시.txt', files.get('주소_서울특별시.txt')!]]));
    expect(await refusal(importJuso([alone], wsAddress, engine))).toMatchObject({
      reason: 'juso_incomplete',
      params: { file: '주소_서울특별시.txt', missing: '지번_<시도>.txt, 개선_도로명코드_전체분.txt' },
    });
    const mixed = writeDir(path.join(dir, 'mixed'), new Map([...files, ['rnaddrkor_seoul.txt', hangul.files.get('rnaddrkor_seoul.txt')!]]));
    expect((await refusal(importJuso([mixed], wsAddress, engine))).reason).toBe('juso_mixed_families');
    // 한글 change files name addresses by 26-digit keys this index (25) does not have
    expect(await refusal(importJuso([hangulDir], wsAddress, engine, { update: true }))).toMatchObject({
      reason: 'juso_family_mismatch',
      params: { family: '도로명주소 한글', index: '주소DB' },
    });
    // a bad field, by file and line
    const lots = lines(files.get('지번_서울특별시.txt')!);
    const bad = lots[2]!.split('|');
    bad[10] = '2';
    const badDir = writeDir(
      path.join(dir, 'bad'),
      new Map([
        ...files,
        ['지번_서울특별시.txt', iconv.encode([...lots.slice(0, 2), bad.join('|'), ...lots.slice(3)].join('\r\n'), 'cp949')],
      ]),
    );
    const badRow = await refusal(importJuso([badDir], wsAddress, engine));
    expect(badRow).toMatchObject({ reason: 'juso_bad_flag', params: { file: '지번_서울특별시.txt:3', field: '대표여부', value: '2' } });
    expect(badRow.message).toBe("지번_서울특별시.txt:3: 대표여부 '2' is not 0 or 1");
    const short = writeDir(
      path.join(dir, 'short'),
      new Map([...files, ['개선_도로명코드_전체분.txt', iconv.encode('111101234567|세종대로|00\r\n', 'cp949')]]),
    );
    const shortRow = await refusal(importJuso([short], wsAddress, engine));
    expect(shortRow.message).toBe('개선_도로명코드_전체분.txt:1: 3 columns, not 17 (도로명코드 layout)');
    expect(shortRow).toMatchObject({ reason: 'juso_bad_columns', params: { columns: 3, expected: 17, layout: '도로명코드' } });
    expect(await jusoIndexInfo(engine, wsAddress)).toEqual(info);
    expect(await indexRows(engine, wsAddress)).toEqual(before);
  });

  it('an address whose 대표지번 or road name the files lack is left out and counted, never given another parcel', async () => {
    const [first] = lines(files.get('주소_서울특별시.txt')!).filter((l) => l.split('|')[7] === '');
    const key = first!.split('|')[0]!;
    const lots = lines(files.get('지번_서울특별시.txt')!).filter((l) => !(l.startsWith(key) && l.endsWith('|1')));
    const ws = tempDir('juso-ws-incomplete');
    const own = await openEngine({ allowedDirectories: [ws] });
    try {
      const r = await importJuso(
        [writeDir(path.join(dir, 'no-main'), new Map([...files, ['지번_서울특별시.txt', iconv.encode(lots.join('\r\n'), 'cp949')]]))],
        ws,
        own,
      );
      expect(r.incomplete).toBe(1);
      expect(r.addresses).toBe(live.length - 1);
      const b = live.find((x: JusoBuilding) => addressDbKey(x) === key)!;
      expect((await loadRoadIndex(own, ws))!.buildings(b.sggCode, b.road, b.underground, b.bonbun, b.bubun)).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
