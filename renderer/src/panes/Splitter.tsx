import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { splitRange, type PaneSplit } from '../state/paneSizes';
import { setSlice, slice, useStore, useT } from '../state/store';

const STEP = 16;
const BIG_STEP = 64;

/** The pane a split sizes, measured when no size was chosen yet (the layout's proportions). */
const SIZED: Record<PaneSplit, string> = { data: '.data-pane', middle: '.editor-pane', editor: '.editor-pane' };

/**
 * A splitter between panes: drag it, or focus it and use the arrow keys (Shift: bigger steps,
 * Home/End: the limits). A WAI-ARIA window splitter: role separator with its value in pixels.
 */
export function Splitter({ split }: { split: PaneSplit }) {
  const t = useT();
  const sizes = useStore((s) => s.settings.panes);
  const vertical = split !== 'editor';
  const ref = useRef<HTMLDivElement>(null);
  const [, rerender] = useState(0);
  const measure = (which: PaneSplit) => {
    const el = ref.current?.ownerDocument.querySelector(SIZED[which]);
    const box = el?.getBoundingClientRect();
    return Math.round(box ? (which === 'editor' ? box.height : box.width) : 0);
  };
  const current = () => sizes[split] ?? measure(split);
  const range = () => splitRange(split, slice('settings').panes, window.innerWidth, window.innerHeight, { data: measure('data') });
  const set = (v: number) => {
    const [min, max] = range();
    setSlice('settings', (s) => ({ panes: { ...s.panes, [split]: Math.round(Math.min(max, Math.max(min, v))) } }));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const start = vertical ? e.clientX : e.clientY;
    const from = current();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (m: globalThis.PointerEvent) => set(from + (vertical ? m.clientX : m.clientY) - start);
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const less = vertical ? 'ArrowLeft' : 'ArrowUp';
    const more = vertical ? 'ArrowRight' : 'ArrowDown';
    if (e.key === less) set(current() - step);
    else if (e.key === more) set(current() + step);
    else if (e.key === 'Home') set(range()[0]);
    else if (e.key === 'End') set(range()[1]);
    else return;
    e.preventDefault();
  };
  const [min, max] = ref.current ? range() : [0, 0];
  return (
    <div
      ref={(el) => {
        if (el && !ref.current) {
          ref.current = el;
          rerender((n) => n + 1); // the value is measured once the panes are laid out
        }
      }}
      className={`splitter splitter-${split}`}
      role="separator"
      tabIndex={0}
      data-testid={`splitter-${split}`}
      aria-orientation={vertical ? 'vertical' : 'horizontal'}
      aria-label={t(`splitter_${split}`)}
      aria-valuenow={ref.current ? current() : undefined}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
