import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application folder: the one holding package.json and assets/. Found by walking up from
 * this module, so it works from the sources (tsx), the Node bundles in dist/ and a packaged app
 * (where PILJI_ROOT is set by the Electron main process; its CJS bundle has no import.meta).
 */
export function appRoot(): string {
  if (process.env.PILJI_ROOT) return process.env.PILJI_ROOT;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'assets'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the Pilji application folder (package.json with assets/)');
    dir = parent;
  }
}

export const paths = {
  assets: () => path.join(appRoot(), 'assets'),
  renderer: () => path.join(appRoot(), 'dist', 'renderer'),
  sampleStore: () => path.join(appRoot(), 'assets', 'sample', 'store'),
  defaultWorkspace: () => process.env.PILJI_WORKSPACE ?? path.join(os.homedir(), '.pilji'),
};

export function version(): string {
  return (JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
