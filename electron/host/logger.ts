import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Optional structured fields of an event; ids tie a line to the query or job it is about. */
export interface LogFields {
  queryId?: string;
  jobId?: string;
  durationMs?: number;
  [key: string]: string | number | boolean | null | undefined;
}

export interface LoggerOptions {
  /** folder of the rotating files (`pilji.log`, `pilji.1.log`, …); none: memory (and terminal) only */
  dir?: string;
  /** also write each line to stderr (server mode) */
  terminal?: boolean;
  maxBytes?: number;
  /** rotated files kept besides the current one */
  keep?: number;
}

const RECENT = 500;

/**
 * Structured logs: one JSON object per line (time, level, component, message, ids, duration),
 * appended to a file that rotates by size, so a long-running server never fills the disk.
 * The last lines stay in memory for "Copy diagnostics". Logging never throws: a full disk must
 * not fail the query that was being logged.
 */
export class Logger {
  private readonly recent: string[] = [];
  private readonly file: string | null;
  private size = 0;

  constructor(private readonly o: LoggerOptions = {}) {
    this.file = o.dir ? path.join(o.dir, 'pilji.log') : null;
    if (o.dir) {
      try {
        mkdirSync(o.dir, { recursive: true });
        this.size = statSync(this.file!, { throwIfNoEntry: false })?.size ?? 0;
      } catch {
        // an unwritable folder: the log stays in memory
      }
    }
  }

  log(level: LogLevel, component: string, message: string, fields: LogFields = {}): void {
    const line = JSON.stringify({ time: new Date().toISOString(), level, component, message, ...fields });
    this.recent.push(line);
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
    if (this.o.terminal) process.stderr.write(line + '\n');
    if (!this.file) return;
    try {
      if (this.size + line.length + 1 > (this.o.maxBytes ?? 5 * 1024 * 1024)) this.rotate();
      appendFileSync(this.file, line + '\n');
      this.size += Buffer.byteLength(line) + 1;
    } catch {
      // disk full or folder gone: keep serving; the in-memory lines remain
    }
  }

  info(component: string, message: string, fields?: LogFields): void {
    this.log('info', component, message, fields);
  }

  warn(component: string, message: string, fields?: LogFields): void {
    this.log('warn', component, message, fields);
  }

  error(component: string, message: string, fields?: LogFields): void {
    this.log('error', component, message, fields);
  }

  /** The last `n` lines (newest last). */
  tail(n = 200): string[] {
    return this.recent.slice(-n);
  }

  /** The log file in use, if any. */
  get path(): string | null {
    return this.file;
  }

  private rotate(): void {
    const keep = this.o.keep ?? 3;
    const name = (i: number) => path.join(this.o.dir!, i === 0 ? 'pilji.log' : `pilji.${i}.log`);
    rmSync(name(keep), { force: true });
    for (let i = keep - 1; i >= 0; i--) {
      try {
        renameSync(name(i), name(i + 1));
      } catch {
        // that generation does not exist yet
      }
    }
    this.size = 0;
  }
}
