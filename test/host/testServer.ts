import path from 'node:path';
import { createClient } from '../../shared/api/client';
import { paths } from '../../electron/host/paths';
import { startServer, type RunningServer } from '../../electron/host/server';

/**
 * A real host in server mode with its own workspace, reading the store chosen there (a fresh
 * workspace: the bundled sample), as `pilji serve` without --store does.
 */
export function startTestServer(workspaceDir: string): Promise<RunningServer> {
  return startServer({
    mode: 'server',
    hostname: '127.0.0.1',
    port: 0,
    workspaceDir,
    rendererDir: path.join(paths.assets(), 'sample'),
    assetsDir: paths.assets(),
    version: 'test',
  });
}

/** The typed client the renderer uses, pointed at a test server. */
export function clientOf(server: RunningServer) {
  return createClient({ baseUrl: server.url, token: server.token }, (u, i) => fetch(u, i as RequestInit));
}
