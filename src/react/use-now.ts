import { useEffect, useState } from 'react';

/**
 * The current time (`Date.now()`), refreshed every `intervalMs` while `active` is true, for live
 * elapsed times. While inactive it keeps the time of its last tick and schedules nothing, so a
 * settled tool call costs no timer and no re-render.
 *
 * @example
 * const now = useNow(call.status === 'running', 100);
 * const elapsed = call.startedAt === null ? null : now - call.startedAt;
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    // The state may be stale after an inactive spell: catch up at once rather than one tick late.
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
