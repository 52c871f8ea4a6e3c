/**
 * The frames of one run, in memory, numbered from 1 as their `id:` lines are: a follower can
 * start after any id it already has and then receive the rest live, so a dropped client resumes
 * without a gap or a duplicate.
 */
export class RunLog {
  readonly #frames: string[] = [];
  readonly #waiters = new Set<() => void>();
  #ended = false;

  /** How many frames the log holds, which is also the id of the last one. */
  get size(): number {
    return this.#frames.length;
  }

  /** True once the run has stopped producing (finished, failed or cancelled). */
  get ended(): boolean {
    return this.#ended;
  }

  /** Adds the next frame; ignored once the log has ended. */
  append(frame: string): void {
    if (this.#ended) return;
    this.#frames.push(frame);
    this.#wake();
  }

  /** Marks the run over: followers receive what is left, then finish. */
  end(): void {
    this.#ended = true;
    this.#wake();
  }

  /**
   * The frames after id `afterId`, then each new one as it is appended, until the log ends.
   * `return()` (a client that left) finishes it at once, even while it waits for a frame.
   */
  follow(afterId = 0): AsyncIterableIterator<string> {
    let next = afterId;
    let closed = false;
    let wake: (() => void) | null = null;
    const stopWaiting = (): void => {
      if (wake) this.#waiters.delete(wake);
      wake?.();
      wake = null;
    };
    const iterator: AsyncIterableIterator<string> = {
      next: async () => {
        while (!closed && next >= this.#frames.length && !this.#ended) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            this.#waiters.add(resolve);
          });
          wake = null;
        }
        if (closed || next >= this.#frames.length) {
          closed = true;
          return { done: true, value: undefined };
        }
        return { done: false, value: this.#frames[next++] as string };
      },
      return: async () => {
        closed = true;
        stopWaiting();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}
