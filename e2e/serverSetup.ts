import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the app exactly as a user does, `npm run serve`, on a free port and an empty workspace;
 * tests read the printed URL from PILJI_E2E_URL / PILJI_E2E_OPEN_URL.
 */
export default async function serverSetup(): Promise<() => Promise<void>> {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'pilji-e2e-'));
  const child = spawn('npm', ['run', 'serve', '--', '--port', '0', '--json', '--workspace', workspace], {
    cwd: path.resolve(import.meta.dirname, '..'),
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<{ url: string; openUrl: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`npm run serve printed no URL in 180 s:\n${out}`)), 180_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { url: string; openUrl: string });
      }
    });
    child.on('exit', (code) => reject(new Error(`npm run serve exited with ${code}:\n${out}`)));
  });
  process.env.PILJI_E2E_URL = info.url;
  process.env.PILJI_E2E_OPEN_URL = info.openUrl;
  return async () => {
    process.kill(-child.pid!, 'SIGTERM');
  };
}
