import type { StoreChoice, StoresResponse } from '../../../../shared/api/contract';

/** The stores the host knows and a switch under way. */
export interface StoresSlice {
  stores: StoresResponse | null;
  /** a switch waiting for the analyst's yes, because it would make match reports stale */
  confirming: StoreChoice | null;
  busy: boolean;
  error: string | null;
}

export const initialStores = (): StoresSlice => ({ stores: null, confirming: null, busy: false, error: null });
