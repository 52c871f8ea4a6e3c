import { useEffect, useState } from 'react';

/**
 * The current time from `clock`, refreshed every `intervalMs` while `active` is true, for live
 * elapsed times; `null` while inactive and until the first tick after mount, so a server render
 * and its hydration agree. While inactive it schedules nothing, so a settled tool call costs no
 * timer and no re-render.
 *
 * @example
 * const now = useNow(call.status === 'running', 100);
 * const elapsed = now === null || call.startedAt === null ? null : now - call.startedAt;
 */
export function useNow(active: boolean, intervalMs = 1000, clock: () => number = Date.now): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    // Catch up at once rather than one tick late, after mount or an inactive spell.
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, clock]);
  return active ? now : null;
}
