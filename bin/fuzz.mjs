#!/usr/bin/env node
// `npm run fuzz [-- --scale N]`: the fuzz tests with N times their `npm test` budget (default 40).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const at = args.indexOf('--scale');
const scale = at >= 0 ? args[at + 1] : (process.env.PILJI_FUZZ_SCALE ?? '40');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs'); // its bin (not an export)
const started = Date.now();
const r = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PILJI_FUZZ_SCALE: scale },
});
console.log(`fuzz: scale ${scale}, ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(r.status ?? 1);
