import { ApiRequestError } from '../../../shared/api/client';
import { MESSAGES, type MessageKey } from '../i18n';

/**
 * The catalogue's words (`importReason_<code>`) for why an import failed, when the host named a
 * cause (JobInfo.errorReason, or ApiError.reason when an upload is refused); null leaves the
 * host's English message to be shown as it came.
 */
export function importReasonKey(reason: string | null | undefined): MessageKey | null {
  const key = `importReason_${reason}`;
  return reason && key in MESSAGES.ko ? (key as MessageKey) : null;
}

/** The cause of a failed request to start an import, worded as importReasonKey words a job's. */
export function requestReasonKey(e: unknown): MessageKey | null {
  return importReasonKey(e instanceof ApiRequestError ? e.body.reason : null);
}
