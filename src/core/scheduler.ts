/** How often a store publishes: `0` at once, milliseconds, or one animation frame. */
export type PublishInterval = number | 'frame';

/** A trailing timer that publishes at most once per interval. */
export interface PublishScheduler {
  /** True when the interval is 0: publish on every change. */
  readonly immediate: boolean;
  /** Arms the timer unless it is armed already; waits at least `minDelayMs` when that is longer than the interval. */
  schedule(minDelayMs?: number): void;
  /** Disarms the timer. */
  cancel(): void;
}

const FRAME_MS = 16;

/** Schedules `publish`; `requestAnimationFrame` is looked up lazily so the core loads without a DOM. */
export function createPublishScheduler(interval: PublishInterval, publish: () => void): PublishScheduler {
  let cancelPending: (() => void) | null = null;
  const fire = (): void => {
    cancelPending = null;
    publish();
  };
  const arm = (minDelayMs: number): (() => void) => {
    const intervalMs = interval === 'frame' ? FRAME_MS : interval;
    if (interval === 'frame' && minDelayMs <= FRAME_MS && typeof globalThis.requestAnimationFrame === 'function') {
      const handle = globalThis.requestAnimationFrame(fire);
      return () => globalThis.cancelAnimationFrame(handle);
    }
    const handle = setTimeout(fire, Math.max(intervalMs, minDelayMs));
    return () => clearTimeout(handle);
  };
  return {
    immediate: interval === 0,
    schedule(minDelayMs = 0) {
      cancelPending ??= arm(minDelayMs);
    },
    cancel() {
      cancelPending?.();
      cancelPending = null;
    },
  };
}
