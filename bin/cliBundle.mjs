// Whether the CLI's Node bundle (dist/electron/pilji.cjs, made by `npm run build`) is newer than
// every source file it is built from: only then does bin/pilji.mjs run it instead of the sources.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const bundle = path.join(root, 'dist', 'electron', 'pilji.cjs');

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

export function bundleIsCurrent() {
  const built = statSync(bundle, { throwIfNoEntry: false });
  return !!built && built.mtimeMs >= newestSource();
}
