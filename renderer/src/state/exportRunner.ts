import { create } from 'zustand';
import type { ExportFormat, ExportProgress } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { useApp } from './appStore';

/** The export under way (or the last one): its format, id and where the host says it stands. */
export const useExport = create<{ format: ExportFormat | null; id: string | null; progress: ExportProgress | null }>(() => ({ format: null, id: null, progress: null }));

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
    const { id, url } = await client.startExport({ dsl: result.dsl, format, name: `pilji-${new Date().toISOString().slice(0, 10)}` });
    useExport.setState({ format, id, progress: { phase: 'waiting', rows: 0, bytes: 0, error: null } });
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
