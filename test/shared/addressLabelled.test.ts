import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSggParcels } from '../../bench/synth/parcelGenerator';
import { seededRandom, pick } from '../../bench/synth/random';
import { resolveAddress } from '../../shared/address/matchAddress';
import { PlaceIndex } from '../../shared/address/placeIndex';
import { SIDO_ALIASES } from '../../shared/address/sidoAliases';
import { parseBjdTable } from '../../shared/cadastral/bjdCodes';

const table = parseBjdTable(readFileSync(path.resolve(import.meta.dirname, '../../assets/bjd/bjd_codes_2025.tsv'), 'utf8'));
const index = new PlaceIndex(table);

/** Writes a parcel's address the ways people do; the truth is the parcel's PNU. */
function spell(random: () => number, p: { bjdCode: string; san: boolean; bonbun: number; bubun: number }): string {
  const n = table.names(p.bjdCode)!;
  const sido = pick(random, [...SIDO_ALIASES[p.bjdCode.slice(0, 2)]!, '']);
  const sgg = random() < 0.2 && n.sgg?.includes(' ') ? n.sgg.replace(' ', '') : n.sgg;
  const lot = `${p.bonbun}${p.bubun ? pick(random, [`-${p.bubun}`, ` - ${p.bubun}`, `번지 ${p.bubun}호`]) : ''}`;
  const san = p.san ? pick(random, ['산', '산 ']) : '';
  const suffix = !lot.endsWith('호') && random() < 0.2 ? '번지' : '';
  let text = [sido, sgg, n.emd, n.ri].filter(Boolean).join(pick(random, [' ', '  '])) + ` ${san}${lot}${suffix}`;
  if (random() < 0.1) text = text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  if (random() < 0.1) text += ' (참고)';
  if (random() < 0.05) text += ' 외 3필지';
  return text;
}

describe('labelled addresses over the sample regions', () => {
  const random = seededRandom(99);
  const parcels = [
    ['11110', 1],
    ['11140', 2],
    ['51110', 3],
    ['52111', 4],
  ].flatMap(([code, seed]) => generateSggParcels(table, code as string, 800, seed as number));
  const results = parcels.map((p) => {
    const address = spell(random, p);
    return { truth: p.pnu, address, r: resolveAddress(index, address) };
  });

  it('never gives a wrong PNU (precision 100%) and finds at least 99% (recall)', () => {
    const resolved = results.filter((x) => x.r.status === 'resolved');
    const wrong = resolved.filter((x) => x.r.status === 'resolved' && x.r.pnu !== x.truth);
    expect(wrong.map((x) => x.address)).toEqual([]);
    const recall = resolved.length / results.length;
    expect(
      recall,
      results
        .filter((x) => x.r.status !== 'resolved')
        .slice(0, 5)
        .map((x) => x.address)
        .join('\n'),
    ).toBeGreaterThanOrEqual(0.99);
    const misses = results.filter((x) => x.r.status !== 'resolved');
    // every miss is an honest 'ambiguous' (e.g. '중구 태평로1가' without its 시도), never 'invalid'
    expect(misses.filter((x) => x.r.status === 'invalid').map((x) => x.address)).toEqual([]);
  });
});
