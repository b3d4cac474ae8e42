import type { ExportFormat } from '../../../shared/api/contract';
import { client } from '../hostConnection';
import { useApp } from './appStore';

/**
 * Downloads the current result in a format: the host runs the query again and streams the file
 * (a browser download in server mode, the save dialog in the desktop window).
 */
export async function exportResult(format: ExportFormat): Promise<void> {
  const { result, log } = useApp.getState();
  if (!result) return;
  try {
    const { url } = await client.startExport({ dsl: result.dsl, format, name: `pilji-${new Date().toISOString().slice(0, 10)}` });
    const a = document.createElement('a');
    a.href = url;
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
    log('info', `export ${format}`);
  } catch (e) {
    log('error', `export: ${(e as Error).message}`);
  }
}
