import type { ModelInfo } from '../../../../shared/api/contract';

export interface ModelsSlice {
  list: ModelInfo[];
  busy: 'uploading' | 'registering' | 'matching' | null;
  error: string | null;
  /** the model whose mapping dialog is open */
  open: string | null;
}

export const initialModels = (): ModelsSlice => ({ list: [], busy: null, error: null, open: null });
