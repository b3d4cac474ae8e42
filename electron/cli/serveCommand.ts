import path from 'node:path';
import { defaultStore, paths, version } from '../host/paths';
import { startServer } from '../host/server';
import { parseCommandArgs } from './cliError';

const HELP = `pilji serve [options]
  --port <n>          port (default 8470; 0 picks a free one)
  --host <address>    address to bind (default 127.0.0.1); other addresses need --token
  --token <token>     access token (default: PILJI_TOKEN, else a random one per start)
  --store <dir>       cadastral store (default: the workspace's, else the bundled sample)
  --workspace <dir>   workspace for models and settings (default: ~/.pilji)
  --json              print {"url", "openUrl", "port"} as one JSON line
`;

export async function runServe(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string', default: '8470' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    store: { type: 'string' },
    workspace: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  const server = await startServer({
    mode: 'server',
    hostname: values.host,
    port: Number(values.port),
    token: values.token ?? process.env.PILJI_TOKEN,
    workspaceDir,
    storeDir: path.resolve(values.store ?? defaultStore(workspaceDir)),
    rendererDir: paths.renderer(),
    assetsDir: paths.assets(),
    version: version(),
    logToTerminal: true,
  });
  if (values.json) process.stdout.write(JSON.stringify({ url: server.url, openUrl: server.openUrl, port: server.port }) + '\n');
  else process.stdout.write(`Pilji is running. Open this address in a browser:\n\n  ${server.openUrl}\n\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
