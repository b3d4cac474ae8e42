import type { ExportFormat } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { MESSAGES } from '../i18n';
import type { JobsSlice } from './slices/jobsSlice';
import { log, setSlice, shownTab, slice } from './store';

/** The file's name: the tab's (a model's parcels open in a tab named after the model), else 쿼리 N as the tab shows it. */
export function exportName(): string {
  const { tabName } = shownTab();
  const { lang } = slice('settings');
  const { order, active } = slice('tabs');
  return tabName ?? `${MESSAGES[lang].queryTab} ${order.indexOf(active) + 1}`;
}

const POLL_MS = 400;

function setExport(o: Partial<JobsSlice['export']>): void {
  setSlice('jobs', (j) => ({ export: { ...j.export, ...o } }));
}

const EXPORT_LABEL = { geojson: 'GeoJSON', csv: 'CSV', parquet: 'GeoParquet', shapefile: 'SHP' } as const;

/** A format as its button and the status bar name it (a result without geometry gives plain Parquet). */
export function exportLabel(format: ExportFormat, geometry: boolean): string {
  return format === 'parquet' && !geometry ? 'Parquet' : EXPORT_LABEL[format];
}

/**
 * Downloads the current result in a format: the host runs the query again and streams the file
 * (a browser download in server mode, the save dialog in the desktop window), and says how far it
 * got: rows written, bytes sent. Cancel stops it in the host.
 */
export async function exportResult(format: ExportFormat): Promise<void> {
  const { result } = shownTab();
  if (!result) return;
  try {
    const crs = format === 'csv' ? undefined : slice('jobs').exportCrs;
    const { id, url } = await client.startExport({ dsl: result.dsl, format, name: exportName(), crs });
    setExport({ format, id, of: result, progress: { phase: 'waiting', rows: 0, bytes: 0, error: null } });
    const a = document.createElement('a');
    a.href = url;
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
    let progress = slice('jobs').export.progress!;
    while (progress.phase === 'waiting' || progress.phase === 'running') {
      await new Promise((r) => setTimeout(r, POLL_MS));
      progress = await client.exportProgress(id);
      if (slice('jobs').export.id !== id) return; // another export took over the display
      setExport({ progress });
    }
    const phase = progress.phase === 'done' ? 'phase_done' : progress.phase === 'cancelled' ? 'phase_cancelled' : 'phase_failed';
    log(progress.phase === 'done' ? 'info' : 'error', {
      key: 'exportEnded',
      params: { format: exportLabel(format, !!result.geometry), phase },
    });
    if (progress.error) log('error', { key: 'failedIn', params: { what: 'area_export', detail: progress.error } });
  } catch (e) {
    log('error', { key: 'failedIn', params: { what: 'area_export', detail: (e as Error).message } });
  }
}

export async function cancelExport(): Promise<void> {
  const { id } = slice('jobs').export;
  if (id) await client.cancelExport(id).catch(() => undefined);
}
