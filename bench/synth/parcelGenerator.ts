import type { BjdTable } from '../../shared/cadastral/bjdCodes';
import { formatJibun, formatPnu } from '../../shared/cadastral/pnu';
import { ringArea, type Polygon } from '../../shared/geo/wkb';
import { findSggOutline, outlineBounds, outlineTest } from './boundaries';
import { seededRandom, weighted } from './random';

/** A generated parcel in WGS 84 lon/lat; rings closed and counter-clockwise (outer). */
export interface SynthParcel {
  pnu: string;
  bjdCode: string;
  san: boolean;
  bonbun: number;
  bubun: number;
  jibun: string;
  jimok: string;
  polygons: Polygon[];
  /** area in m², from a local metric projection */
  areaM2: number;
}

// Urban 지목 mix; 산 parcels are mostly 임야.
const JIMOK_WEIGHTS: readonly (readonly [string, number])[] = [
  ['대', 55],
  ['도', 10],
  ['전', 8],
  ['답', 7],
  ['잡', 4],
  ['공', 3],
  ['학', 2],
  ['주', 1],
  ['차', 2],
  ['창', 1],
  ['종', 1],
  ['구', 2],
  ['천', 1],
  ['유', 1],
  ['장', 2],
];

const M_PER_DEG_LAT = 110_574;

/**
 * Parcels for one 시군구: blocks of adjoining parcels (shared edges, jittered corners) placed
 * inside the real KOSTAT outline, each block in the 법정동/리 whose seed point is nearest.
 * Deterministic for a given seed.
 */
export function generateSggParcels(table: BjdTable, sggCode: string, count: number, seed: number): SynthParcel[] {
  const random = seededRandom(seed);
  const sggEntry = table.get(sggCode.padEnd(10, '0'));
  const names = table.names(sggCode.padEnd(10, '0'));
  if (!sggEntry || !names) throw new Error(`unknown 시군구 code ${sggCode}`);
  const outline = findSggOutline(names.sido, names.sgg);
  const [x0, y0, x1, y1] = outlineBounds(outline);
  const inside = outlineTest(outline);

  // Places: active leaf codes (리 where an 읍/면 has them, else the 동/읍/면 itself).
  const active = [...table.entries()].filter((e) => e.active && e.code.startsWith(sggCode) && e.code.slice(5, 8) !== '000');
  const hasRi = new Set(active.filter((e) => e.code.slice(8) !== '00').map((e) => e.code.slice(0, 8)));
  const places = active
    .filter((e) => e.code.slice(8) !== '00' || !hasRi.has(e.code.slice(0, 8)))
    .map((e) => e.code)
    .sort();
  if (!places.length) throw new Error(`no 법정동 under ${sggCode}`);
  const randomInside = (): [number, number] => {
    for (;;) {
      const x = x0 + random() * (x1 - x0);
      const y = y0 + random() * (y1 - y0);
      if (inside(x, y)) return [x, y];
    }
  };
  const seeds = places.map((code) => ({ code, at: randomInside() }));
  const nextBonbun = new Map<string, number>();

  const parcels: SynthParcel[] = [];
  while (parcels.length < count) {
    const [cx, cy] = randomInside();
    const place = seeds.reduce((best, s) => (dist2(s.at, cx, cy) < dist2(best.at, cx, cy) ? s : best)).code;
    const san = random() < 0.05;
    const key = place + (san ? 's' : '');
    const numbered = (nextBonbun.get(key) ?? Math.floor(random() * 20)) + 1 + Math.floor(random() * 3);
    const rows = 2 + Math.floor(random() * 3);
    const cols = 2 + Math.floor(random() * 4);
    nextBonbun.set(key, numbered);
    // 본번 stops at 9999: a 법정동 holding more blocks (a 시군구 of two 동 at the national scale)
    // numbers again from 1, each round's blocks in the next hundred of 부번 (a block has ≤ 20)
    const bonbun = ((numbered - 1) % 9999) + 1;
    const firstBubun = Math.floor((numbered - 1) / 9999) * 100;
    const mx = M_PER_DEG_LAT * Math.cos((cy * Math.PI) / 180);
    const cellW = (san ? 60 : 14) + random() * (san ? 80 : 16);
    const cellH = (san ? 60 : 18) + random() * (san ? 80 : 14);
    const angle = random() * Math.PI;
    // Grid corners in metres around the block centre, jittered inside so neighbours share edges.
    const corner = (i: number, j: number): [number, number] => {
      const inner = i > 0 && i < cols && j > 0 && j < rows;
      const jx = inner ? (random() - 0.5) * cellW * 0.3 : 0;
      const jy = inner ? (random() - 0.5) * cellH * 0.3 : 0;
      const u = (i - cols / 2) * cellW + jx;
      const v = (j - rows / 2) * cellH + jy;
      const x = u * Math.cos(angle) - v * Math.sin(angle);
      const y = u * Math.sin(angle) + v * Math.cos(angle);
      return [cx + x / mx, cy + y / M_PER_DEG_LAT];
    };
    const grid = Array.from({ length: cols + 1 }, (_, i) => Array.from({ length: rows + 1 }, (_, j) => corner(i, j)));
    let bubun = firstBubun;
    for (let i = 0; i < cols && parcels.length < count; i++) {
      for (let j = 0; j < rows && parcels.length < count; j++) {
        const pts = [grid[i]![j]!, grid[i + 1]![j]!, grid[i + 1]![j + 1]!, grid[i]![j + 1]!];
        let ring = [...pts, pts[0]!].flat();
        if (ringArea(ring) < 0) ring = reverseRing(ring);
        const areaM2 = Math.abs(ringArea(ring.map((v, k) => (k % 2 === 0 ? v * mx : v * M_PER_DEG_LAT))));
        const jimok = san ? (random() < 0.85 ? '임' : '묘') : weighted(random, JIMOK_WEIGHTS);
        parcels.push({
          pnu: formatPnu({ bjdCode: place, san, bonbun, bubun }),
          bjdCode: place,
          san,
          bonbun,
          bubun,
          jibun: formatJibun({ san, bonbun, bubun }),
          jimok,
          polygons: [[ring]],
          areaM2: Math.round(areaM2 * 10) / 10,
        });
        bubun++;
      }
    }
  }
  return parcels;
}

function dist2(at: [number, number], x: number, y: number): number {
  return (at[0] - x) ** 2 + (at[1] - y) ** 2;
}

export function reverseRing(ring: number[]): number[] {
  const out: number[] = [];
  for (let i = ring.length - 2; i >= 0; i -= 2) out.push(ring[i]!, ring[i + 1]!);
  return out;
}
