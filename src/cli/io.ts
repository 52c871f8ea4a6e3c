/** What the command reads and writes, injected so tests run it in-process with a fake clock. */
export interface CliIO {
  /** Writes to standard output; the command awaits it, so a slow reader slows the replay down. */
  stdout(text: string): void | Promise<void>;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** A monotonic clock in milliseconds. */
  now(): number;
  /** Waits `ms` milliseconds, or less when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Aborted to stop a replay or a server (Ctrl+C). */
  signal: AbortSignal;
}

/** A problem with the command line (exit code 2), as opposed to one with the recording (1). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes: success, a failure while running (file, recording, port), a bad command line. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A replay stopped by Ctrl+C, as shells report a SIGINT. */
export const EXIT_INTERRUPTED = 130;
