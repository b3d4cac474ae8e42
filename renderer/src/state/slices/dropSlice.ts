import type { TextEncoding } from '../../../../shared/api/contract';

export type DropTarget = 'model' | 'cadastral';

/** Dropped files waiting for the analyst to say what they are. */
export interface DropSlice {
  files: File[] | null;
  encoding?: TextEncoding;
  suggested: DropTarget | null;
}

export const initialDrop = (): DropSlice => ({ files: null, suggested: null });
