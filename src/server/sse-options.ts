import { RUN_ID_HEADER } from '../core/protocol';
import { encodeComment, encodeEvent } from './encode';
import type { SourceErrorHandler } from './frame-source';

/** What `toSSEResponse` and `pipeSSE` share: headers, heartbeats and what a failing source sends. */
export interface SSEStreamOptions {
  /** Headers set over the SSE ones (yours win, by name). */
  headers?: HeadersInit;
  /**
   * Sent as the `Agent-Run-Id` response header (and listed in `Access-Control-Expose-Headers`, so
   * a cross-origin page can read it): the client sends it back when it resumes or cancels.
   */
  runId?: string;
  /**
   * After this many ms without a frame, a comment (`: heartbeat`) is sent so that proxies and load
   * balancers keep the idle stream open; `0` or `false` sends none. None is sent while the client
   * is not reading: the stream is busy, not idle.
   * @default 15000
   */
  heartbeatMs?: number | false;
  /**
   * Called with each error the source throws. When the stream is still open, what it returns is
   * the last frame before the stream closes: a string or bytes, `null` for none, or `undefined`
   * for the default, an `error` event `{ error_type: 'stream_error', message: 'The stream failed
   * on the server.' }` (the error's own message may hold secrets, so it is not sent). The stream
   * then ends cleanly, without `done`: a client reads that as a dropped run. Errors the source
   * throws after the client went away (from `next()` or `return()`) are reported here too, and
   * what `onError` returns is then ignored.
   */
  onError?: SourceErrorHandler;
}

/** The default idle time before a heartbeat comment, in ms. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/** The heartbeat frame. */
export const HEARTBEAT_FRAME = encodeComment('heartbeat');

const DEFAULT_ERROR_FRAME = encodeEvent({
  type: 'error',
  data: { errorType: 'stream_error', message: 'The stream failed on the server.', details: {} },
});

/**
 * The response headers of an event stream. `Cache-Control: no-transform` also keeps compression
 * off: Express's `compression` middleware honours it (`Content-Encoding: identity` would not stop
 * it), and a compressing proxy would hold frames back. No `Connection` header: HTTP/2 forbids it
 * and HTTP/1.1 servers manage it.
 */
export function sseHeaders(given: HeadersInit | undefined, runId: string | undefined): Headers {
  const headers = new Headers({
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  if (given !== undefined) {
    const own = new Headers(given);
    for (const name of new Set(own.keys())) headers.delete(name);
    // Appended one by one: iteration gives each Set-Cookie value on its own.
    for (const [name, value] of own) headers.append(name, value);
  }
  if (runId !== undefined) {
    headers.set(RUN_ID_HEADER, runId);
    const exposed = headers.get('access-control-expose-headers');
    const listed = exposed?.split(',').some((name) => name.trim().toLowerCase() === RUN_ID_HEADER.toLowerCase());
    if (!listed) headers.set('access-control-expose-headers', exposed ? `${exposed}, ${RUN_ID_HEADER}` : RUN_ID_HEADER);
  }
  return headers;
}

/** The frame to send after the source threw `error`: `onError`'s answer, or the default. */
export function errorFrame(onError: SourceErrorHandler | undefined, error: unknown): string | Uint8Array | null {
  const frame = onError?.(error);
  return frame === undefined ? DEFAULT_ERROR_FRAME : frame;
}
