import type { QueryLibrary } from '../../../../shared/api/contract';

/** The saved queries and the history, as the host keeps them. */
export type LibrarySlice = QueryLibrary;

export const initialLibrary = (): LibrarySlice => ({ history: [], saved: [] });
