import { createClient, type HostConnection } from '../../shared/api/client';

/** What preload.ts exposes in the desktop app; absent in a browser. */
export interface PiljiBridge {
  host: HostConnection;
  platform: string;
  /** the native open dialog for a basemap tile file; null when cancelled */
  pickBasemapFile?: () => Promise<string | null>;
}

declare global {
  interface Window {
    pilji?: PiljiBridge;
  }
}

/**
 * Desktop: the preload bridge gives the host URL and per-launch token. Browser (server mode):
 * same origin, authenticated by the session cookie the `/?token=` link set.
 */
export function hostConnection(): HostConnection {
  return window.pilji?.host ?? { baseUrl: '', token: null };
}

export const client = createClient(hostConnection(), (url, init) => fetch(url, init as RequestInit));
