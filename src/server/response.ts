import { openFrameSource, type FrameSource } from './frame-source';
import { checkHeartbeatMs, startHeartbeat, type Heartbeat } from './heartbeat';
import { DEFAULT_HEARTBEAT_MS, errorFrame, HEARTBEAT_FRAME, sseHeaders, type SSEStreamOptions } from './sse-options';

/** Options of {@link toSSEResponse}: the stream's, plus the response's status. */
export interface SSEResponseInit extends SSEStreamOptions {
  /** The response's status. @default 200 */
  status?: number;
  /** The response's status text. @default '' */
  statusText?: string;
}

/**
 * Streams frames as a Web `Response` (`text/event-stream`), for any runtime with Web Streams:
 * Node ≥ 20 frameworks that take a `Response`, Deno, Bun, edge functions. The body pulls one frame
 * from the source each time the client has read the previous one, so a slow client never makes the
 * source run ahead; when the client goes away the source's `return()` is called. See
 * {@link SSEStreamOptions} for heartbeats and for a source that throws.
 *
 * @throws TypeError when `source` is not an iterable of frames; RangeError for a bad `heartbeatMs`.
 * @example
 * export async function POST(request: Request) {
 *   const { message } = await request.json();
 *   const emitter = new AgentStreamEmitter({ ids: true });
 *   return toSSEResponse(runAgent(message, emitter), { runId: crypto.randomUUID() });
 * }
 */
export function toSSEResponse(source: FrameSource, init: SSEResponseInit = {}): Response {
  const { headers, runId, heartbeatMs = DEFAULT_HEARTBEAT_MS, onError, status = 200, statusText } = init;
  const intervalMs = checkHeartbeatMs(heartbeatMs);
  const responseHeaders = sseHeaders(headers, runId);
  const frames = openFrameSource(source, onError);
  const encoder = new TextEncoder();
  const heartbeatBytes = encoder.encode(HEARTBEAT_FRAME);
  let heartbeat: Heartbeat | undefined;
  let cancelled = false;

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        heartbeat = startHeartbeat(intervalMs, () => {
          // desiredSize ≤ 0: a frame is still queued for a client that is not reading, so the stream is not idle.
          if ((controller.desiredSize ?? 0) > 0) controller.enqueue(heartbeatBytes);
        });
      },
      async pull(controller) {
        // Each pull must enqueue or close: the stream calls pull again only after a chunk is taken.
        for (;;) {
          let frame: string | Uint8Array | null;
          try {
            frame = await frames.next();
          } catch (error) {
            if (cancelled) {
              onError?.(error);
              return;
            }
            heartbeat?.stop();
            const last = errorFrame(onError, error);
            if (last !== null) controller.enqueue(typeof last === 'string' ? encoder.encode(last) : last);
            controller.close();
            return;
          }
          // The client went away while the source was working on this frame.
          if (cancelled) return;
          if (frame === null) {
            heartbeat?.stop();
            controller.close();
            return;
          }
          if (frame.length === 0) continue;
          controller.enqueue(typeof frame === 'string' ? encoder.encode(frame) : frame);
          heartbeat?.touch();
          return;
        }
      },
      cancel() {
        cancelled = true;
        heartbeat?.stop();
        frames.close();
      },
    },
    // One frame read ahead at most; the rest waits in the source.
    { highWaterMark: 1 },
  );
  return new Response(body, { status, statusText, headers: responseHeaders });
}
