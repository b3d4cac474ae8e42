import { create } from 'zustand';
import type { ExportCrs, ExportFormat, ExportProgress } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { MESSAGES } from '../i18n';
import { useApp, type QueryResult } from './appStore';
import { useTabs } from './resultTabs';

/**
 * The export under way (or the last one): its format, id, where the host says it stands and the
 * result it was of (its status is shown with that result only); and the CRS chosen for the next.
 */
export const useExport = create<{
  format: ExportFormat | null;
  id: string | null;
  progress: ExportProgress | null;
  of: QueryResult | null;
  crs: ExportCrs;
}>(() => ({ format: null, id: null, progress: null, of: null, crs: 4326 }));

/** The file's name: the tab's (a model's parcels open in a tab named after the model), else 쿼리 N as the tab shows it. */
export function exportName(): string {
  const { tabName, lang } = useApp.getState();
  const { order, active } = useTabs.getState();
  return tabName ?? `${MESSAGES[lang].queryTab} ${order.indexOf(active) + 1}`;
}

const POLL_MS = 400;

/**
 * Downloads the current result in a format: the host runs the query again and streams the file
 * (a browser download in server mode, the save dialog in the desktop window), and says how far it
 * got: rows written, bytes sent. Cancel stops it in the host.
 */
export async function exportResult(format: ExportFormat): Promise<void> {
  const { result, log } = useApp.getState();
  if (!result) return;
  try {
    const crs = format === 'csv' ? undefined : useExport.getState().crs;
    const { id, url } = await client.startExport({ dsl: result.dsl, format, name: exportName(), crs });
    useExport.setState({ format, id, of: result, progress: { phase: 'waiting', rows: 0, bytes: 0, error: null } });
    const a = document.createElement('a');
    a.href = url;
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
    let progress = useExport.getState().progress!;
    while (progress.phase === 'waiting' || progress.phase === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      progress = await client.exportProgress(id);
      if (useExport.getState().id !== id) return; // another export took over the display
      useExport.setState({ progress });
    }
    const phase = progress.phase === 'done' ? 'phase_done' : progress.phase === 'cancelled' ? 'phase_cancelled' : 'phase_failed';
    log(progress.phase === 'done' ? 'info' : 'error', { key: 'exportEnded', params: { format: format.toUpperCase(), phase } });
    if (progress.error) log('error', { key: 'failedIn', params: { what: 'area_export', detail: progress.error } });
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_export', detail: (e as Error).message } });
  }
}

export async function cancelExport(): Promise<void> {
  const { id } = useExport.getState();
  if (id) await client.cancelExport(id).catch(() => undefined);
}
