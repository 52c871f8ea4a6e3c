/** How often a store publishes: `0` at once, milliseconds, or one animation frame. */
export type PublishInterval = number | 'frame';

/** A trailing timer that publishes at most once per interval. */
export interface PublishScheduler {
  /** True when the interval is 0: publish on every change. */
  readonly immediate: boolean;
  /** Arms the timer unless it is armed already. */
  schedule(): void;
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
  const arm = (): (() => void) => {
    if (interval === 'frame' && typeof globalThis.requestAnimationFrame === 'function') {
      const handle = globalThis.requestAnimationFrame(fire);
      return () => globalThis.cancelAnimationFrame(handle);
    }
    const handle = setTimeout(fire, interval === 'frame' ? FRAME_MS : interval);
    return () => clearTimeout(handle);
  };
  return {
    immediate: interval === 0,
    schedule() {
      cancelPending ??= arm();
    },
    cancel() {
      cancelPending?.();
      cancelPending = null;
    },
  };
}
