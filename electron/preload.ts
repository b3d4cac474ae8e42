import { contextBridge } from 'electron';
import { HOST_ARG, TOKEN_ARG } from './windowConfig';

// Sandboxed preload: the only thing the page gets is where the host is and its per-launch token.
const arg = (prefix: string) => process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? '';

contextBridge.exposeInMainWorld('pilji', {
  host: { baseUrl: arg(HOST_ARG), token: arg(TOKEN_ARG) },
  platform: process.platform,
});
