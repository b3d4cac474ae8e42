import path from 'node:path';
import { paths, version } from '../host/paths';
import { startServer } from '../host/server';
import { CliError, parseCommandArgs } from './cliError';

const HELP = `pilji serve [options]
  --port <n>          port (default 8470; 0 picks a free one)
  --host <address>    address to bind (default 127.0.0.1); other addresses need --token
  --token <token>     access token (default: PILJI_TOKEN, else a random one per start)
  --store <dir>       cadastral store (default: the one chosen last in the app, else the
                      workspace's, else the bundled sample)
  --workspace <dir>   workspace for models and settings (default: ~/.pilji)
  --allowed-host <name>  another name browsers use for this host (repeatable; the
                      host refuses requests naming any other, against DNS rebinding)
  --memory-limit <size>  the engine's memory limit, e.g. 4GB (default: a quarter of RAM, 1-8 GB)
  --query-timeout <s>    a query running longer is stopped (default 300)
  --json              print {"url", "openUrl", "port"} as one JSON line

Prefer PILJI_TOKEN to --token: a command line is visible to every user of the machine (ps).
`;

/** How long a stop may take before the process ends anyway. */
const FORCED_EXIT_MS = 10_000;

export async function runServe(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string', default: '8470' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    store: { type: 'string' },
    workspace: { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
    'memory-limit': { type: 'string' },
    'query-timeout': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const workspaceDir = path.resolve(values.workspace ?? paths.defaultWorkspace());
  const timeout = values['query-timeout'] === undefined ? undefined : Number(values['query-timeout']);
  if (timeout !== undefined && !(timeout > 0))
    throw new CliError(`--query-timeout takes seconds (a number above 0), not '${values['query-timeout']}'`);
  const memory = values['memory-limit'];
  if (memory !== undefined && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memory))
    throw new CliError(`--memory-limit takes a size such as 4GB, not '${memory}'`);
  const server = await startServer({
    mode: 'server',
    hostname: values.host,
    port: Number(values.port),
    token: values.token ?? process.env.PILJI_TOKEN,
    workspaceDir,
    // a --store wins; without one the host reads the store chosen last in the app
    storeDir: values.store === undefined ? undefined : path.resolve(values.store),
    rendererDir: paths.renderer(),
    assetsDir: paths.assets(),
    version: version(),
    logToTerminal: true,
    extraHosts: values['allowed-host'] ?? [],
    limits: { ...(memory ? { memoryLimit: memory } : {}), ...(timeout ? { queryTimeoutSeconds: timeout } : {}) },
  });
  // the handlers are in place before the address is announced: a signal sent the moment the
  // address is read must stop the host, not kill it mid-write
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      resolve();
      // a second signal, or a close that hangs (a job deep in native code), still stops the host
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (values.json) process.stdout.write(JSON.stringify({ url: server.url, openUrl: server.openUrl, port: server.port }) + '\n');
  else process.stdout.write(`Pilji is running. Open this address in a browser:\n\n  ${server.openUrl}\n\nPress Ctrl+C to stop.\n`);
  await stopped;
  await server.close();
  return 0;
}
