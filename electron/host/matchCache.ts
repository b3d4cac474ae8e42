import { quoteIdent } from '../../shared/dsl/sqlgen';
import type { RelationMatch } from '../models/parcelMatcher';
import type { Engine } from '../engine/engine';

interface Entry {
  table: string;
  built: Promise<RelationMatch>;
  users: number;
  lastUsed: number;
}

/** A cached match table in use by one query; `release` when the query ends. */
export interface CachedMatch {
  table: string;
  match: RelationMatch;
  release(): void;
}

/**
 * Match tables kept between queries, like a query-cache server: a parcel_join re-run, or a query
 * edited after its join, reuses the table instead of matching every address again. The key says
 * everything a match depends on: the rows entering the join (their SQL), the mapping, and the
 * data under them (store, code table, models: `generation`). Tables in use are never dropped;
 * past `capacity` the least recently used idle one is.
 */
export class MatchCache {
  private readonly entries = new Map<string, Entry>();
  private tick = 0;
  private serial = 0;

  constructor(
    private readonly engine: Engine,
    private readonly capacity = 8,
  ) {}

  async use(key: string, build: (table: string) => Promise<RelationMatch>): Promise<CachedMatch> {
    let entry = this.entries.get(key);
    if (!entry) {
      const table = `__match_cached_${++this.serial}`;
      entry = { table, built: build(table), users: 0, lastUsed: 0 };
      this.entries.set(key, entry);
      // a failed build is not kept
      entry.built.catch(() => this.entries.delete(key));
    }
    entry.users++;
    entry.lastUsed = ++this.tick;
    const e = entry;
    let match: RelationMatch;
    try {
      match = await e.built;
    } catch (err) {
      e.users--;
      throw err;
    }
    await this.evict();
    let released = false;
    return {
      table: e.table,
      match,
      release: () => {
        if (released) return;
        released = true;
        e.users--;
      },
    };
  }

  /** Drops idle tables past capacity, oldest use first. */
  private async evict(): Promise<void> {
    const idle = [...this.entries].filter(([, e]) => e.users === 0).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [key, e] of idle.slice(0, Math.max(0, this.entries.size - this.capacity))) {
      this.entries.delete(key);
      await this.engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(e.table)}`).catch(() => undefined);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
