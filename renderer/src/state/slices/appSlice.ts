import type { StoreInfo } from '../../../../shared/api/contract';
import type { Catalog } from '../../../../shared/dsl/catalog';
import type { Said } from '../../i18n';

/**
 * A status-bar message: a catalogue key with its parameters, shown in the language of the moment
 * (switching language re-words it), or a text as the host sent it (a host error's own words).
 */
export interface Message {
  level: 'info' | 'error';
  said: Said;
  at: number;
}

/** The host as the renderer knows it: the connection, the catalog and store summary, what it said. */
export interface AppSlice {
  connection: 'connecting' | 'ready' | 'lost';
  catalog: Catalog | null;
  store: StoreInfo | null;
  messages: Message[];
}

export const initialApp = (): AppSlice => ({ connection: 'connecting', catalog: null, store: null, messages: [] });

/** The status bar keeps the last 200 messages. */
export function withMessage(messages: Message[], level: Message['level'], said: Said): Message[] {
  return [...messages.slice(-199), { level, said, at: Date.now() }];
}
