#!/usr/bin/env node
// Runs the CLI from its Node bundle (dist/electron/pilji.cjs, made by `npm run build`) when that is
// newer than every source file, which starts in a fraction of the time; otherwise from the
// TypeScript sources through tsx's loader, so `npx pilji` works right after `npm install` and
// never runs code older than the sources.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join(root, 'dist', 'electron', 'pilji.cjs');

/** The newest modification time of the files under the source folders the CLI is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ['electron', 'shared']) walk(path.join(root, dir));
  return newest;
}

const built = statSync(bundle, { throwIfNoEntry: false });
if (built && built.mtimeMs >= newestSource()) {
  // the bundle has no import.meta to find the application folder from
  process.env.PILJI_ROOT ??= root;
  createRequire(import.meta.url)(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../electron/cli/pilji.ts');
}
