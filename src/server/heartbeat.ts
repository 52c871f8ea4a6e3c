/** Sends a heartbeat after each stretch of `intervalMs` without a write. */
export interface Heartbeat {
  /** Records a write: the next heartbeat is due `intervalMs` after it. Cheap enough for every frame. */
  touch(): void;
  /** Clears the timer; no heartbeat follows. */
  stop(): void;
}

const NO_HEARTBEAT: Heartbeat = { touch() {}, stop() {} };
// setTimeout fires at once for anything above this (Node warns), so a longer interval would be a flood.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Checks a `heartbeatMs` option: `0` and `false` turn heartbeats off.
 *
 * @throws RangeError when it is negative, not a number, or above 2³¹−1 ms.
 */
export function checkHeartbeatMs(intervalMs: number | false): number {
  if (intervalMs === false) return 0;
  if (typeof intervalMs !== 'number' || !(intervalMs >= 0 && intervalMs <= MAX_TIMEOUT_MS)) {
    throw new RangeError(`heartbeatMs must be false or a number of ms from 0 to ${MAX_TIMEOUT_MS}, got ${String(intervalMs)}`);
  }
  return intervalMs;
}

/**
 * Starts a heartbeat that calls `beat` once the stream has been silent for `intervalMs` (checked
 * with {@link checkHeartbeatMs}; `0` starts none). One timer for the whole stream: a write only
 * records the time, and the timer, when it fires early, sleeps for the rest of the interval.
 */
export function startHeartbeat(intervalMs: number, beat: () => void): Heartbeat {
  if (intervalMs === 0) return NO_HEARTBEAT;
  let lastWrite = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined = schedule(intervalMs);

  function schedule(delayMs: number): ReturnType<typeof setTimeout> {
    const handle = setTimeout(tick, delayMs);
    // Node and Bun: a heartbeat alone must not keep a process alive (say, a Response nobody reads).
    (handle as { unref?: () => void }).unref?.();
    return handle;
  }

  function tick(): void {
    const silent = performance.now() - lastWrite;
    if (silent >= intervalMs) {
      beat();
      lastWrite = performance.now();
    }
    if (timer !== undefined) timer = schedule(Math.max(1, intervalMs - (performance.now() - lastWrite)));
  }

  return {
    touch() {
      lastWrite = performance.now();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
