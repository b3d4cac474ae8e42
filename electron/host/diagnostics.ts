import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Diagnostics } from '../../shared/api/contract';
import type { HostCore } from './hostCore';
import type { Logger } from './logger';

/** How long the host's event loop kept callbacks waiting, since it started (a stuck host shows here). */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

/**
 * The support bundle behind "Copy diagnostics": versions, where things are and how big, the
 * workspace problems and the last log lines. Never the access token or the user's data.
 */
export async function diagnostics(
  options: { version: string; mode: string; workspaceDir: string },
  core: HostCore,
  logger: Logger,
): Promise<Diagnostics> {
  const [duckdb] = await core.engine.rows<{ v: string }>('SELECT version() AS v');
  const store = core.store();
  return {
    versions: {
      pilji: options.version,
      node: process.versions.node,
      duckdb: duckdb?.v ?? 'unknown',
      ...(process.versions.electron ? { electron: process.versions.electron } : {}),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    settings: {
      mode: options.mode,
      storeDir: core.storeDir(),
      storeRows: store?.rows ?? null,
      storePartitions: store?.partitions.length ?? null,
      workspaceDir: options.workspaceDir,
      models: core.models.list().length,
      logFile: logger.path,
      cpus: os.availableParallelism(),
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
      eventLoopDelayMaxMs: Math.round(loopDelay.max / 1e6),
      rssMiB: Math.round(process.memoryUsage.rss() / 1024 ** 2),
      engineMemoryLimit: core.engine.limits.memoryLimit,
      engineSpillFolder: core.engine.limits.tempDirectory,
      engineSpillLimit: core.engine.limits.maxTempSize,
      queryTimeoutSeconds: core.engine.limits.queryTimeoutMs / 1000,
      queriesAtOnce: core.queries.limit,
      queriesAtOnceForOneClient: core.queries.perClientLimit,
    },
    problems: core.problems.list(),
    log: logger.tail(200),
  };
}
