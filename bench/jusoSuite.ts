import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BjdTable } from '../shared/cadastral/bjdCodes';
import { PlaceIndex } from '../shared/address/placeIndex';
import { resolveAnyAddress } from '../shared/address/resolveRoadAddress';
import { openEngine } from '../electron/engine/engine';
import { jusoIndexInfo, loadRoadIndex } from '../electron/juso/jusoIndexFile';
import { generateJusoFiles, type JusoParcel } from './synth/jusoGenerator';
import { writtenForms } from './synth/roadAddressForms';

export interface JusoMeasurement {
  /** road addresses in the generated files (live ones, indexed) */
  addresses: number;
  related: number;
  megabytes: number;
  /** `pilji juso` in a fresh process, wall clock */
  importSeconds: number;
  addressesPerSecond: number;
  /** the import process's peak resident memory (GNU time), when measurable */
  peakRssMb: number | null;
  // (optional: results saved before they were measured lack them)
  /** the index loaded into the host's memory: seconds, and the heap and buffers it holds */
  loadSeconds?: number;
  indexMb?: number;
  /** the labelled set (live addresses, all of them or an even sample of 60,000, written the ways people write them) parsed and resolved per second, index in memory */
  resolvePerSecond: number;
  labelled?: number;
  wrong: number;
  unresolved: number;
  /** right / resolved, and right / labelled */
  precision?: number;
  recall?: number;
}

const LABELLED_BUILDINGS = 60_000;

/**
 * The 도로명주소 DB side of the address suite: generated 한글 전체분 files over synthetic parcels
 * spread over every 법정동 of the country, imported by `pilji juso` in its own process, then road
 * addresses resolved through the index.
 */
export async function runJusoSuite(table: BjdTable, parcels: number, workDir: string): Promise<JusoMeasurement> {
  rmSync(workDir, { recursive: true, force: true });
  const input = path.join(workDir, 'input');
  const ws = path.join(workDir, 'workspace');
  mkdirSync(input, { recursive: true });
  const generated = generateJusoFiles(nationalParcels(table, parcels));
  let bytes = 0;
  for (const [name, b] of generated.files) {
    writeFileSync(path.join(input, name), b);
    bytes += b.length;
  }
  const pilji = path.resolve(import.meta.dirname, '../bin/pilji.mjs');
  const started = performance.now();
  // GNU time reports the peak memory where it is installed
  const args = [process.execPath, pilji, 'juso', input, '--workspace', ws];
  const timed = existsSync('/usr/bin/time');
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M', ...args], { encoding: 'utf8' })
    : spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  const importSeconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`pilji juso failed: ${run.stderr || run.error}`);
  const kb = timed ? Number(run.stderr.trim().split('\n').at(-1)) : NaN;
  const engine = await openEngine({ allowedDirectories: [ws] });
  try {
    const info = (await jusoIndexInfo(engine, ws))!;
    const live = generated.buildings.filter((b) => !b.removed);
    // every building up to LABELLED_BUILDINGS, else an even sample of them: a national set written
    // every way (~12 texts a building) would not fit in the heap
    const every = Math.max(1, Math.ceil(live.length / LABELLED_BUILDINGS));
    const labelled = live.filter((_, i) => i % every === 0).flatMap((b) => writtenForms(b).map((text) => ({ text, pnu: b.pnu })));
    generated.buildings.length = 0;
    const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = heap();
    const t0 = performance.now();
    const roads = (await loadRoadIndex(engine, ws))!;
    const loadSeconds = (performance.now() - t0) / 1000;
    const indexMb = (heap() - before) / 2 ** 20;
    const places = new PlaceIndex(table);
    let wrong = 0;
    let unresolved = 0;
    const t1 = performance.now();
    for (const { text, pnu } of labelled) {
      const r = resolveAnyAddress(places, roads, text);
      if (r.status !== 'resolved') unresolved++;
      else if (r.pnu !== pnu) wrong++;
    }
    const resolveSeconds = (performance.now() - t1) / 1000;
    const right = labelled.length - unresolved - wrong;
    return {
      addresses: info.addresses,
      related: info.related,
      megabytes: bytes / 2 ** 20,
      importSeconds,
      addressesPerSecond: info.addresses / importSeconds,
      peakRssMb: Number.isFinite(kb) && kb > 0 ? kb / 1024 : null,
      loadSeconds,
      indexMb,
      resolvePerSecond: labelled.length / resolveSeconds,
      labelled: labelled.length,
      wrong,
      unresolved,
      precision: right / (right + wrong),
      recall: right / labelled.length,
    };
  } finally {
    await engine.close();
  }
}

/** `count` parcels over every active 법정동 and 리 (lots 1, 2, … in each), no geometry needed. */
export function nationalParcels(table: BjdTable, count: number): JusoParcel[] {
  const active = [...table.entries()].filter((e) => e.active && e.code.slice(5, 8) !== '000');
  const hasRi = new Set(active.filter((e) => e.code.slice(8) !== '00').map((e) => e.code.slice(0, 8)));
  const leaves = active.filter((e) => e.code.slice(8) !== '00' || !hasRi.has(e.code.slice(0, 8)));
  const out: JusoParcel[] = [];
  const perPlace = Math.max(1, Math.ceil(count / leaves.length));
  for (const e of leaves) {
    const n = table.names(e.code);
    if (!n?.emd) continue;
    for (let lot = 1; lot <= perPlace && out.length < count; lot++) {
      out.push({ pnu: `${e.code}1${String(lot).padStart(4, '0')}0000`, sido: n.sido, sgg: n.sgg ?? '', emd: n.emd, ri: n.ri });
    }
  }
  return out;
}
