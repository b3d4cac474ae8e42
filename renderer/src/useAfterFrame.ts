import { useEffect, useState } from 'react';
import { nextTask } from './timeSlices';

/**
 * `value`, but a change shows only after the browser has drawn one frame without it: work that
 * would land in the same frame as other work for the same change goes to the next. A large
 * result's table (~50 ms of layout) and the map moving to the result (~40 ms of basemap
 * drawing) were one task over 100 ms.
 */
export function useAfterFrame<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    let stale = false;
    // a task after the frame's rendering, not in it
    const frame = requestAnimationFrame(() => void nextTask().then(() => !stale && setShown(() => value)));
    return () => {
      stale = true;
      cancelAnimationFrame(frame);
    };
  }, [value]);
  return shown;
}
