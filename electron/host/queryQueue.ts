import { QueryCancelledError } from './engine/engine';

/**
 * At most `limit` queries run in the engine at once; the others wait in arrival order and can
 * say where they stand. A long query takes one slot, so the short ones behind it use the
 * others instead of waiting for it; a query cancelled while waiting leaves the line.
 */
export class QueryQueue {
  private readonly active = new Set<string>();
  private readonly waiting: { id: string; start: () => void }[] = [];

  constructor(readonly limit: number) {
    if (limit < 1) throw new RangeError('the query limit must be at least 1');
  }

  /** Resolves with `release` once the query may run; a signal aborted first rejects (cancelled). */
  acquire(id: string, signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(new QueryCancelledError());
    return new Promise((resolve, reject) => {
      const start = () => {
        signal.removeEventListener('abort', onAbort);
        this.active.add(id);
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
      if (this.active.size < this.limit) start();
      else this.waiting.push({ id, start });
    });
  }

  /** 'running', or the 1-based place in line, or null for a query this queue does not hold. */
  status(id: string): { state: 'running' } | { state: 'queued'; position: number } | null {
    if (this.active.has(id)) return { state: 'running' };
    const i = this.waiting.findIndex((w) => w.id === id);
    return i >= 0 ? { state: 'queued', position: i + 1 } : null;
  }

  private next(): void {
    while (this.active.size < this.limit && this.waiting.length) this.waiting.shift()!.start();
  }
}
