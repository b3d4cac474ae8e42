import { ApiRequestError } from '../../../shared/api/client';
import { QUERY_META, type ParcelJoinReport } from '../../../shared/api/contract';
import type { MapHints } from '../../../shared/dsl/checker';
import { client } from '../hostConnection';
import { num } from '../i18n';
import { saidOf } from './hostError';
import { readResult } from './readResult';
import { isNetworkFailure, markHostLost } from './hostMonitor';
import { tabState, updateTab } from './resultTabs';
import type { QueryResult } from './slices/tabsSlice';
import { log, slice } from './store';

/** Each result tab runs its own query; a new run in a tab replaces that tab's. */
const controllers = new Map<string, AbortController>();

/**
 * Runs the editor's text (or the given selection) on the host; the result lands in the tab that
 * ran it, even when another tab is shown by then (tabs run at once).
 */
export async function runQuery(dsl: string, o: { colorBy?: string | null; tab?: string } = {}): Promise<void> {
  const tab = o.tab ?? slice('tabs').active;
  controllers.get(tab)?.abort();
  const controller = new AbortController();
  controllers.set(tab, controller);
  const queryId = crypto.randomUUID();
  const started = performance.now();
  updateTab(tab, {
    runStatus: 'running',
    runningQueryId: queryId,
    queuePosition: null,
    diagnostics: [],
    startedAt: started,
    runError: null,
  });
  // While the host holds it in line, show where: other analysts' queries may be ahead.
  const poll = setInterval(() => {
    void client.queryStatus(queryId).then(
      (s) => tabState(tab)?.runningQueryId === queryId && updateTab(tab, { queuePosition: s.state === 'queued' ? s.position : null }),
      () => undefined,
    );
  }, 500);
  try {
    const result = await fetchResult(dsl, queryId, controller.signal, started);
    updateTab(tab, {
      // a restored tab keeps the colouring the analyst chose; a new run takes the query's
      colorBy: o.colorBy !== undefined ? o.colorBy : (result.mapHints.color ?? null),
      legendFilter: null,
      runStatus: 'done',
      runningQueryId: null,
      startedAt: null,
      selectedRow: null,
      lastRun: dsl,
      result,
    });
    log('info', { key: 'resultRows', params: { rows: num(result.table.numRows), ms: num(result.elapsedMs) } });
  } catch (e) {
    if ((e as Error).name === 'AbortError' || (e instanceof ApiRequestError && e.body.code === 'cancelled')) {
      updateTab(tab, { runStatus: 'cancelled', runningQueryId: null, startedAt: null });
      log('info', { key: 'queryCancelled' });
      return;
    }
    const diagnostics = e instanceof ApiRequestError ? (e.body.diagnostics ?? []) : [];
    const lost = isNetworkFailure(e);
    updateTab(tab, {
      runStatus: 'error',
      runningQueryId: null,
      startedAt: null,
      diagnostics,
      runError: { dsl, message: lost ? '' : saidOf(e) },
    });
    if (lost) markHostLost(true);
    else log('error', saidOf(e));
  } finally {
    clearInterval(poll);
    if (tabState(tab)) updateTab(tab, { queuePosition: null });
    if (controllers.get(tab) === controller) controllers.delete(tab);
  }
}

/** Runs a query on the host and reads its answer whole: the table, its geometry buffers, its SQL and reports. */
export async function fetchResult(dsl: string, queryId: string, signal?: AbortSignal, started = performance.now()): Promise<QueryResult> {
  const { body } = await client.queryStream({ dsl, queryId }, signal);
  const {
    table,
    receivedAt,
    geometry: building,
  } = await readResult(body as ReadableStream<Uint8Array>).catch(async (e: unknown) => {
    // an answer that broke off: the host says why and where (an engine error located at its step)
    const status = signal?.aborted ? null : await client.queryStatus(queryId).catch(() => null);
    throw status?.state === 'failed' ? new ApiRequestError(400, status.error) : e;
  });
  const meta = table.schema.metadata;
  const geometry = await building;
  return {
    dsl,
    table,
    sql: meta.get(QUERY_META.sql) ?? '',
    mapHints: JSON.parse(meta.get(QUERY_META.mapHints) ?? '{}') as MapHints,
    geometry,
    elapsedMs: Math.round(performance.now() - started),
    receivedAt,
    matchReports: JSON.parse(meta.get(QUERY_META.matchReports) ?? '[]') as ParcelJoinReport[],
  };
}

/** Stops a tab's query (default: the shown tab's) in the engine, not only the UI, then drops the response. */
export async function cancelQuery(tab = slice('tabs').active): Promise<void> {
  const id = tabState(tab)?.runningQueryId;
  if (id) await client.cancel(id).catch(() => undefined);
  controllers.get(tab)?.abort();
}
