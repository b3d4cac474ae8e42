import { useEffect, useRef } from 'react';
import { newTab, switchTab } from '../state/resultTabs';
import { useStore, useT } from '../state/store';
import { shortcutKeys } from '../shortcuts';
import { closeTabAsking } from './closeTabAsking';

/**
 * Query tabs: each has its own text, run and result, and they run at once — a long query in one
 * tab does not keep the analyst from working in another. The map and table show the active tab.
 */
export function QueryTabs() {
  const t = useT();
  const { order, active, byId } = useStore((s) => s.tabs);
  const list = useRef<HTMLDivElement>(null);
  // the shown tab is scrolled into sight when there are more tabs than room
  useEffect(() => {
    list.current?.querySelector('.query-tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active, order.length]);
  return (
    <div className="query-tabs-bar">
      <div className="query-tabs" role="tablist" data-testid="query-tabs" ref={list}>
        {order.map((id, i) => {
          const tab = byId[id]!;
          const status = tab.runStatus;
          const name = tab.tabName ?? `${t('queryTab')} ${i + 1}`;
          const text = tab.dsl;
          return (
            <span
              key={id}
              className={`query-tab${id === active ? ' active' : ''}`}
              data-testid="query-tab"
              data-tab-id={id}
              data-status={status}
            >
              <button type="button" role="tab" aria-selected={id === active} onClick={() => switchTab(id)}>
                {status === 'running' && <span className="running-dot" aria-label={t('running')} />}
                {name}
              </button>
              {order.length > 1 && (
                <button
                  type="button"
                  className="link"
                  aria-label={`${t('closeTab')} ${name}`}
                  data-testid="close-tab"
                  title={id === active ? `${t('closeTab')} (${shortcutKeys('closeTab')})` : undefined}
                  onClick={() => closeTabAsking(id, name, text, t)}
                >
                  ×
                </button>
              )}
            </span>
          );
        })}
      </div>
      {/* outside the scrolling list: always in reach */}
      <button
        type="button"
        className="link new-tab"
        onClick={() => newTab()}
        aria-label={t('newTab')}
        aria-keyshortcuts={shortcutKeys('newTab')}
        title={`${t('newTab')} (${shortcutKeys('newTab')})`}
        data-testid="new-tab"
      >
        +
      </button>
    </div>
  );
}
