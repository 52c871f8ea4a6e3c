import { encodeComment, encodeEvent } from '../server/encode';
import { mulberry32 } from './prng';
import { isEventStep, type AgentStreamScript } from './script';

/** An HTTP answer sent instead of the stream, with its own headers and body. */
export interface HttpErrorAnswer {
  /** The HTTP status, e.g. 429 or 500. */
  status: number;
  /** Response headers, e.g. `{ 'retry-after': '2' }`. */
  headers?: Record<string, string>;
  /** The body: a string as it is, anything else as JSON. @default no body */
  body?: unknown;
}

/** Seeded random splitting of the body's bytes, as a network delivers them. */
export interface SplitOptions {
  /** The PRNG seed: the same seed splits the same way on every run. */
  seed: number;
  /** The largest chunk in bytes; chunks are 1 to `maxChunk` bytes, cut anywhere, even inside a UTF-8 character. @default 16 */
  maxChunk?: number;
}

/** Options of {@link mockAgentStream}. */
export interface MockAgentStreamOptions {
  /**
   * The status of the streamed answer. A number outside 200–299 answers with that status and no
   * body; the `{ status, headers, body }` form answers with exactly that instead of the stream.
   * @default 200
   */
  status?: number | HttpErrorAnswer;
  /** Response headers, set over the defaults (`content-type: text/event-stream`, `cache-control: no-cache`). */
  headers?: Record<string, string>;
  /** Adds `id:` lines: each event's position in the script, from 1, unless the event has its own `id`. @default false */
  ids?: boolean;
  /**
   * Resumes after this event id, as a server does for `Last-Event-ID`: the steps up to and
   * including that event are skipped. An id not in the script replays the whole script.
   * @default null
   */
  resumeFrom?: string | null;
  /** Delivers the bytes in seeded random chunks; without it each step is one chunk. */
  split?: SplitOptions;
  /**
   * Drops the connection once this many events have been sent: the body errors with a
   * `TypeError`, as `fetch` reports a lost connection. A script with fewer events errors at its end.
   */
  dropAfter?: number;
  /** Divides every delay; `Infinity` plays the script without delays. @default 1 */
  speed?: number;
  /** Aborting it errors the body with the signal's reason and clears any pending delay. */
  signal?: AbortSignal;
}

const DROP = Symbol('drop');
/** What the body does next: send bytes, wait (ms), or drop. */
type Action = Uint8Array | number | typeof DROP;

const STREAM_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
const DEFAULT_MAX_CHUNK = 16;

/**
 * Turns a script into a `Response` whose body streams the encoded frames, for tests and stories:
 * pass it where a `fetch` is expected, or answer from an `msw` handler (`agentStreamHandler`).
 *
 * @example
 * const connection = connectAgentStream('/api/chat', {
 *   transport: 'fetch',
 *   fetch: async () => mockAgentStream(scenarios.longAnswer.script, { split: { seed: 1 } }),
 * });
 * const state = await connection.done;
 */
export function mockAgentStream(script: AgentStreamScript, options: MockAgentStreamOptions = {}): Response {
  const status = options.status ?? 200;
  if (typeof status === 'object') return httpAnswer(status, options.headers);
  const headers = new Headers(STREAM_HEADERS);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  if (status < 200 || status > 299) {
    headers.delete('content-type');
    return new Response(null, { status, headers });
  }
  return new Response(bodyStream(plan(script, options), options.signal), { status, headers });
}

function httpAnswer(answer: HttpErrorAnswer, extraHeaders: Record<string, string> | undefined): Response {
  const headers = new Headers();
  let body: string | null = null;
  if (answer.body !== undefined) {
    const isText = typeof answer.body === 'string';
    body = isText ? (answer.body as string) : JSON.stringify(answer.body);
    headers.set('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
  }
  for (const [name, value] of Object.entries({ ...extraHeaders, ...answer.headers })) headers.set(name, value);
  return new Response(body, { status: answer.status, headers });
}

/** The body's actions: each step's bytes (or seeded pieces of them), the delays, and the drop. */
function plan(script: AgentStreamScript, options: MockAgentStreamOptions): Action[] {
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError(`mockAgentStream: speed must be above 0, got ${speed}`);
  const encoder = new TextEncoder();
  const random = options.split ? mulberry32(options.split.seed) : undefined;
  const maxChunk = Math.max(1, Math.floor(options.split?.maxChunk ?? DEFAULT_MAX_CHUNK));
  const actions: Action[] = [];
  // With split, text runs between delays are joined first, so chunks also straddle frames.
  let pending: string[] = [];
  const flushText = (): void => {
    if (pending.length === 0) return;
    if (random === undefined) {
      for (const text of pending) actions.push(encoder.encode(text));
    } else {
      const bytes = encoder.encode(pending.join(''));
      for (let start = 0; start < bytes.length; ) {
        const end = Math.min(bytes.length, start + 1 + Math.floor(random() * maxChunk));
        actions.push(bytes.subarray(start, end));
        start = end;
      }
    }
    pending = [];
  };

  const steps = stepsAfter(script, options);
  let sent = 0;
  for (const { step, id } of steps) {
    if (options.dropAfter !== undefined && sent >= options.dropAfter) break;
    if (isEventStep(step)) {
      pending.push(encodeEvent(step, id === undefined ? undefined : { id }));
      sent += 1;
    } else if ('delayMs' in step) {
      const delayMs = step.delayMs / speed;
      if (delayMs > 0) {
        flushText();
        actions.push(delayMs);
      }
    } else if ('comment' in step) {
      pending.push(encodeComment(step.comment));
    } else {
      pending.push(step.raw);
    }
  }
  flushText();
  if (options.dropAfter !== undefined) actions.push(DROP);
  return actions;
}

/** The steps to play, each event with the id it is sent with, after `resumeFrom` when it is found. */
function stepsAfter(script: AgentStreamScript, options: MockAgentStreamOptions) {
  let position = 0;
  const steps = script.map((step) => {
    if (!isEventStep(step)) return { step, id: undefined };
    position += 1;
    return { step, id: step.id ?? (options.ids ? String(position) : undefined) };
  });
  const resumeFrom = options.resumeFrom;
  if (resumeFrom === undefined || resumeFrom === null) return steps;
  const at = steps.findIndex(({ step, id }) => isEventStep(step) && id === resumeFrom);
  return at === -1 ? steps : steps.slice(at + 1);
}

function bodyStream(actions: readonly Action[], signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  let next = 0;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const finish = (): void => {
    finished = true;
    clearTimeout(timer);
    wake?.();
    signal?.removeEventListener('abort', onAbort);
  };
  function onAbort(): void {
    if (finished) return;
    finish();
    controller.error(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
  }

  // highWaterMark 0: nothing is produced ahead of the reader, so a drop never discards unread
  // bytes (erroring a stream empties its queue) and delays are measured from the reader's side.
  return new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
      },
      async pull() {
        while (!finished && next < actions.length) {
          const action = actions[next++]!;
          if (action instanceof Uint8Array) {
            controller.enqueue(action);
            return;
          }
          if (action === DROP) {
            finish();
            controller.error(new TypeError('mockAgentStream: connection dropped'));
            return;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, action);
          });
        }
        if (finished) return;
        finish();
        controller.close();
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 0 },
  );
}
