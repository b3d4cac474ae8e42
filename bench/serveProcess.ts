import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface ServeProcess {
  child: ChildProcess;
  /** the origin, e.g. http://127.0.0.1:41234 */
  url: string;
  /** the URL that logs a browser in (with ?token=) */
  openUrl: string;
}

/**
 * Starts `pilji serve --port 0 --json <args>` as a child process (its log goes to its workspace,
 * not to our terminal) and resolves once it printed where it listens. A `--port` in `args` wins
 * (the last of a repeated option counts).
 */
export function startServeProcess(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin/pilji.mjs'), 'serve', '--port', '0', '--json', ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve({ child, ...(JSON.parse(line) as { url: string; openUrl: string }) });
    });
    child.on('exit', (code) => reject(new Error(`pilji serve exited with ${code}`)));
  });
}
