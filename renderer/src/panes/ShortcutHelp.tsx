import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { newTab } from '../state/resultTabs';
import { shownTab, slice, useT } from '../state/store';
import { SHORTCUTS, shortcutKeys, shortcutOf, type ShortcutId } from '../shortcuts';
import { closeTabAsking } from './closeTabAsking';

/** Where each focus shortcut lands: the editor's text, the result table's rows (else the results tabs), the map. */
const FOCUS: Partial<Record<ShortcutId, string[]>> = {
  focusEditor: ['[data-testid=editor] .cm-content'],
  focusTable: ['[data-testid=results-table] [role=rowgroup][tabindex]', '.results-pane [role=tab]'],
  focusMap: ['.maplibregl-canvas'],
};

/**
 * The window's keyboard shortcuts (see shortcuts.ts) and the button in the top bar that lists
 * them. A modal dialog keeps its keys: nothing happens behind it.
 */
export function ShortcutHelp() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutOf(e);
      if (!id || document.querySelector('[aria-modal=true]')) return;
      e.preventDefault();
      e.stopPropagation();
      if (id === 'newTab') newTab();
      else if (id === 'closeTab') {
        const { order, active } = slice('tabs');
        const { tabName, dsl } = shownTab();
        if (order.length > 1) closeTabAsking(active, tabName ?? `${t('queryTab')} ${order.indexOf(active) + 1}`, dsl, t);
      } else {
        const el = FOCUS[id]!.map((s) => document.querySelector<HTMLElement>(s)).find(Boolean);
        el?.focus();
      }
    };
    // capture: before the editor, which would type the letter
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [t]);

  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="shortcut-help">
        {t('shortcuts')}
      </button>
      {/* on the page itself: inside the top bar it would take the bar's white text */}
      {open &&
        createPortal(
          <div className="dialog-backdrop" onClick={() => setOpen(false)}>
            <div
              className="dialog shortcut-dialog"
              role="dialog"
              aria-modal="true"
              aria-labelledby="shortcut-title"
              data-testid="shortcut-dialog"
              onClick={(e) => e.stopPropagation()}
              onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
            >
              <h3 id="shortcut-title">{t('shortcuts')}</h3>
              <table className="shortcut-list">
                <tbody>
                  {SHORTCUTS.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <kbd>{shortcutKeys(s.id)}</kbd>
                      </td>
                      <td>{t(s.label)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="actions">
                <button type="button" ref={close} onClick={() => setOpen(false)} data-testid="shortcut-close">
                  {t('close')}
                </button>
              </div>
            </div>
          </div>,
          document.body,
        )}
    </>
  );
}
