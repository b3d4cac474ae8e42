import type { ModelInfo, ReportStore } from '../../shared/api/contract';

/** Whether two stores are the same folder in the same version (so a report counted against one holds for the other). */
export function sameStore(a: ReportStore | null | undefined, b: ReportStore): boolean {
  return !!a && a.path === b.path && a.stamp === b.stamp;
}

/**
 * A model as the host answers it: a match report counted against another store, or against an
 * older version of this one, is marked stale, so its counts are never shown as today's. A report
 * that does not say which store it was made against (written before reports did) is stale too.
 */
export function withStaleness(info: ModelInfo, active: ReportStore): ModelInfo {
  return { ...info, reportStale: info.report !== null && !sameStore(info.reportStore, active) };
}
