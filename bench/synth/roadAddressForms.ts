import { SIDO_ALIASES } from '../../shared/address/sidoAliases';
import type { JusoBuilding } from './jusoGenerator';

/**
 * The labelled set: the ways people write one road address, every one naming the building's
 * 대표지번 — the full and the short 시도 or none, spacing, `중앙로 100번길` apart, the number glued
 * on, 상세주소 after a comma, the 법정동 and building in brackets or the 법정동 before the road,
 * full-width digits, `번` after the number. Used by the tests and by the bench's 도로명 suite.
 */
export function writtenForms(b: JusoBuilding): string[] {
  const road = `${b.road}${b.underground ? ' 지하' : ''}`;
  const n = numberOf(b);
  const short = SIDO_ALIASES[b.sggCode.slice(0, 2)]?.at(-1) ?? b.sido;
  // 세종 has no 시군구: its name stands in
  const sgg = b.sgg || short;
  const spaced = b.road.replace(/(\d+번?길)$/, ' $1');
  const forms = [
    `${[b.sido, b.sgg].filter(Boolean).join(' ')} ${road} ${n}`,
    `${[short, b.sgg].filter(Boolean).join(' ')} ${road} ${n}`,
    `${sgg} ${road} ${n}`,
    `${sgg}  ${spaced}${b.underground ? ' 지하' : ''}  ${n}`,
    `${[b.sido, b.sgg].filter(Boolean).join(' ')} ${road} ${n}, ${1 + (b.bonbun % 9)}층 ${100 + b.bonbun}호`,
    `${sgg} ${road} ${n} (${b.emd}${b.name ? `, ${b.name}` : ''})`,
    `${sgg} ${b.emd} ${road} ${n}`,
    toFullWidth(`${sgg} ${road} ${n}`),
    `${sgg} ${road} ${n}번 ${b.name || '2층'}`,
  ];
  if (sgg.includes(' ')) forms.push(`${sgg.replace(' ', '')} ${road} ${n}`);
  if (!b.underground) forms.push(`${sgg} ${b.road}${n}`);
  return forms;
}

export const numberOf = (b: JusoBuilding) => `${b.bonbun}${b.bubun ? `-${b.bubun}` : ''}`;
const toFullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
