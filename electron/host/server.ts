import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { MIN_TOKEN_LENGTH, newToken, weakTokenReason } from './auth';
import { createHost, type Host, type HostOptions } from './app';
import { hostNames } from './requestGuards';

export interface ServeOptions extends Omit<HostOptions, 'token' | 'allowedHosts'> {
  hostname: string;
  port: number;
  /** required when hostname is not loopback */
  token?: string;
  /** more names browsers may reach the host by (a DNS name on the LAN) */
  extraHosts?: string[];
}

export interface RunningServer {
  url: string;
  /** the URL to open in a browser: logs in once via the token, then uses a session cookie */
  openUrl: string;
  token: string;
  port: number;
  routes: Host['routes'];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Starts the host on a Node HTTP server. Off loopback, it refuses to run without a strong token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const weak = LOOPBACK.has(options.hostname) ? null : weakTokenReason(options.token);
  if (weak) {
    throw new Error(
      `binding to ${options.hostname} exposes Pilji to the network: give --token (or PILJI_TOKEN) of at least ${MIN_TOKEN_LENGTH} random characters; ${weak}`,
    );
  }
  const token = options.token ?? newToken();
  const host = await createHost({ ...options, token, allowedHosts: hostNames(options.hostname, options.extraHosts) });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: host.fetch, hostname: options.hostname, port: options.port }, () => resolve(s));
    s.once('error', reject);
  });
  // Node closes idle keep-alive sockets after 5 s; a client that reuses one just then loses its
  // request ("other side closed": seen under load). Browsers keep idle sockets far longer.
  const http = server as import('node:http').Server;
  http.keepAliveTimeout = 75_000;
  http.headersTimeout = 80_000;
  const port = (server.address() as AddressInfo).port;
  const shown = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  const url = `http://${shown}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${encodeURIComponent(token)}`,
    token,
    port,
    routes: host.routes,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // keep-alive sockets and streaming answers would hold the close open
      http.closeAllConnections();
      await closed;
      await host.close();
    },
  };
}
