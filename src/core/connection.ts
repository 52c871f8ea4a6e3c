import type { RunEndReason } from './actions';
import { createActionBatch } from './connection-batch';
import { sendCancel } from './connection-cancel';
import type { AgentStreamConnection, ConnectOptions } from './connection-options';
import {
  checkResponse,
  defaultHeader,
  encodeBody,
  messageOf,
  replaceHeader,
  resolveHeaders,
  withSeverity,
} from './connection-request';
import { decodeFrame } from './decode';
import { AgentStreamError, isAgentStreamError } from './errors';
import { RUN_ID_HEADER } from './protocol';
import { backoffDelay, parseRetryAfter, resolveRetryOptions } from './retry';
import { createAgentStore } from './store';
import { sleep } from './sleep';
import { selectTransport, type TransportHandlers } from './transport';

/** How one attempt ended. A `failed` attempt's error is the one to retry on or to end with. */
type Outcome =
  | { kind: 'over' }
  | { kind: 'failed'; error: AgentStreamError; opened: boolean; progressed: boolean; retryAfterMs: number | null };

const OVER: Outcome = { kind: 'over' };

/**
 * Opens an agent event stream and reduces it into a store, reconnecting with backoff (and
 * resuming with `Last-Event-ID` when the stream has ids) until `done`, an unrecoverable error,
 * `stop()` or a detach.
 *
 * @example
 * const connection = connectAgentStream('/api/chat', { body: { message: 'Hi' }, cancel: '/api/cancel' });
 * connection.store.subscribe(() => render(connection.store.getSnapshot()));
 * const finalState = await connection.done;
 */
export function connectAgentStream(url: string, options: ConnectOptions = {}): AgentStreamConnection {
  const store = options.store ?? createAgentStore({ throttleMs: 'frame' });
  const retry = resolveRetryOptions(options.retry);
  const transport = selectTransport(options.transport);
  const { body, json } = encodeBody(options.body);
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  // Looked up per call, never at load, and called without a receiver (browsers' fetch needs that).
  const fetchImpl: typeof globalThis.fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const batch = createActionBatch(store, options);
  const run = new AbortController();
  let ended = false;
  let lastEventId: string | null = options.lastEventId || null;
  let runId: string | null = options.runId || null;
  let serverRetryMs: number | null = null;
  let cancelled: Promise<void> | undefined;

  /** Marks the connection over; the caller records how. */
  const finish = (): boolean => {
    if (ended) return false;
    ended = true;
    run.abort();
    options.signal?.removeEventListener('abort', detach);
    return true;
  };

  const end = (reason: RunEndReason, error: AgentStreamError): void => {
    if (!finish()) return;
    batch.now({ type: 'client/run-end', reason, error });
  };

  function stop(): void {
    if (ended) return;
    const messageId = store.getSnapshot().run?.messageId ?? null;
    end('aborted', new AgentStreamError('aborted', 'Stopped', { severity: 'warning' }));
    if (options.cancel === undefined) return;
    cancelled = sendCancel({
      cancel: options.cancel,
      url,
      messageId,
      lastEventId,
      runId,
      headers: options.headers,
      credentials: options.credentials,
      fetch: fetchImpl,
      batch,
    });
  }

  function detach(): void {
    end('aborted', new AgentStreamError('aborted', 'Detached', { severity: 'warning' }));
  }

  async function attempt(): Promise<Outcome> {
    const controller = new AbortController();
    // A plain flag: the frame handlers run per event, and `signal.aborted` is a checked getter.
    let aborted = false;
    controller.signal.addEventListener('abort', () => (aborted = true), { once: true });
    const abortAttempt = (): void => controller.abort();
    run.signal.addEventListener('abort', abortAttempt);
    let opened = false;
    let progressed = false;
    const warnings: AgentStreamError[] = [];
    let retryAfterMs: number | null = null;

    const handlers: TransportHandlers = {
      onOpen(response) {
        if (controller.signal.aborted) throw controller.signal.reason;
        const refusal = checkResponse(response);
        if (refusal) {
          retryAfterMs = refusal.retryable ? parseRetryAfter(response.headers.get('retry-after')) : null;
          // An error body is never read: cancelling it frees the socket for the retry.
          response.body?.cancel().catch(() => undefined);
          throw refusal;
        }
        opened = true;
        runId = response.headers.get(RUN_ID_HEADER) || runId;
        batch.now({ type: 'client/status', status: 'streaming' });
      },
      onFrame(frame) {
        if (aborted) return;
        const decoded = decodeFrame(frame, warnings);
        if (decoded === null) return;
        if (!progressed) progressed = true;
        if (warnings.length > 0) {
          for (const warning of warnings) batch.queue({ type: 'client/error', error: warning });
          warnings.length = 0;
        }
        if (decoded instanceof AgentStreamError) {
          batch.queue({ type: 'client/error', error: decoded });
          return;
        }
        batch.queue(decoded);
        if (decoded.type === 'done') {
          // The reducer ends the run on `done`; whatever the server sends after it is ignored.
          batch.flush();
          finish();
        }
      },
      onRetry(ms) {
        serverRetryMs = ms;
      },
      onId(id) {
        if (!aborted) lastEventId = id === '' ? null : id;
      },
    };

    let failure: unknown;
    let closedCleanly = false;
    try {
      const headers = await untilAborted(resolveHeaders(options.headers), controller.signal);
      if (json) defaultHeader(headers, 'content-type', 'application/json');
      defaultHeader(headers, 'accept', 'text/event-stream');
      if (lastEventId !== null) replaceHeader(headers, 'last-event-id', lastEventId);
      if (runId !== null) replaceHeader(headers, RUN_ID_HEADER.toLowerCase(), runId);
      const init: RequestInit & { headers: Record<string, string>; signal: AbortSignal } = {
        method,
        headers,
        signal: controller.signal,
      };
      if (body !== undefined) init.body = body;
      if (options.credentials !== undefined) init.credentials = options.credentials;
      // Raced against the abort so a fetch that ignores its signal cannot hold the connection open.
      await untilAborted(transport({ url, init, fetch: fetchImpl }, handlers), controller.signal);
      closedCleanly = true;
    } catch (error) {
      failure = error;
    } finally {
      run.signal.removeEventListener('abort', abortAttempt);
      controller.abort();
      batch.flush();
    }
    if (ended) return OVER;
    const error = closedCleanly
      ? new AgentStreamError('network', 'The stream closed before "done"', { retryable: true })
      : isAgentStreamError(failure)
        ? failure
        : new AgentStreamError('network', messageOf(failure), { retryable: true, cause: failure });
    return { kind: 'failed', error, opened, progressed, retryAfterMs };
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!ended) {
      const outcome = await attempt();
      if (outcome.kind === 'over') return;
      if (outcome.progressed) failures = 0;
      let error = outcome.error;
      if (outcome.opened) {
        // Re-sending the request without a cursor would start a new (paid) generation.
        if (lastEventId === null) return end('interrupted', interrupted(error));
        error = new AgentStreamError('network', `${error.message}; resuming from id ${lastEventId}`, {
          retryable: true,
          cause: error.cause ?? error,
        });
      }
      if (!error.retryable) return end('error', error);
      failures += 1;
      if (failures > retry.maxRetries) {
        return outcome.opened ? end('interrupted', interrupted(error)) : end('error', withSeverity(error, 'error'));
      }
      const delayMs =
        outcome.retryAfterMs ?? backoffDelay(failures, serverRetryMs ?? retry.baseDelayMs, retry.maxDelayMs);
      batch.now([
        { type: 'client/error', error: withSeverity(error, 'warning') },
        { type: 'client/status', status: 'reconnecting' },
      ]);
      await sleep(delayMs, run.signal);
    }
  }

  batch.now({ type: 'client/run-start' });
  if (options.signal?.aborted) detach();
  else options.signal?.addEventListener('abort', detach, { once: true });

  const done = (async () => {
    try {
      await loop();
    } catch (cause) {
      // Only a bug (a throwing store, say) gets here; `done` still resolves.
      end('error', new AgentStreamError('network', messageOf(cause), { cause }));
    }
    await cancelled;
    store.flush();
    return store.getSnapshot();
  })();

  return { store, stop, detach, done };
}

function interrupted(cause: AgentStreamError): AgentStreamError {
  return new AgentStreamError('interrupted', 'The stream ended before "done"', { cause });
}

/** Settles like `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
