import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { csvField } from '../../electron/export/csv';
import type { SynthParcel } from './parcelGenerator';
import { pick } from './random';

/**
 * An analyst's address list over the sample parcels: 지번 written the ways people write them,
 * plus a few that match nothing, so the match report has something to say.
 */
export function sampleAddresses(table: BjdTable, parcels: SynthParcel[], random: () => number, rows = 300): string {
  const uses = ['주택', '상가', '창고', '농지', '공원', '주차장'];
  const lines = [['번호', '소재지', '신청인', '용도', '신청면적'].join(',')];
  for (let i = 1; i <= rows; i++) {
    const p = pick(random, parcels);
    const n = table.names(p.bjdCode)!;
    const sido = random() < 0.3 ? n.sido.replace(/특별시|광역시|특별자치도|도$/, '') : n.sido;
    const place = [sido, n.sgg, n.emd, n.ri].filter(Boolean).join(' ');
    let jibun = p.jibun;
    if (i % 50 === 0)
      jibun = `${p.san ? '산' : ''}9${p.bonbun}`; // no such parcel
    else if (random() < 0.2) jibun += '번지';
    lines.push([i, `${place} ${jibun}`, `신청인${i}`, pick(random, uses), Math.round(p.areaM2)].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
