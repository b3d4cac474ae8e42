#!/usr/bin/env node
// `npm start`: builds, makes sure the Electron binary is present, opens the desktop window.
// npm 11 skips dependency install scripts until approved, so Electron's download may not have
// run; we run it here. On a network that cannot reach the Electron download, say so and point to
// `npm run serve`, which runs the same app in a browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (run('npm', ['run', 'build']) !== 0) process.exit(1);

const electronDir = path.dirname(require.resolve('electron/package.json'));
const binaryPresent = () => {
  try {
    return existsSync(require(electronDir));
  } catch {
    return false;
  }
};
if (!binaryPresent()) {
  console.log('Electron binary missing; running its installer once…');
  run(process.execPath, [path.join(electronDir, 'install.js')]);
}
if (!binaryPresent()) {
  console.error(
    '\nThe Electron binary could not be installed here (no access to its download).\n' +
      'Run the same app in a browser instead:  npm run serve',
  );
  process.exit(1);
}
process.exit(run(require(electronDir), [root]));
