import type { MessageKey } from './i18n';

/**
 * The keyboard shortcuts beyond the editor's own. Alt with a letter, matched by the key's place
 * (`code`), so that they work whatever the keyboard layout or input method (Hangul typed with
 * 두벌식 gives the same codes): Ctrl+T/W/N/Tab, Alt+D/E/F and Alt+digits belong to the browser,
 * Ctrl and Alt+arrows to CodeMirror, and none of these letters are bound by either.
 */
export type ShortcutId = 'run' | 'newTab' | 'closeTab' | 'focusEditor' | 'focusTable' | 'focusMap' | 'escape';

interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.code with Alt; null: handled elsewhere (Ctrl+Enter by the editor, Esc by the tool or dialog open) */
  code: string | null;
  label: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'run', code: null, label: 'shortcutRun' },
  { id: 'newTab', code: 'KeyN', label: 'newTab' },
  { id: 'closeTab', code: 'KeyW', label: 'closeTab' },
  { id: 'focusEditor', code: 'KeyQ', label: 'shortcutFocusEditor' },
  { id: 'focusTable', code: 'KeyT', label: 'shortcutFocusTable' },
  { id: 'focusMap', code: 'KeyM', label: 'shortcutFocusMap' },
  { id: 'escape', code: null, label: 'shortcutEscape' },
];

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The keys as the tooltips and the help list write them (⌘ and ⌥ on a Mac). */
export function shortcutKeys(id: ShortcutId): string {
  if (id === 'run') return MAC ? '⌘+Enter' : 'Ctrl+Enter';
  if (id === 'escape') return 'Esc';
  const code = SHORTCUTS.find((s) => s.id === id)!.code!;
  return `${MAC ? '⌥' : 'Alt'}+${code.slice(3)}`;
}

/** The shortcut a key press is, if any: Alt and the letter, nothing else held. */
export function shortcutOf(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): ShortcutId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  return SHORTCUTS.find((s) => s.code === e.code)?.id ?? null;
}
