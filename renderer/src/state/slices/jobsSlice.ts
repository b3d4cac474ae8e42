import type { ExportCrs, ExportFormat, ExportProgress, JobInfo } from '../../../../shared/api/contract';
import type { QueryResult } from './tabsSlice';

/**
 * Work the host does for the analyst over time: the import under way, the jobs a restart
 * interrupted, and the export under way (or the last one).
 */
export interface JobsSlice {
  uploading: boolean;
  importJob: JobInfo | null;
  /** jobs the host was stopped in the middle of (listed by it after a restart), until retried */
  interrupted: JobInfo[];
  /** the export: its format, id, where the host says it stands and the result it was of (its status is shown with that result only) */
  export: { format: ExportFormat | null; id: string | null; progress: ExportProgress | null; of: QueryResult | null };
  /** the CRS chosen for the next export */
  exportCrs: ExportCrs;
}

export const initialJobs = (): JobsSlice => ({
  uploading: false,
  importJob: null,
  interrupted: [],
  export: { format: null, id: null, progress: null, of: null },
  exportCrs: 4326,
});
