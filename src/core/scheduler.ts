/** How often a store publishes: `0` at once, milliseconds, or one animation frame. */
export type PublishInterval = number | 'frame';

const FRAME_MS = 16;

/**
 * Calls `fire` once after `interval` (or `minDelayMs`, when longer); returns the function that
 * disarms it. `requestAnimationFrame` is looked up lazily so the core loads without a DOM.
 */
export function schedulePublish(interval: PublishInterval, minDelayMs: number, fire: () => void): () => void {
  const frame = interval === 'frame';
  if (frame && minDelayMs <= FRAME_MS && typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(fire);
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(fire, Math.max(frame ? FRAME_MS : interval, minDelayMs));
  return () => clearTimeout(handle);
}
