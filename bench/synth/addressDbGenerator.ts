import iconv from 'iconv-lite';
import { parsePnu } from '../../shared/cadastral/pnu';
import type { JusoBuilding, JusoFiles, JusoParcel } from './jusoGenerator';

/**
 * The same buildings as jusoGenerator.ts writes in the 도로명주소 한글 family, written in the 주소DB
 * family (layouts in electron/juso/jusoLayouts.ts): 주소_<시도>.txt (11 columns, 25-digit 관리번호,
 * 도로명코드 + 읍면동일련번호), 지번_<시도>.txt (11, every parcel with 대표여부 1/0),
 * 부가정보_<시도>.txt (9, the building names) and 개선_도로명코드_전체분.txt (17, one row per road and
 * 읍면동, plus a 미사용 row of an old name that must not be read). cp949, CRLF, no header. Both
 * families of one set of buildings must give the same index.
 */

/** 25 digits: the 26-digit 도로명주소관리번호 without its road number's 위계 digit (unique and stable, as a key must be). */
export const addressDbKey = (b: Pick<JusoBuilding, 'id'>) => b.id.slice(0, 8) + b.id.slice(9);

/** `files`: what generateJusoFiles (or generateJusoChanges) made; `roadCodes`: whether to write the road-name code file. */
export function addressDbFiles(generated: JusoFiles, parcels: readonly JusoParcel[], roadCodes = true): Map<string, Buffer> {
  const byPnu = new Map(parcels.map((p) => [p.pnu, p]));
  const address = new Map<string, string[]>();
  const lots = new Map<string, string[]>();
  const extra = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, line: string) => (m.get(k) ?? m.set(k, []).get(k)!).push(line);
  // 읍면동일련번호: the n-th 읍면동 a road runs through, in the order first met
  const seqs = new Map<string, Map<string, string>>();
  const roadRows: string[] = [];
  for (const b of generated.buildings) {
    const roadCode = b.sggCode + b.id.slice(8, 15);
    const emd = byPnu.get(b.pnu)!.emd;
    const ofRoad = seqs.get(roadCode) ?? seqs.set(roadCode, new Map()).get(roadCode)!;
    let seq = ofRoad.get(emd);
    if (!seq) {
      seq = String(ofRoad.size + 1).padStart(2, '0');
      ofRoad.set(emd, seq);
      const date = generated.dates.get(b.id) ?? '';
      const type = /[읍면]$/.test(emd) ? '0' : '1';
      roadRows.push(
        [roadCode, b.road, '', seq, b.sido, '', b.sgg, '', emd, '', type, b.pnu.slice(5, 8), '0', '', '신규', date, ''].join('|'),
      );
      // the road's name before a renaming: a row not in use, under a 읍면동일련번호 no address has
      if (ofRoad.size === 1)
        roadRows.push(
          [
            roadCode,
            `${b.road}옛길`,
            '',
            '99',
            b.sido,
            '',
            b.sgg,
            '',
            emd,
            '',
            type,
            b.pnu.slice(5, 8),
            '1',
            '0',
            '',
            '20100101',
            '20140101',
          ].join('|'),
        );
    }
    const key = addressDbKey(b);
    const file = b.sido;
    const move = b.removed ? '63' : (b.move ?? '');
    push(
      address,
      file,
      [
        key,
        roadCode,
        seq,
        String(b.underground),
        String(b.bonbun),
        String(b.bubun),
        '03000',
        move,
        generated.dates.get(b.id) ?? '',
        '',
        '0',
      ].join('|'),
    );
    [b.pnu, ...b.related].forEach((pnu, i) => {
      const p = byPnu.get(pnu)!;
      const l = parsePnu(pnu)!;
      // 산여부 is 0/1 in these files (1/2 in a PNU)
      const row = [
        key,
        String(i + 1),
        pnu.slice(0, 10),
        p.sido,
        p.sgg,
        p.emd,
        p.ri ?? '',
        l.san ? '1' : '0',
        String(l.bonbun),
        String(l.bubun),
      ];
      push(lots, file, [...row, i === 0 ? '1' : '0'].join('|'));
    });
    push(extra, file, [key, b.pnu.slice(0, 10), emd, '03000', '', '', b.name, b.name, b.name.endsWith('아파트') ? '1' : '0'].join('|'));
  }
  const encode = (lines: string[]) => iconv.encode(lines.join('\r\n') + '\r\n', 'cp949');
  const files = new Map<string, Buffer>();
  for (const [sido, lines] of address) files.set(`주소_${sido}.txt`, encode(lines));
  for (const [sido, lines] of lots) files.set(`지번_${sido}.txt`, encode(lines));
  for (const [sido, lines] of extra) files.set(`부가정보_${sido}.txt`, encode(lines));
  if (roadCodes) files.set('개선_도로명코드_전체분.txt', encode(roadRows));
  return files;
}
