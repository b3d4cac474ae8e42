import { tableFromIPC } from 'apache-arrow';
import { ApiRequestError } from '../../../shared/api/client';
import { QUERY_META, type ParcelJoinReport } from '../../../shared/api/contract';
import type { MapHints } from '../../../shared/dsl/checker';
import { client } from '../hostConnection';
import { buildGeometry } from '../map/geometryClient';
import { useApp } from './appStore';
import { isNetworkFailure, markHostLost } from './hostMonitor';

let controller: AbortController | null = null;

/** Runs the editor's text (or the given selection) on the host; the result lands in the store. */
export async function runQuery(dsl: string): Promise<void> {
  const { log } = useApp.getState();
  controller?.abort();
  controller = new AbortController();
  const queryId = crypto.randomUUID();
  const started = performance.now();
  useApp.setState({ runStatus: 'running', runningQueryId: queryId, queuePosition: null, diagnostics: [] });
  // While the host holds it in line, show where: other analysts' queries may be ahead.
  const poll = setInterval(() => {
    void client.queryStatus(queryId).then(
      (s) => useApp.getState().runningQueryId === queryId && useApp.setState({ queuePosition: s.state === 'queued' ? s.position : null }),
      () => undefined,
    );
  }, 500);
  try {
    const { arrow } = await client.query({ dsl, queryId }, controller.signal);
    const receivedAt = performance.now();
    const table = tableFromIPC(arrow);
    const meta = table.schema.metadata;
    const geometryColumn = meta.get(QUERY_META.geometryColumn) || null;
    const geometry = geometryColumn ? await buildGeometry(table, geometryColumn) : null;
    const elapsedMs = Math.round(performance.now() - started);
    const mapHints = JSON.parse(meta.get(QUERY_META.mapHints) ?? '{}') as MapHints;
    useApp.setState({
      colorBy: mapHints.color ?? null,
      runStatus: 'done',
      runningQueryId: null,
      selectedRow: null,
      result: {
        dsl,
        table,
        sql: meta.get(QUERY_META.sql) ?? '',
        mapHints,
        geometry,
        elapsedMs,
        receivedAt,
        matchReports: JSON.parse(meta.get(QUERY_META.matchReports) ?? '[]') as ParcelJoinReport[],
      },
    });
    log('info', `${table.numRows.toLocaleString()} rows · ${elapsedMs} ms`);
  } catch (e) {
    if ((e as Error).name === 'AbortError' || (e instanceof ApiRequestError && e.body.code === 'cancelled')) {
      useApp.setState({ runStatus: 'cancelled', runningQueryId: null });
      log('info', 'query cancelled');
      return;
    }
    const diagnostics = e instanceof ApiRequestError ? e.body.diagnostics ?? [] : [];
    useApp.setState({ runStatus: 'error', runningQueryId: null, diagnostics });
    if (isNetworkFailure(e)) markHostLost(true);
    else log('error', (e as Error).message);
  } finally {
    clearInterval(poll);
    useApp.setState({ queuePosition: null });
  }
}

/** Stops the query in the engine (not only the UI), then drops the response. */
export async function cancelQuery(): Promise<void> {
  const id = useApp.getState().runningQueryId;
  if (id) await client.cancel(id).catch(() => undefined);
  controller?.abort();
}
