import type { RunEndReason } from './actions';
import type { AdapterDecoder, AdapterOutput } from './adapter';
import { createActionBatch } from './connection-batch';
import { sendCancel } from './connection-cancel';
import type { AgentStreamConnection, ConnectOptions } from './connection-options';
import { checkProtocol, resolveProtocol } from './connection-protocol';
import { checkResponse, encodeBody, EVENT_STREAM, messageOf, mimeOf, resolveHeaders, withSeverity } from './connection-request';
import { decodeFrame } from './decode';
import { AgentStreamError, isAgentStreamError } from './errors';
import { RUN_ID_HEADER } from './protocol';
import { backoffDelay, parseRetryAfter, resolveRetryOptions } from './retry';
import { createAgentStore } from './store';
import { sleep } from './sleep';
import { selectTransport, type Transport, type TransportHandlers } from './transport';

/** How a failed attempt ended: the error to retry on or to end with, and what the attempt got to. */
interface Failure {
  error: AgentStreamError;
  opened: boolean;
  progressed: boolean;
  retryAfterMs: number | null;
}

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
  checkProtocol(options.protocol);
  const store = options.store ?? createAgentStore({ throttleMs: 'frame' });
  const retry = resolveRetryOptions(options.retry);
  let transport: Transport = selectTransport(options.transport);
  // An adapter's decoder (null for the native protocol), once per connection: resumed attempts share its state.
  let decoder: AdapterDecoder | null = null;
  let readsLines = false;
  let lastWasError = false;
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

  /**
   * Marks the connection over, recording the run's end when `reason` is given (a `done` event has
   * ended it in the reducer already); false when it was over already.
   */
  const end = (reason?: RunEndReason, error?: AgentStreamError): boolean => {
    if (ended) return false;
    ended = true;
    run.abort();
    options.signal?.removeEventListener('abort', detach);
    if (reason) batch.now({ type: 'client/run-end', reason, error });
    return true;
  };
  const abortError = (message: string): AgentStreamError => new AgentStreamError('aborted', message, { severity: 'warning' });

  function stop(): void {
    const messageId = store.getSnapshot().run?.messageId ?? null;
    const { cancel } = options;
    if (end('aborted', abortError('Stopped')) && cancel !== undefined) {
      cancelled = sendCancel({ ...options, cancel, url, messageId, lastEventId, runId, fetch: fetchImpl, batch });
    }
  }

  function detach(): void {
    end('aborted', abortError('Detached'));
  }

  /** One request and its stream; `undefined` once the connection is over. */
  async function attempt(): Promise<Failure | undefined> {
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
    const emitAdapted: AdapterOutput = (item) => {
      if (item instanceof AgentStreamError) return batch.queue({ type: 'client/error', error: item });
      lastWasError = item.type === 'error';
      batch.queue(item);
      // `done` and a protocol's terminal error end the run in the reducer; later frames are ignored.
      if (item.type === 'done' || (item.type === 'error' && item.data.terminal === true)) {
        batch.flush();
        end();
      }
    };

    const handlers: TransportHandlers = {
      onOpen(response) {
        if (controller.signal.aborted) throw controller.signal.reason;
        const refusal = checkResponse(response, readsLines);
        if (refusal) {
          retryAfterMs = refusal.retryable ? parseRetryAfter(response.headers.get('retry-after')) : null;
          // An error body is never read: cancelling it frees the socket for the retry.
          response.body?.cancel().catch(() => undefined);
          throw refusal;
        }
        opened = true;
        runId = response.headers.get(RUN_ID_HEADER) || runId;
        batch.now({ type: 'client/status', status: 'streaming' });
        const contentType = mimeOf(response);
        decoder?.open?.({ contentType, headers: response.headers });
        return contentType === EVENT_STREAM ? undefined : 'lines';
      },
      onFrame(frame) {
        if (aborted) return;
        if (decoder) {
          progressed = true;
          return decoder.decode(frame, emitAdapted);
        }
        const decoded = decodeFrame(frame, warnings);
        if (decoded === null) return;
        progressed = true;
        if (warnings.length > 0) {
          for (const warning of warnings) batch.queue({ type: 'client/error', error: warning });
          warnings.length = 0;
        }
        if (decoded instanceof AgentStreamError) return batch.queue({ type: 'client/error', error: decoded });
        batch.queue(decoded);
        if (decoded.type === 'done') {
          // The reducer ends the run on `done`; whatever the server sends after it is ignored.
          batch.flush();
          end();
        }
      },
      onRetry(ms) {
        serverRetryMs = ms;
      },
      onId(id) {
        if (!aborted) lastEventId = id === '' ? null : id;
      },
    };

    let error: AgentStreamError;
    try {
      const defaults: Record<string, string> = json ? { 'content-type': 'application/json', accept: EVENT_STREAM } : { accept: EVENT_STREAM };
      const headers = await untilAborted(resolveHeaders(options.headers, defaults, { 'last-event-id': lastEventId, [RUN_ID_HEADER]: runId }), controller.signal);
      const init: RequestInit & { headers: Record<string, string>; signal: AbortSignal } = { method, headers, signal: controller.signal };
      if (body !== undefined) init.body = body;
      if (options.credentials !== undefined) init.credentials = options.credentials;
      // Raced against the abort so a fetch that ignores its signal cannot hold the connection open.
      await untilAborted(transport({ url, init, fetch: fetchImpl }, handlers), controller.signal);
      // A protocol without an end marker ends its run on a clean close (the adapter says when):
      // `done`, unless an error was the last word (SPEC §3).
      if (decoder && !ended && decoder.close(emitAdapted)) {
        batch.flush();
        end(lastWasError ? 'error' : 'done');
      }
      error = new AgentStreamError('network', 'The stream closed before "done"', { retryable: true });
    } catch (failure) {
      error = isAgentStreamError(failure) ? failure : new AgentStreamError('network', messageOf(failure), { retryable: true, cause: failure });
    } finally {
      run.signal.removeEventListener('abort', abortAttempt);
      controller.abort();
      batch.flush();
    }
    return ended ? undefined : { error, opened, progressed, retryAfterMs };
  }

  async function loop(): Promise<void> {
    const adapter = await resolveProtocol(options.protocol);
    if (adapter) {
      decoder = adapter.createDecoder();
      // fetch-event-source reads only SSE: a protocol that may come as lines gets the fetch reader.
      readsLines = adapter.framing === 'lines';
      if (readsLines) transport = selectTransport('fetch');
    }
    let failures = 0;
    while (!ended) {
      const outcome = await attempt();
      if (!outcome) return;
      if (outcome.progressed) failures = 0;
      let error = outcome.error;
      if (outcome.opened) {
        // Re-sending the request without a cursor would start a new (paid) generation.
        if (lastEventId === null) return void end('interrupted', interrupted(error));
        error = new AgentStreamError('network', `${error.message}; resuming from id ${lastEventId}`, {
          retryable: true,
          cause: error.cause ?? error,
        });
      }
      if (!error.retryable) return void end('error', error);
      failures += 1;
      if (failures > retry.maxRetries) {
        return void (outcome.opened ? end('interrupted', interrupted(error)) : end('error', withSeverity(error, 'error')));
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
