import { setTimeout as delay } from 'node:timers/promises';
import type { CliIO } from './io';

/**
 * The process's own streams and clock. stdout is awaited while it drains, so a slow pipe slows the
 * replay instead of buffering it; a closed pipe (`| head`) aborts `controller` so the command ends
 * quietly instead of crashing on EPIPE.
 */
export function nodeIO(controller: AbortController): CliIO {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    controller.abort(error);
  });
  return {
    stdout: (text) =>
      new Promise<void>((resolve) => {
        if (controller.signal.aborted || process.stdout.write(text)) return resolve();
        const done = (): void => {
          process.stdout.off('drain', done);
          controller.signal.removeEventListener('abort', done);
          resolve();
        };
        process.stdout.once('drain', done);
        controller.signal.addEventListener('abort', done, { once: true });
      }),
    stderr: (text) => void process.stderr.write(text),
    now: () => performance.now(),
    sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
    signal: controller.signal,
  };
}
