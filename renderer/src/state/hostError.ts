import { ApiRequestError } from '../../../shared/api/client';
import type { Said } from '../i18n';

/**
 * An error as the UI says it: the host's unexpected failures ('internal error: …', code
 * 'internal') get the catalogue's label with the detail; other messages are the host's words.
 */
export function saidOf(e: unknown): Said {
  const message = (e as Error).message ?? String(e);
  if (e instanceof ApiRequestError && e.body.code === 'internal')
    return { key: 'internalError', params: { detail: message.replace(/^internal error:\s*/, '') } };
  return message;
}
