import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateJusoChanges, generateJusoFiles, type JusoFiles } from '../bench/synth/jusoGenerator';
import { openEngine, type Engine } from '../electron/engine/engine';
import { paths } from '../electron/host/paths';
import { jusoIndexFile, jusoIndexInfo, loadRoadIndex } from '../electron/juso/jusoIndexFile';
import { PlaceIndex } from '../shared/address/placeIndex';
import type { RoadIndex } from '../shared/address/roadIndex';
import { resolveAnyAddress } from '../shared/address/resolveRoadAddress';
import { sampleJusoParcels } from './jusoFixtures';
import { bjdTable, tempDir } from './store/synthFixtures';
import { numberOf, writtenForms } from '../bench/synth/roadAddressForms';

const root = path.resolve(import.meta.dirname, '..');
const pilji = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const places = new PlaceIndex(bjdTable);

async function writeZip(file: string, files: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of files) zip.addBuffer(bytes, name);
  zip.end();
  const out = createWriteStream(file);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}

describe('the 도로명주소 DB: generated files, pilji juso, road addresses matched', async () => {
  const parcels = await sampleJusoParcels();
  const generated: JusoFiles = generateJusoFiles(parcels);
  const live = generated.buildings.filter((b) => !b.removed);
  const removed = generated.buildings.filter((b) => b.removed);
  const dir = tempDir('juso');
  const zip = path.join(dir, '202410_도로명주소 한글_전체분.zip');
  const ws = tempDir('juso-ws');
  let engine: Engine;
  let roads: RoadIndex;

  beforeAll(async () => {
    await writeZip(zip, generated.files);
    engine = await openEngine({ allowedDirectories: [ws] });
  });
  afterAll(async () => engine?.close());

  it('the generator makes what real files hold', () => {
    expect([...generated.files.keys()].sort()).toEqual([
      'jibun_rnaddrkor_gangwon.txt',
      'jibun_rnaddrkor_jeonbuk.txt',
      'jibun_rnaddrkor_seoul.txt',
      'rnaddrkor_gangwon.txt',
      'rnaddrkor_jeonbuk.txt',
      'rnaddrkor_seoul.txt',
    ]);
    const lines = iconv.decode(generated.files.get('rnaddrkor_seoul.txt')!, 'cp949').split('\r\n').filter(Boolean);
    expect(lines.every((l) => l.split('|').length === 24)).toBe(true);
    expect(
      iconv
        .decode(generated.files.get('jibun_rnaddrkor_seoul.txt')!, 'cp949')
        .split('\r\n')
        .filter(Boolean)
        .every((l) => l.split('|').length === 14),
    ).toBe(true);
    expect(lines.some((l) => l.split('|')[20] === '63')).toBe(true);
    expect(live.filter((b) => b.related.length >= 4).length).toBeGreaterThan(10);
    expect(live.filter((b) => b.underground).length).toBeGreaterThan(10);
    // a 지하 building on the number of a 지상 one of the same road
    const ground = new Set(live.filter((b) => !b.underground).map((b) => `${b.sggCode}|${b.road}|${numberOf(b)}`));
    expect(live.some((b) => b.underground && ground.has(`${b.sggCode}|${b.road}|${numberOf(b)}`))).toBe(true);
    expect(new Set(live.filter((b) => b.road === '중앙로').map((b) => b.sggCode)).size).toBe(4);
    // 산 in a PNU is 2; the files write 1
    const san = live.find((b) => b.pnu[10] === '2');
    if (san) expect(lines.find((l) => l.startsWith(san.id))!.split('|')[6]).toBe('1');
  });

  it('pilji juso reads the zip as downloaded (cp949) into the workspace index', async () => {
    const r = pilji('juso', zip, '--workspace', ws);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const related = live.reduce((s, b) => s + b.related.length, 0);
    expect(r.stdout).toContain(
      `도로명주소 DB (${generated.vintage}): ${live.length.toLocaleString()} road addresses, ${related.toLocaleString()} related parcels, ${removed.length} 폐지 rows left out, from 6 files`,
    );
    expect(await jusoIndexInfo(engine, ws)).toMatchObject({
      vintage: generated.vintage,
      addresses: live.length,
      related,
      removed: removed.length,
    });
    roads = (await loadRoadIndex(engine, ws))!;
    expect(roads.size).toBe(live.length);
    for (const b of live) {
      const hit = roads.buildings(b.sggCode, b.road, b.underground, b.bonbun, b.bubun);
      expect(hit.map((h) => [h.pnu, h.related])).toEqual([[b.pnu, [...b.related].sort()]]);
    }
    for (const b of removed) expect(roads.buildings(b.sggCode, b.road, b.underground, b.bonbun, b.bubun)).toEqual([]);
  });

  it('an index file not in key order is refused, never read into lookups that would miss', async () => {
    const other = path.join(ws, 'shuffled');
    mkdirSync(path.join(other, 'juso'), { recursive: true });
    await engine.exec(
      `COPY (SELECT * EXCLUDE (file_row_number) FROM read_parquet('${jusoIndexFile(ws)}', file_row_number = true) ORDER BY file_row_number DESC) TO '${jusoIndexFile(other)}' (FORMAT parquet)`,
    );
    await expect(loadRoadIndex(engine, other)).rejects.toThrow(/not in key order/);
  });

  it('labelled road addresses written the ways people write them: precision 100 %, recall ≥ 99 %', () => {
    let total = 0;
    let right = 0;
    const wrong: string[] = [];
    const missed: string[] = [];
    for (const b of live) {
      for (const text of writtenForms(b)) {
        total++;
        const r = resolveAnyAddress(places, roads, text);
        if (r.status !== 'resolved') missed.push(`${text}: ${r.status} ${r.note}`);
        else if (r.pnu === b.pnu) right++;
        else wrong.push(`${text} → ${r.pnu}, not ${b.pnu}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(total).toBeGreaterThan(15_000);
    expect(right / total, missed.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it('refuses, each with its reason, what names no building; never a wrong parcel', () => {
    const code = (t: string) => {
      const r = resolveAnyAddress(places, roads, t);
      return r.status === 'resolved' ? `resolved ${r.pnu}` : r.reason.code;
    };
    for (const b of removed) expect(code(`${b.sgg} ${b.road}${b.underground ? ' 지하' : ''} ${numberOf(b)}`)).toBe('road_no_building');
    const b = live.find((x) => !x.underground && /[가-힣]로$/.test(x.road) && x.road !== '중앙로' && x.road !== '시청로')!;
    expect(code(`${b.sgg} ${b.road} 8888`)).toBe('road_no_building');
    expect(code(`${b.sgg} 없는새길 ${numberOf(b)}`)).toBe('road_unknown');
    const other = live.find((x) => x.sggCode !== b.sggCode)!;
    expect(code(`${other.sgg} ${b.road} ${numberOf(b)}`)).toBe('road_other_sgg');
    const ground = new Set(live.filter((x) => x.underground).map((x) => `${x.sggCode}|${x.road}|${numberOf(x)}`));
    const onlyGround = live.find((x) => !x.underground && !ground.has(`${x.sggCode}|${x.road}|${numberOf(x)}`))!;
    expect(code(`${onlyGround.sgg} ${onlyGround.road} 지하 ${numberOf(onlyGround)}`)).toBe('road_underground');
    const otherDong = parcels.find((p) => p.pnu.startsWith(b.sggCode) && p.emd !== b.emd && !p.ri)!;
    expect(code(`${b.sgg} ${b.road} ${numberOf(b)} (${otherDong.emd})`)).toBe('road_dong_mismatch');
    expect(code(`중앙로 ${numberOf(b)}`)).toBe('ambiguous');
  });

  it('pilji match resolves a mixed 지번/도로명 list per row; without the index road rows keep road_address', () => {
    const rows = live
      .slice(0, 40)
      .map((b, i) =>
        i % 2
          ? `${b.sgg} ${b.road}${b.underground ? ' 지하' : ''} ${numberOf(b)}`
          : `${b.sgg} ${b.emd}${b.ri ? ` ${b.ri}` : ''} ${jibunOf(b.pnu)}`,
      );
    const file = path.join(dir, '목록.csv');
    writeFileSync(file, '\uFEFF주소\n' + rows.join('\n') + '\n');
    const out = path.join(dir, 'out.csv');
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin/pilji.mjs'), 'match', file, '--address', '주소', '--workspace', ws, '--out', out],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.stderr).toMatch(/40 rows \(utf-8\): matched 40, not_found 0, ambiguous 0, invalid 0/);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n').slice(1);
    lines.forEach((l, i) => expect(l.split(',')[1]).toBe(live[i]!.pnu));
    expect(lines[1]).toContain(`→ 대표지번 ${live[1]!.emd}`);
    // a store other than the bundled sample (the sample's 도로명주소 DB stands in for that one only)
    const otherStore = tempDir('juso-bare-store');
    cpSync(paths.sampleStore(), otherStore, { recursive: true });
    const bare = spawnSync(
      process.execPath,
      [path.join(root, 'bin/pilji.mjs'), 'match', file, '--address', '주소', '--workspace', tempDir('juso-bare'), '--store', otherStore],
      { cwd: root, encoding: 'utf8' },
    );
    expect(bare.stderr).toMatch(/matched 20, not_found 0, ambiguous 0, invalid 20/);
    expect(bare.stdout).toContain('지번 주소가 아님 (도로명주소 DB를 가져오면 찾을 수 있음)');
  });

  it('parcel_join matches road addresses when the workspace has the index', () => {
    const b = live.filter((x) => x.related.length > 0).slice(0, 5);
    const file = path.join(dir, 'join.csv');
    writeFileSync(file, '주소\n' + b.map((x) => `${x.sgg} ${x.road}${x.underground ? ' 지하' : ''} ${numberOf(x)}`).join('\n') + '\n');
    const q = spawnSync(
      process.execPath,
      [
        path.join(root, 'bin/pilji.mjs'),
        'query',
        '--workspace',
        ws,
        '--model',
        `목록=${file}`,
        '-e',
        'from 목록 | parcel_join address=주소 | select PNU | sort PNU',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(q.stderr).toBe('');
    // the first column; the geometry follows as WKT
    expect(
      q.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(b.map((x) => x.pnu).sort());
  });

  it('parcels=all: a road address gives every parcel of its building, flagged; the counts stay per source row', () => {
    const wide = live.find((b) => b.related.length >= 3 && !b.underground)!;
    const single = live.find((b) => b.related.length === 0)!;
    const jibunRow = live.find((b) => b.id !== wide.id && b.id !== single.id)!;
    const rows = [
      `${wide.sgg} ${wide.road} ${numberOf(wide)}`,
      `${jibunRow.sgg} ${jibunRow.emd}${jibunRow.ri ? ` ${jibunRow.ri}` : ''} ${jibunOf(jibunRow.pnu)}`,
      `${single.sgg} ${single.road}${single.underground ? ' 지하' : ''} ${numberOf(single)}`,
      `${wide.sgg} ${wide.road} 8888`,
    ];
    const file = path.join(dir, '전부.csv');
    writeFileSync(file, '\uFEFF주소\n' + rows.join('\n') + '\n');
    const match = (...extra: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), 'match', file, '--address', '주소', '--workspace', ws, ...extra], {
        cwd: root,
        encoding: 'utf8',
      });
    const main = match();
    expect(main.stderr).toMatch(/^4 rows \(utf-8\): matched 3, not_found 0, ambiguous 0, invalid 1\n$/);
    expect(main.stdout.trim().split('\r\n')).toHaveLength(5);
    expect(main.stdout).not.toContain('match_parcel');

    const all = match('--parcels', 'all');
    expect(all.stderr).toMatch(
      new RegExp(`^4 rows \\(utf-8\\): matched 3, not_found 0, ambiguous 0, invalid 1; \\+${wide.related.length} 관련지번 rows\\n$`),
    );
    const out = all.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(out[0]).toEqual(['주소', 'pnu', 'match_status', 'match_note', 'match_detail', 'match_parcel']);
    // one row per parcel of the building, 대표지번 first; the 지번 row and the one-parcel building unchanged
    expect(out.slice(1).map((r) => [r[0], r[1], r[2], r[5]])).toEqual([
      [rows[0], wide.pnu, 'matched', '대표지번'],
      ...[...wide.related].sort().map((p) => [rows[0], p, 'matched', '관련지번']),
      [rows[1], jibunRow.pnu, 'matched', '지번'],
      [rows[2], single.pnu, 'matched', '대표지번'],
      [rows[3], '', 'invalid', ''],
    ]);
    expect(match('--parcels', 'some').stderr).toContain("--parcels is main or all, not 'some'");

    const query = (dsl: string) =>
      spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), 'query', '--workspace', ws, '--model', `목록=${file}`, '-e', dsl], {
        cwd: root,
        encoding: 'utf8',
      });
    const q = query('from 목록 | parcel_join address=주소 parcels=all keep=all | select 주소, match_status, match_parcel, PNU');
    expect(q.stderr).toBe('');
    const joined = q.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(joined.map((r) => [r[2], r[3]])).toEqual([
      ['대표지번', wide.pnu],
      ...[...wide.related].sort().map((p) => ['관련지번', p]),
      ['지번', jibunRow.pnu],
      ['대표지번', single.pnu],
      ['', ''],
    ]);
    // the default joins the 대표지번 alone (the geometry follows as WKT)
    const plain = query('from 목록 | parcel_join address=주소 | select PNU');
    expect(
      plain.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual([wide.pnu, jibunRow.pnu, single.pnu]);
  });

  it('daily change files (31 신규, 34 수정, 63 폐지) apply on top of the index with --update', async () => {
    const changes = generateJusoChanges(generated, parcels);
    const moves = (code: string) =>
      [...changes.files.values()].reduce(
        (n, b) =>
          n +
          iconv
            .decode(b, 'cp949')
            .split('\r\n')
            .filter((l) => l.split('|')[20] === code).length,
        0,
      );
    expect([moves('31'), moves('34'), moves('63')].every((n) => n > 5)).toBe(true);
    const changeDir = path.join(dir, 'changes');
    mkdirSync(changeDir);
    for (const [name, bytes] of changes.files) writeFileSync(path.join(changeDir, name), bytes);
    const wsU = tempDir('juso-update');
    expect(pilji('juso', '--update', changeDir, '--workspace', wsU).stderr).toMatch(/no 도로명주소 DB in this workspace to update/);
    expect(pilji('juso', zip, '--workspace', wsU).status).toBe(0);
    const r = pilji('juso', '--update', changeDir, '--workspace', wsU);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`${changes.after.length.toLocaleString()} road addresses`);
    const own = await openEngine({ allowedDirectories: [wsU] });
    const updated = (await loadRoadIndex(own, wsU).finally(() => own.close()))!;
    expect(updated.size).toBe(changes.after.length);
    for (const b of changes.after) {
      expect(updated.buildings(b.sggCode, b.road, b.underground, b.bonbun, b.bubun).map((h) => [h.pnu, h.related])).toEqual([
        [b.pnu, [...b.related].sort()],
      ]);
    }
    for (const b of changes.buildings.filter((x) => x.removed)) {
      const r = resolveAnyAddress(places, updated, `${b.sgg} ${b.road}${b.underground ? ' 지하' : ''} ${numberOf(b)}`);
      // gone; where a building of the other level keeps the number, the refusal says so
      expect(r.status === 'invalid' && ['road_no_building', 'road_underground'].includes(r.reason.code)).toBe(true);
    }
  });

  it("the shipped sample 도로명주소 DB is the generator's output over the sample store; its mixed list matches whole", () => {
    const shipped = path.join(paths.assets(), 'sample', 'juso');
    for (const [name, bytes] of generated.files) expect(readFileSync(path.join(shipped, name)).equals(bytes), name).toBe(true);
    const sampleWs = tempDir('juso-sample');
    expect(pilji('juso', shipped, '--workspace', sampleWs).status).toBe(0);
    const r = pilji('match', path.join(paths.assets(), 'sample', 'addresses_mixed.csv'), '--address', '소재지', '--workspace', sampleWs);
    expect(r.stderr).toMatch(/60 rows \(utf-8\): matched 60, not_found 0, ambiguous 0, invalid 0/);
  });

  it('a new import replaces the index only once it is whole; a bad file is refused by line and changes nothing', async () => {
    const before = await jusoIndexInfo(engine, ws);
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    const seoul = iconv.decode(generated.files.get('rnaddrkor_seoul.txt')!, 'cp949').split('\r\n');
    writeFileSync(
      path.join(bad, 'rnaddrkor_seoul.txt'),
      iconv.encode([...seoul.slice(0, 5), seoul[5]!.split('|').slice(0, 20).join('|'), ...seoul.slice(6)].join('\r\n'), 'cp949'),
    );
    const r = pilji('juso', bad, '--workspace', ws);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rnaddrkor_seoul.txt:6: 20 columns, not 24');
    expect(await jusoIndexInfo(engine, ws)).toEqual(before);
    const fields = seoul[6]!.split('|');
    fields[1] = '11110ABC00';
    writeFileSync(
      path.join(bad, 'rnaddrkor_seoul.txt'),
      iconv.encode([...seoul.slice(0, 6), fields.join('|'), ...seoul.slice(7)].join('\r\n'), 'cp949'),
    );
    expect(pilji('juso', bad, '--workspace', ws).stderr).toContain("rnaddrkor_seoul.txt:7: 법정동코드 '11110ABC00' is not 10 digits");
    expect(await jusoIndexInfo(engine, ws)).toEqual(before);

    const only = path.join(dir, 'seoul');
    mkdirSync(only);
    for (const n of ['rnaddrkor_seoul.txt', 'jibun_rnaddrkor_seoul.txt']) writeFileSync(path.join(only, n), generated.files.get(n)!);
    expect(
      pilji('juso', path.join(only, 'rnaddrkor_seoul.txt'), path.join(only, 'jibun_rnaddrkor_seoul.txt'), '--workspace', ws).status,
    ).toBe(0);
    const seoulLive = live.filter((b) => b.sggCode.startsWith('11')).length;
    expect((await jusoIndexInfo(engine, ws))!.addresses).toBe(seoulLive);
    expect((await loadRoadIndex(engine, ws))!.size).toBe(seoulLive);
    expect(readFileSync(jusoIndexFile(ws)).subarray(0, 4).toString()).toBe('PAR1');
    writeFileSync(path.join(dir, 'nothing.txt'), 'x');
    expect(pilji('juso', path.join(dir, 'nothing.txt'), '--workspace', ws).stderr).toMatch(/nothing\.txt: not a 도로명주소 DB file/);
  });
});

function jibunOf(pnu: string): string {
  const bon = Number(pnu.slice(11, 15));
  const bu = Number(pnu.slice(15));
  return `${pnu[10] === '2' ? '산' : ''}${bon}${bu ? `-${bu}` : ''}`;
}
