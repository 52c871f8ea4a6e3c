/** Options of a {@link TokenBatcher}. */
export interface TokenBatcherOptions {
  /** The clock, in milliseconds; tests pass their own. @default performance.now */
  now?: () => number;
}

/**
 * Joins text tokens that arrive faster than `intervalMs`, so a stream sends (and a client renders)
 * fewer, larger `token` frames: the Python reference's `TokenBatcher`. The interval runs from
 * construction and from each flush that returned text; `add` flushes once it has fully elapsed.
 *
 * @example
 * const batcher = new TokenBatcher(50);
 * for await (const chunk of llm) {
 *   const text = batcher.add(chunk.text);
 *   if (text !== null) yield emitter.token(text);
 * }
 * const rest = batcher.flush();
 * if (rest !== null) yield emitter.token(rest);
 */
export class TokenBatcher {
  readonly #intervalMs: number;
  readonly #now: () => number;
  #buffer = '';
  // Separate from the buffer: like the reference's list, an added '' is content, and flushes as ''.
  #pending = false;
  #lastFlush: number;

  /**
   * @param intervalMs The least time between two flushes by `add`; `0` flushes on every add,
   *   `Infinity` only on `flush()`.
   * @throws RangeError when `intervalMs` is negative or not a number.
   */
  constructor(intervalMs = 50, options: TokenBatcherOptions = {}) {
    if (typeof intervalMs !== 'number' || !(intervalMs >= 0)) {
      throw new RangeError(`TokenBatcher: intervalMs must be a number ≥ 0, got ${String(intervalMs)}`);
    }
    this.#intervalMs = intervalMs;
    this.#now = options.now ?? (() => performance.now());
    this.#lastFlush = this.#now();
  }

  /**
   * Buffers a token. Returns everything buffered when the interval has elapsed since the last
   * flush, else `null`.
   *
   * @throws TypeError when `text` is not a string.
   */
  add(text: string): string | null {
    if (typeof text !== 'string') throw new TypeError(`TokenBatcher.add: text must be a string, got ${typeof text}`);
    this.#buffer += text;
    this.#pending = true;
    return this.#now() - this.#lastFlush >= this.#intervalMs ? this.flush() : null;
  }

  /** Returns everything buffered and empties the buffer; `null` when nothing was added since the last flush. */
  flush(): string | null {
    if (!this.#pending) return null;
    const text = this.#buffer;
    this.#buffer = '';
    this.#pending = false;
    this.#lastFlush = this.#now();
    return text;
  }

  /** True when tokens were added since the last flush. */
  get hasContent(): boolean {
    return this.#pending;
  }
}
