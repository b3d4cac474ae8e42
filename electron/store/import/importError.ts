import type { ImportFailureReason } from '../../../shared/api/importFailure';

/**
 * An import failure with a stable cause the UI words itself (errorReason finds `code` along the
 * causes); the message is the English one logs and the CLI show.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: ImportFailureReason,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
