/**
 * What `toSSEResponse` and `pipeSSE` stream: SSE frames (strings such as an
 * `AgentStreamEmitter` returns, or bytes), from an async generator, a generator or an array.
 */
export type FrameSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Called with every error a frame source throws; see `SSEStreamOptions.onError`. */
export type SourceErrorHandler = (error: unknown) => string | Uint8Array | null | void;

/** A frame source being read: one frame at a time, closable once. */
export interface FrameReader {
  /** The next frame, or `null` at the end; rejects with what the source threw. */
  next(): Promise<string | Uint8Array | null>;
  /** Stops the source early (its `return()`, so its `finally` blocks run); a no-op once it ended. */
  close(): void;
}

/**
 * Opens a frame source. A frame that is neither a string nor bytes closes the source and rejects
 * `next()` with a TypeError; errors from `return()` go to `onError`, since no stream is left to
 * carry them.
 *
 * @throws TypeError when `source` is a string or not iterable.
 */
export function openFrameSource(source: FrameSource, onError: SourceErrorHandler | undefined): FrameReader {
  const iterator = iteratorOf(source);
  let ended = false;

  function close(): void {
    if (ended) return;
    ended = true;
    try {
      // An async generator runs a return() queued behind a pending next() once that next() settles.
      Promise.resolve(iterator.return?.()).catch(report);
    } catch (error) {
      report(error);
    }
  }

  function report(error: unknown): void {
    onError?.(error);
  }

  return {
    async next() {
      let result: IteratorResult<unknown>;
      try {
        result = await iterator.next();
      } catch (error) {
        ended = true;
        throw error;
      }
      if (result.done) {
        ended = true;
        return null;
      }
      const frame = result.value;
      if (typeof frame === 'string' || frame instanceof Uint8Array) return frame;
      close();
      throw new TypeError(`A frame source yielded ${describe(frame)}; expected a string or a Uint8Array`);
    },
    close,
  };
}

function iteratorOf(source: FrameSource): Iterator<unknown> | AsyncIterator<unknown> {
  if (typeof source === 'string') {
    throw new TypeError('A frame source must be an iterable of frames, not a string: pass [frame] for one frame');
  }
  const asyncFactory = (source as Partial<AsyncIterable<unknown>> | null)?.[Symbol.asyncIterator];
  if (typeof asyncFactory === 'function') return asyncFactory.call(source);
  const syncFactory = (source as Partial<Iterable<unknown>> | null)?.[Symbol.iterator];
  if (typeof syncFactory === 'function') return syncFactory.call(source);
  throw new TypeError(`A frame source must be an async iterable or an iterable of frames, got ${describe(source)}`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value)})` : `a ${typeof value}`;
}
