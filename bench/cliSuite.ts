import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ScaleData } from './benchData';
import { timing, type BenchQuery, type Timing } from './querySuite';
import { bundleIsCurrent } from '../bin/cliBundle.mjs';

export interface CliMeasurement {
  /** 'bundle' when dist/electron/pilji.cjs is newer than the sources (what bin/pilji.mjs then runs), else 'tsx' */
  runs: 'bundle' | 'tsx';
  /** `node -e 0`: what any Node process costs on this machine */
  node: Timing;
  /** `pilji help`: the CLI started, no engine */
  start: Timing;
  queries: { id: string; title: string; rows: number; whole: Timing }[];
}

const root = path.resolve(import.meta.dirname, '..');

/** Wall-clock milliseconds of one whole process, its standard output counted in lines. */
function timed(args: string[]): { ms: number; lines: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, lines: r.stdout.split('\n').filter(Boolean).length };
}

/** `runs` + 1 whole processes, the first dropped (it fills the OS file cache). */
function warm(args: string[], runs: number): { whole: Timing; lines: number } {
  const all = Array.from({ length: runs + 1 }, () => timed(args));
  return { whole: timing(all.slice(1).map((r) => r.ms)), lines: all[0]!.lines };
}

/**
 * `npx pilji query` as an analyst runs it from a shell: the whole process, start-up included,
 * for the queries given (their models are registered in the scale's workspace), CSV to stdout.
 */
export function runCliSuite(data: Pick<ScaleData, 'storeDir' | 'workspace'>, queries: BenchQuery[], runs: number): CliMeasurement {
  const cli = path.join(root, 'bin', 'pilji.mjs');
  return {
    runs: bundleIsCurrent() ? 'bundle' : 'tsx',
    node: warm(['-e', '0'], runs).whole,
    start: warm([cli, 'help'], runs).whole,
    queries: queries.map((q) => {
      const { whole, lines } = warm([cli, 'query', '--store', data.storeDir, '--workspace', data.workspace, '-e', q.dsl], runs);
      return { id: q.id, title: q.title, rows: Math.max(0, lines - 1), whole };
    }),
  };
}
