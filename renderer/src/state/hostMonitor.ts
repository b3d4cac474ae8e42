import { ApiRequestError } from '../../../shared/api/client';
import { client } from '../hostConnection';
import { log, setSlice, slice } from './store';

/** workspace problems already shown (the host lists them on every catalog request) */
const reported = new Set<string>();

/** Loads the catalog; the editor and the data pane read it. */
export async function connect(): Promise<void> {
  try {
    const [{ catalog, store, problems }, settings] = await Promise.all([client.catalog(), client.settings()]);
    setSlice('app', { catalog, store, connection: 'ready' });
    setSlice('settings', { basemap: settings.basemap });
    for (const p of problems.filter((p) => !reported.has(p))) {
      reported.add(p);
      log('error', p);
    }
  } catch (e) {
    setSlice('app', { connection: 'lost' });
    log('error', { key: 'failedIn', params: { what: 'area_host', detail: (e as Error).message } });
  }
}

const READY_INTERVAL_MS = 5_000;
const LOST_INTERVAL_MS = 1_500;

/**
 * Watches the host: a light health check every few seconds. When the host goes away (restarted,
 * crashed) the status bar says so and the checks continue faster; when it answers again the
 * catalog is reloaded and work goes on, without reloading the page. Returns a stop function.
 */
export function watchHost(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    const { connection } = slice('app');
    // an HTTP answer is a host; 401 is a different host (restarted with another token)
    const ok = await client.health().then(
      () => true,
      (e: unknown) => e instanceof ApiRequestError && e.status !== 401,
    );
    if (stopped) return;
    if (!ok && connection !== 'lost') markHostLost();
    if (ok && connection === 'lost') {
      await connect();
      if (slice('app').connection === 'ready') log('info', { key: 'reconnected' });
    }
    timer = setTimeout(() => void tick(), slice('app').connection === 'lost' ? LOST_INTERVAL_MS : READY_INTERVAL_MS);
  };
  timer = setTimeout(() => void tick(), READY_INTERVAL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The host stopped answering a health check, or a query (which then failed: say so). */
export function markHostLost(duringQuery = false): void {
  setSlice('app', { connection: 'lost' });
  log('error', { key: duringQuery ? 'queryLostHost' : 'hostLost' });
}

/** A request that never reached the host or got no answer (not an error the host sent). */
export function isNetworkFailure(e: unknown): boolean {
  return e instanceof TypeError && !(e instanceof ApiRequestError);
}
