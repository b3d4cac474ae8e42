import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../electron/engine/engine';
import { paths } from '../electron/host/paths';
import { readDelimitedText } from '../electron/models/delimitedText';
import { attachStore } from '../electron/store/storeCatalog';
import { workbook } from './models/xlsxFixture';
import { tempDir } from './store/synthFixtures';

const root = path.resolve(import.meta.dirname, '..');
const pilji = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/pilji.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PILJI_WORKSPACE: tempDir('match-ws') },
  });

interface Parcel {
  PNU: string;
  SI_NM: string;
  SGG_NM: string;
  EMD_NM: string;
  RI_NM: string | null;
  SAN: boolean;
  BONBUN: number;
  BUBUN: number;
}

async function sampleParcels(): Promise<Parcel[]> {
  const engine = await openEngine({ allowedDirectories: [paths.sampleStore()] });
  try {
    await attachStore(engine, paths.sampleStore());
    return await engine.rows<Parcel>(`SELECT PNU, SI_NM, SGG_NM, EMD_NM, RI_NM, SAN, BONBUN, BUBUN FROM parcels
      WHERE PNU IN (SELECT min(PNU) FROM parcels GROUP BY SGG_NM, SAN) ORDER BY PNU`);
  } finally {
    await engine.close();
  }
}

const jibun = (p: Parcel) => `${p.SAN ? '산' : ''}${p.BONBUN}${p.BUBUN ? `-${p.BUBUN}` : ''}`;
const read = (file: string) => readFileSync(file, 'utf8');

describe('pilji match', async () => {
  const parcels = await sampleParcels();
  const dir = tempDir('match');

  it('one address column in a cp949 CSV without BOM: every status, input columns kept as written, reasons in Korean', () => {
    const p0 = parcels[0]!;
    const rows = [
      ['관리번호', '소재지', '코드'],
      ...parcels.map((p, i) => [
        `00${i}`,
        `${p.SI_NM} ${p.SGG_NM} ${p.EMD_NM}${p.RI_NM ? ` ${p.RI_NM}` : ''} ${jibun(p)}번지`,
        '1111010100100120003',
      ]),
      ['0099', '서울 종로구 청운동 9999', '0000000000000000001'],
      ['0100', '중구 태평로1가 1', ''],
      ['0101', '서울 종로구 없는동 1', ''],
      ['0102', '주소 미상', ''],
      ['0103', `${p0.SGG_NM} ${p0.EMD_NM}${p0.RI_NM ? ` ${p0.RI_NM}` : ''} ${jibun(p0)} (필지빌딩) 3층`, ''],
      ['0104', '서울특별시 종로구 세종대로 175', ''],
    ];
    const file = path.join(dir, 'addresses-cp949.csv');
    writeFileSync(file, iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'cp949'));
    const out = path.join(dir, 'out.csv');
    const r = pilji('match', file, '--address', '소재지', '--out', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`\\(cp949\\): matched ${parcels.length + 1}, not_found 1, ambiguous 1, invalid 3`));
    const text = read(out);
    expect(text.startsWith('\uFEFF관리번호,소재지,코드,pnu,match_status,match_note,match_detail\r\n')).toBe(true);
    const lines = text
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    parcels.forEach((p, i) =>
      expect(lines[i]!.slice(0, 1).concat(lines[i]!.slice(2, 5))).toEqual([`00${i}`, '1111010100100120003', p.PNU, 'matched']),
    );
    const row = (id: string) => lines.find((l) => l[0] === id)!;
    expect(row('0099')).toEqual([
      '0099',
      '서울 종로구 청운동 9999',
      '0000000000000000001',
      '1111010100199990000',
      'not_found',
      '저장소에 필지 1111010100199990000 없음 (서울특별시 종로구 청운동)',
      '',
    ]);
    expect(row('0100')[4]).toBe('ambiguous');
    expect(row('0100')[5]).toMatch(/^"'중구 태평로1가'에 맞는 곳이 2곳: /);
    expect(row('0101').slice(4).join(',')).toBe("invalid,'없는동'이라는 읍면동·리가 없음,");
    expect(row('0102').slice(4).join(',')).toBe("invalid,'주소 미상' 끝에 지번(본번)이 없음,");
    expect(row('0103').slice(3)).toEqual([p0.PNU, 'matched', '', '(필지빌딩) 3층']);
    expect(row('0104').slice(4).join(',')).toBe(
      // the sample store's 도로명주소 DB (bundled, standing in for it) has no such road
      "invalid,도로명주소 DB에 '세종대로' 도로가 없음 (서울특별시 종로구),",
    );

    const en = pilji('match', file, '--address', '소재지', '--lang', 'en');
    expect(en.stdout).toContain('not_found,no parcel 1111010100199990000 in the store (서울특별시 종로구 청운동),');
    expect(en.stdout).toContain("invalid,no road '세종대로' in the 도로명주소 DB (서울특별시 종로구),");
    expect(pilji('match', file, '--address', '소재지', '--lang', 'fr').status).toBe(2);
  });

  it('separate columns in a UTF-8 TSV with BOM, with 산 and 리', () => {
    const header = ['시도', '시군구', '읍면동', '리', '산', '본번', '부번'];
    const rows = parcels.map((p) => [
      p.SI_NM.replace('특별자치도', ''),
      p.SGG_NM,
      p.EMD_NM,
      p.RI_NM ?? '',
      p.SAN ? '산' : '',
      String(p.BONBUN),
      p.BUBUN ? String(p.BUBUN) : '',
    ]);
    const file = path.join(dir, 'parts.tsv');
    writeFileSync(file, '\uFEFF' + [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
    const out = path.join(dir, 'parts-out.csv');
    const r = pilji(
      'match',
      file,
      '--sido',
      '시도',
      '--sgg',
      '시군구',
      '--emd',
      '읍면동',
      '--ri',
      '리',
      '--san',
      '산',
      '--bonbun',
      '본번',
      '--bubun',
      '부번',
      '--out',
      out,
    );
    expect(r.stderr).toMatch(new RegExp(`\\(utf-8\\): matched ${parcels.length}, not_found 0`));
    const pnus = read(out)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[7]);
    expect(pnus).toEqual(parcels.map((p) => p.PNU));
  });

  it("an XLSX sheet, and a CSV whose quoted cells hold commas, quotes and line breaks (the app's reader)", async () => {
    const xlsx = pilji('match', await workbook(), '--sheet', '신청 목록', '--address', '소재지', '--lang', 'en');
    expect(xlsx.stderr).toMatch(/2 rows \(sheet 신청 목록\): matched 1, not_found 1, ambiguous 0, invalid 0/);
    expect(xlsx.stdout).toMatch(
      /^\uFEFF관리번호,소재지,면적,신청일,PNU,메모,확인,합계,column_9,pnu,match_status,match_note,match_detail\r\n/,
    );
    expect(xlsx.stdout).toContain(
      '\r\n008,서울특별시 중구 무교동 9-12,0.30000000000000004,,1114010100100090012,,FALSE,0.6000000000000001,넘친 칸,1114010100100090012,matched,,\r\n',
    );
    const p = parcels[0]!;
    const file = path.join(dir, 'quoted.csv');
    writeFileSync(
      file,
      `id,소재지,비고\n1,"${p.SI_NM} ${p.SGG_NM} ${p.EMD_NM}${p.RI_NM ? ` ${p.RI_NM}` : ''} ${jibun(p)}, 2층","쉼표, ""따옴표""\n줄바꿈"\n`,
    );
    const r = pilji('match', file, '--address', '소재지');
    expect(r.stderr).toMatch(/1 rows \(utf-8\): matched 1,/);
    expect(r.stdout).toContain(`"쉼표, ""따옴표""\n줄바꿈",${p.PNU},matched,,2층\r\n`);
  });

  it('a PNU column, and clear usage errors', () => {
    const file = path.join(dir, 'pnu.csv');
    writeFileSync(file, `PNU\n${parcels[0]!.PNU}\n1.11101E+18\n`);
    const r = pilji('match', file, '--pnu', 'PNU');
    expect(r.stdout).toContain(`${parcels[0]!.PNU},${parcels[0]!.PNU},matched`);
    expect(r.stdout).toContain("1.11101E+18,,invalid,'1.11101E+18'은(는) 19자리 PNU가 아님,");
    expect(pilji('match', file).status).toBe(2);
    // any separate-column flag names the separate columns, as parcel_join's options do
    const several = pilji('match', file, '--pnu', 'PNU', '--sido', 'PNU');
    expect(several.status).toBe(2);
    expect(several.stderr).toContain('give exactly one of --address');
    expect(pilji('match', file, '--sido', 'PNU').stderr).toContain('separate columns need at least --emd and --bonbun');
    const missing = pilji('match', file, '--address', '주소');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no column '주소' \(the file has: PNU\)/);
  });
});

describe('reading CSV/TSV', () => {
  const dir = tempDir('csv');
  it('keeps quoted delimiters, quotes and line breaks; reports a bad row by line', async () => {
    const ok = path.join(dir, 'ok.csv');
    writeFileSync(ok, 'a,b\n"x, y","say ""hi"""\n"two\nlines",3\n');
    expect((await readDelimitedText(ok)).rows).toEqual([
      ['x, y', 'say "hi"'],
      ['two\nlines', '3'],
    ]);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3\n');
    await expect(readDelimitedText(bad)).rejects.toThrow(/line 3 has 1 fields, the header has 2/);
    const open = path.join(dir, 'open.csv');
    writeFileSync(open, 'a,b\n"1,2\n');
    await expect(readDelimitedText(open)).rejects.toThrow(/opened on line 2 never closes/);
  });
});
