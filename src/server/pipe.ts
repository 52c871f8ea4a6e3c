import { openFrameSource, type FrameSource } from './frame-source';
import { checkHeartbeatMs, startHeartbeat } from './heartbeat';
import { DEFAULT_HEARTBEAT_MS, errorFrame, HEARTBEAT_FRAME, sseHeaders, type SSEStreamOptions } from './sse-options';

/**
 * The part of a Node response that {@link pipeSSE} uses: `http.ServerResponse`, Express's `res`
 * and `http2`'s compatibility `Http2ServerResponse` all fit.
 */
export interface NodeResponseLike {
  /** Set before the headers are sent. */
  statusCode: number;
  /** Sets one response header (a list for repeated ones such as `Set-Cookie`). */
  setHeader(name: string, value: string | string[]): unknown;
  /** Sends the headers before the first frame (absent from `http2`'s types, where the first write sends them). */
  flushHeaders?(): void;
  /** Returns false when the chunk was buffered: wait for `'drain'` before writing more. */
  write(chunk: string | Uint8Array): boolean;
  /** Ends the response. */
  end(): unknown;
  /** `'close'`: the response is over or the client went away; `'drain'`: writing may go on. */
  on(event: 'close' | 'drain', listener: () => void): unknown;
  /** Removes a listener added with `on`. */
  off(event: 'close' | 'drain', listener: () => void): unknown;
  /** True once the connection is gone (absent on `http2`'s response, which then relies on `'close'`). */
  readonly destroyed?: boolean;
}

/** Options of {@link pipeSSE}: the stream's, plus the response's status. */
export interface PipeSSEOptions extends SSEStreamOptions {
  /** The response's status. @default 200 */
  status?: number;
}

/**
 * How a piped stream ended: the source finished (`'done'`), the client went away first
 * (`'disconnected'`, the source's `return()` was called), or the source threw (`'error'`, after the
 * error frame).
 */
export type SSEEndReason = 'done' | 'disconnected' | 'error';

/**
 * Streams frames to a Node response (`http`, Express, `http2` compatibility API): sends the SSE
 * headers at once, writes each frame as the socket accepts it (waiting for `'drain'`, so the source
 * never runs ahead of a slow client), sends heartbeats while idle, and calls the source's `return()`
 * when the client goes away. Resolves once the response is over, never rejects for the source's
 * errors (see {@link SSEStreamOptions.onError}).
 *
 * @throws (as a rejection, before the source is read) TypeError when `source` is not an iterable
 *   of frames, RangeError for a bad `heartbeatMs`, Node's `ERR_HTTP_HEADERS_SENT` when the headers
 *   were already sent.
 * @example
 * app.post('/api/chat', async (req, res) => {
 *   const emitter = new AgentStreamEmitter({ ids: true });
 *   await pipeSSE(runAgent(req.body.message, emitter), res);
 * });
 */
export async function pipeSSE(source: FrameSource, res: NodeResponseLike, options: PipeSSEOptions = {}): Promise<SSEEndReason> {
  const { headers, runId, heartbeatMs = DEFAULT_HEARTBEAT_MS, onError, status = 200 } = options;
  const intervalMs = checkHeartbeatMs(heartbeatMs);
  const frames = openFrameSource(source, onError);
  try {
    writeHead(res, status, sseHeaders(headers, runId));
  } catch (error) {
    frames.close();
    throw error;
  }
  // A client that left before the headers went out emits no 'close' any more.
  if (res.destroyed === true) {
    frames.close();
    return 'disconnected';
  }

  let closed = false;
  let draining = false;
  let wake: (() => void) | undefined;
  const heartbeat = startHeartbeat(intervalMs, () => {
    if (!draining) res.write(HEARTBEAT_FRAME);
  });
  const onClose = () => {
    closed = true;
    heartbeat.stop();
    frames.close();
    wake?.();
  };
  const onDrain = () => wake?.();
  res.on('close', onClose);
  res.on('drain', onDrain);

  try {
    for (;;) {
      let frame: string | Uint8Array | null;
      try {
        frame = await frames.next();
      } catch (error) {
        if (closed) {
          onError?.(error);
          return 'disconnected';
        }
        const last = errorFrame(onError, error);
        if (last !== null) res.write(last);
        return 'error';
      }
      if (closed) return 'disconnected';
      if (frame === null) return 'done';
      heartbeat.touch();
      if (!res.write(frame)) {
        draining = true;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        draining = false;
        if (closed) return 'disconnected';
      }
    }
  } finally {
    heartbeat.stop();
    res.off('close', onClose);
    res.off('drain', onDrain);
    if (!closed) res.end();
  }
}

function writeHead(res: NodeResponseLike, status: number, headers: Headers): void {
  const values = new Map<string, string[]>();
  for (const [name, value] of headers) values.set(name, [...(values.get(name) ?? []), value]);
  res.statusCode = status;
  for (const [name, list] of values) res.setHeader(name, list.length === 1 ? list[0]! : list);
  res.flushHeaders?.();
}
