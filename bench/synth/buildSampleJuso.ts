/**
 * Builds the sample 도로명주소 DB shipped in assets/sample/juso/ (generated 한글 전체분 files over the
 * sample store's parcels, in the official layout: cp949, pipe-separated) and a mixed 지번/도로명
 * list over it (assets/sample/addresses_mixed.csv). Deterministic. Run after buildSample.ts
 * (npm run sample does both); `npx pilji juso assets/sample/juso` makes the demo resolve road names.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { csvField } from '../../electron/export/csv';
import { openEngine } from '../../electron/engine/engine';
import { attachStore } from '../../electron/store/storeCatalog';
import { generateJusoFiles, type JusoBuilding, type JusoParcel } from './jusoGenerator';
import { seededRandom } from './random';

const SAMPLE = path.resolve(import.meta.dirname, '../../assets/sample');

/** The sample list: the same parcels written as 지번 or as 도로명, with the details people add. */
export function mixedAddresses(buildings: readonly JusoBuilding[], random: () => number, rows = 60): string {
  const live = buildings.filter((b) => !b.removed);
  const lines = [['번호', '소재지', '비고'].join(',')];
  for (let i = 1; i <= rows; i++) {
    const b = live[Math.floor(random() * live.length)]!;
    const number = `${b.underground ? '지하 ' : ''}${b.bonbun}${b.bubun ? `-${b.bubun}` : ''}`;
    const bon = Number(b.pnu.slice(11, 15));
    const bu = Number(b.pnu.slice(15));
    const jibun = `${b.pnu[10] === '2' ? '산' : ''}${bon}${bu ? `-${bu}` : ''}`;
    const text =
      i % 2
        ? `${b.sido} ${b.sgg} ${b.road} ${number}${random() < 0.3 ? `, ${1 + Math.floor(random() * 5)}층` : ''}${b.name ? ` (${b.emd}, ${b.name})` : ''}`
        : `${b.sido} ${b.sgg} ${b.emd}${b.ri ? ` ${b.ri}` : ''} ${jibun}`;
    lines.push([i, text, i % 2 ? '도로명' : '지번'].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

async function main() {
  const store = path.join(SAMPLE, 'store');
  const engine = await openEngine({ allowedDirectories: [store] });
  let parcels: JusoParcel[];
  try {
    await attachStore(engine, store);
    parcels = await engine.rows<JusoParcel>('SELECT PNU AS pnu, SI_NM AS sido, SGG_NM AS sgg, EMD_NM AS emd, RI_NM AS ri FROM parcels');
  } finally {
    await engine.close();
  }
  const generated = generateJusoFiles(parcels);
  const dir = path.join(SAMPLE, 'juso');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of generated.files) writeFileSync(path.join(dir, name), bytes);
  writeFileSync(path.join(SAMPLE, 'addresses_mixed.csv'), '\uFEFF' + mixedAddresses(generated.buildings, seededRandom(11)));
  console.log(
    `sample 도로명주소 DB: ${generated.buildings.filter((b) => !b.removed).length} road addresses in ${generated.files.size} files`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
