import { QueryCancelledError } from '../engine/engine';

/**
 * At most `limit` queries run in the engine at once; the others wait in arrival order and can
 * say where they stand. A long query takes one slot, so the short ones behind it use the
 * others instead of waiting for it; a query cancelled while waiting leaves the line. On a
 * shared server one client (an address) holds at most `perClientLimit` slots, so it cannot take
 * them all: its further queries wait while other clients' go ahead of them.
 */
export class QueryQueue {
  private readonly active = new Map<string, string>();
  private readonly waiting: { id: string; client: string; start: () => void }[] = [];
  readonly perClientLimit: number;

  /** `perClientLimit`: default `limit` (one user, as on the desktop, may use every slot) */
  constructor(
    readonly limit: number,
    perClientLimit = limit,
  ) {
    if (limit < 1) throw new RangeError('the query limit must be at least 1');
    this.perClientLimit = Math.max(1, Math.min(limit, perClientLimit));
  }

  /** Resolves with `release` once the query may run; a signal aborted first rejects (cancelled). */
  acquire(id: string, signal: AbortSignal, client = ''): Promise<() => void> {
    if (signal.aborted) return Promise.reject(new QueryCancelledError());
    return new Promise((resolve, reject) => {
      const start = () => {
        signal.removeEventListener('abort', onAbort);
        this.active.set(id, client);
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.active.delete(id);
          this.next();
        });
      };
      const onAbort = () => {
        const i = this.waiting.findIndex((w) => w.start === start);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new QueryCancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push({ id, client, start });
      this.next();
    });
  }

  /** 'running', or the 1-based place in line, or null for a query this queue does not hold. */
  status(id: string): { state: 'running' } | { state: 'queued'; position: number } | null {
    if (this.active.has(id)) return { state: 'running' };
    const i = this.waiting.findIndex((w) => w.id === id);
    return i >= 0 ? { state: 'queued', position: i + 1 } : null;
  }

  private next(): void {
    for (let i = 0; i < this.waiting.length && this.active.size < this.limit;) {
      const w = this.waiting[i]!;
      if (this.runningFor(w.client) >= this.perClientLimit) i++;
      else {
        this.waiting.splice(i, 1);
        w.start();
      }
    }
  }

  private runningFor(client: string): number {
    let n = 0;
    for (const c of this.active.values()) if (c === client) n++;
    return n;
  }
}
