import { contextBridge, ipcRenderer } from 'electron';
import { HOST_ARG, PICK_BASEMAP_FILE, TOKEN_ARG } from './windowConfig';

// Sandboxed preload: the page gets where the host is, its per-launch token, and one native dialog.
const arg = (prefix: string) => process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length) ?? '';

contextBridge.exposeInMainWorld('pilji', {
  host: { baseUrl: arg(HOST_ARG), token: arg(TOKEN_ARG) },
  platform: process.platform,
  pickBasemapFile: (): Promise<string | null> => ipcRenderer.invoke(PICK_BASEMAP_FILE),
});
