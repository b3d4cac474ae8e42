import { paths, version } from './host/paths';
import { startServer } from './host/server';

/**
 * The host in its own (utility) process, so a crash in the engine cannot take the window
 * down. main.ts passes the token and folders in the environment; we answer with the URL.
 */
async function run() {
  const token = process.env.PILJI_TOKEN;
  if (!token) throw new Error('desktop host started without PILJI_TOKEN');
  const server = await startServer({
    mode: 'desktop',
    hostname: '127.0.0.1',
    port: Number(process.env.PILJI_PORT ?? 0), // main.ts restarts a crashed host on its old port
    token,
    storeDir: process.env.PILJI_STORE, // else the store the analyst chose last
    workspaceDir: paths.defaultWorkspace(),
    rendererDir: paths.renderer(),
    assetsDir: paths.assets(),
    version: version(),
  });
  if (process.parentPort) process.parentPort.postMessage({ type: 'ready', url: server.url });
  // Started by hand (tests, diagnosis) rather than by Electron: say where it listens.
  else process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
}

run().catch((e: unknown) => {
  process.parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
