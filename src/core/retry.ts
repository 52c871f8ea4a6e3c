/** How a connection retries failed attempts. */
export interface RetryOptions {
  /**
   * How many times in a row to try again while no attempt in between received an event; `0` never
   * retries. Any event received resets the count, so a long stream may resume more often than this.
   * @default 5
   */
  maxRetries?: number;
  /** The first backoff delay in ms, doubled per consecutive failure; a server `retry:` field replaces it. @default 1000 */
  baseDelayMs?: number;
  /** The longest backoff delay in ms; a server's `Retry-After` may exceed it. @default 30000 */
  maxDelayMs?: number;
}

/** {@link RetryOptions} with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY: Readonly<ResolvedRetryOptions> = { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** Fills in defaults; negative or non-finite values fall back to the default. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved = { ...DEFAULT_RETRY };
  for (const key of Object.keys(resolved) as Array<keyof RetryOptions>) {
    const value = options[key];
    if (value !== undefined && Number.isFinite(value) && value >= 0) resolved[key] = value;
  }
  return resolved;
}

/** True for HTTP statuses worth retrying: 5xx, 408 (request timeout) and 429 (too many requests). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * The delay before retry number `failures` (1 for the first), in ms: exponential, capped, with
 * "equal jitter" (half fixed, half random) so clients that failed together do not return together.
 */
export function backoffDelay(
  failures: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, failures - 1));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}

/**
 * A `Retry-After` header value in ms from `now`: delay-seconds or an HTTP date; `null` when absent
 * or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // V8's Date.parse accepts bare numbers such as "1.5" or "-1"; an HTTP date always has a day name.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
