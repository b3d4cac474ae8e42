import { useEffect, useState } from 'react';
import { fill } from '../i18n';
import { useTab, useT } from '../state/store';

/** Seconds since the shown tab's query started, ticking while it runs: a long query is seen to be alive. */
export function RunElapsed() {
  const t = useT();
  const startedAt = useTab((s) => (s.runStatus === 'running' ? s.startedAt : null));
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [startedAt]);
  if (startedAt === null) return null;
  const s = Math.max(0, (now - startedAt) / 1000);
  return (
    <span className="run-elapsed" data-testid="run-elapsed">
      {fill(t('seconds'), { s: s.toFixed(1) })}
    </span>
  );
}
