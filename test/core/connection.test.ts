import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectAgentStream } from '../../src/core/connection';
import type { AgentStreamConnection, ConnectOptions } from '../../src/core/connection-options';
import type { AgentStreamError } from '../../src/core/errors';
import type { AgentEvent } from '../../src/core/protocol';
import type { AgentState, AgentStatus } from '../../src/core/state';
import type { AgentStore } from '../../src/core/store';
import { installDomGlobals, removeDomGlobals } from '../helpers/dom-globals';
import { sseFrame, startSSEServer, type Responder, type SSEServer } from '../helpers/sse-server';

const DONE = sseFrame('done', {
  message_id: 'srv_1',
  num_turns: 1,
  tool_count: 0,
  duration_ms: 12,
  model: 'test-model',
  total_cost_usd: 0.01,
});
const token = (text: string, id?: string): string => sseFrame('token', { text }, id === undefined ? {} : { id });

/** The text of the run's assistant message. */
function replyText(state: AgentState): string {
  const id = state.run?.messageId;
  return id === undefined ? '' : (state.messages.byId[id]?.text ?? '');
}

function replyStatus(state: AgentState): string | undefined {
  const id = state.run?.messageId;
  return id === undefined ? undefined : state.messages.byId[id]?.status;
}

/** Resolves with the first published state that satisfies `predicate`. */
function waitForState(store: AgentStore, predicate: (state: AgentState) => boolean): Promise<AgentState> {
  return new Promise((resolve) => {
    const check = (): void => {
      const state = store.getSnapshot();
      if (!predicate(state)) return;
      unsubscribe();
      resolve(state);
    };
    const unsubscribe = store.subscribe(check);
    check();
  });
}

/** Every distinct status the store published, in order. */
function recordStatuses(store: AgentStore): AgentStatus[] {
  const seen: AgentStatus[] = [store.getSnapshot().status];
  store.subscribe(() => {
    const { status } = store.getSnapshot();
    if (seen[seen.length - 1] !== status) seen.push(status);
  });
  return seen;
}

const errorsOf = (state: AgentState, code: AgentStreamError['code']): AgentStreamError[] =>
  state.errors.filter((error) => error.code === code);

describe.each(['fetch', 'fetch-event-source'] as const)('connectAgentStream over the %s transport', (transport) => {
  let server: SSEServer;
  const open: AgentStreamConnection[] = [];

  beforeEach(() => {
    if (transport === 'fetch-event-source') installDomGlobals();
  });

  afterEach(async () => {
    for (const connection of open.splice(0)) {
      connection.detach();
      await connection.done;
    }
    await server?.close();
    removeDomGlobals();
  });

  async function serve(routes: Record<string, Responder | Responder[]>): Promise<SSEServer> {
    server = await startSSEServer(routes);
    return server;
  }

  function connect(options: ConnectOptions = {}, path = '/stream'): AgentStreamConnection {
    const connection = connectAgentStream(server.url(path), {
      transport,
      ...options,
      retry: { baseDelayMs: 10, maxDelayMs: 50, ...options.retry },
    });
    open.push(connection);
    return connection;
  }

  it('streams a run to done with one POST carrying the JSON body', async () => {
    await serve({ '/stream': { chunks: [token('Hello'), token(', world'), DONE] } });
    const state = await connect({ body: { message: 'hi' } }).done;

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.body).toBe('{"message":"hi"}');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('text/event-stream');
    expect(request?.headers['last-event-id']).toBeUndefined();
    expect(state.status).toBe('done');
    expect(replyText(state)).toBe('Hello, world');
    expect(replyStatus(state)).toBe('complete');
    expect(state.done?.messageId).toBe('srv_1');
    expect(state.errors).toEqual([]);
  });

  it('uses GET without a body and passes a string body as is', async () => {
    await serve({ '/stream': { chunks: [DONE] } });
    await connect().done;
    await connect({ body: 'raw text', headers: { 'content-type': 'text/plain' } }).done;

    expect(server.requests.map((r) => [r.method, r.body, r.headers['content-type']])).toEqual([
      ['GET', '', undefined],
      ['POST', 'raw text', 'text/plain'],
    ]);
  });

  it('resumes a dropped stream with Last-Event-ID and applies replayed events once', async () => {
    await serve({
      '/stream': [
        { chunks: [token('A', '1'), token('B', '2')], dropAfter: 2 },
        // This server replays the last event it sent before resuming.
        { chunks: [token('B', '2'), token('C', '3'), DONE] },
      ],
    });
    const connection = connect({ body: { message: 'hi' } });
    const statuses = recordStatuses(connection.store);
    const state = await connection.done;

    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]?.headers['last-event-id']).toBe('2');
    expect(server.requests[1]?.body).toBe('{"message":"hi"}');
    expect(replyText(state)).toBe('ABC');
    expect(state.status).toBe('done');
    expect(statuses).toEqual(['connecting', 'streaming', 'reconnecting', 'streaming', 'done']);
    const [warning] = errorsOf(state, 'network');
    expect(warning?.severity).toBe('warning');
    expect(warning?.retryable).toBe(true);
    expect(warning?.message).toContain('resuming from id 2');
  });

  it('ends interrupted, without a second request, when a stream without ids drops', async () => {
    await serve({ '/stream': { chunks: [token('A'), token('B')], dropAfter: 2 } });
    const state = await connect({ body: { message: 'hi' } }).done;

    expect(server.requests).toHaveLength(1);
    expect(state.status).toBe('error');
    expect(replyText(state)).toBe('AB');
    expect(replyStatus(state)).toBe('interrupted');
    const [error] = errorsOf(state, 'interrupted');
    expect(error?.message).toBe('The stream ended before "done"');
    expect(error?.severity).toBe('error');
  });

  it('ends interrupted when the server closes cleanly before done', async () => {
    await serve({ '/stream': { chunks: [token('A')] } });
    const state = await connect({ body: { message: 'hi' } }).done;

    expect(server.requests).toHaveLength(1);
    expect(state.status).toBe('error');
    expect(replyStatus(state)).toBe('interrupted');
    expect(errorsOf(state, 'interrupted')).toHaveLength(1);
  });

  it('ends interrupted once a resumable stream keeps closing without events for maxRetries attempts', async () => {
    await serve({ '/stream': [{ chunks: [token('A', '1')] }, { chunks: [': nothing new\n\n'] }] });
    const state = await connect({ retry: { maxRetries: 2 } }).done;

    expect(server.requests).toHaveLength(3);
    expect(server.requests.slice(1).map((r) => r.headers['last-event-id'])).toEqual(['1', '1']);
    expect(state.status).toBe('error');
    expect(replyStatus(state)).toBe('interrupted');
    expect(state.errors.map((e) => [e.code, e.severity])).toEqual([
      ['network', 'warning'],
      ['network', 'warning'],
      ['interrupted', 'error'],
    ]);
  });

  it('retries a 500 and records a warning', async () => {
    await serve({ '/stream': [{ status: 500, chunks: ['boom'] }, { chunks: [token('ok'), DONE] }] });
    const connection = connect({ body: { message: 'hi' } });
    const statuses = recordStatuses(connection.store);
    const state = await connection.done;

    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe('{"message":"hi"}');
    expect(state.status).toBe('done');
    expect(replyText(state)).toBe('ok');
    expect(statuses).toEqual(['connecting', 'reconnecting', 'streaming', 'done']);
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatchObject({ code: 'http_status', status: 500, severity: 'warning', retryable: true });
  });

  it('does not retry a 401', async () => {
    await serve({ '/stream': { status: 401, chunks: ['no'] } });
    const state = await connect().done;

    expect(server.requests).toHaveLength(1);
    expect(state.status).toBe('error');
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatchObject({ code: 'http_status', status: 401, severity: 'error', retryable: false });
    expect(state.errors[0]?.message).toContain('401');
  });

  it('waits for Retry-After even when it exceeds maxDelayMs', async () => {
    await serve({ '/stream': [{ status: 429, headers: { 'retry-after': '1' } }, { chunks: [DONE] }] });
    const state = await connect({ retry: { maxDelayMs: 10 } }).done;

    expect(state.status).toBe('done');
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it('gives up after maxRetries consecutive failed attempts', async () => {
    await serve({ '/stream': [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }, { chunks: [DONE] }] });
    const state = await connect({ retry: { maxRetries: 4 } }).done;

    expect(server.requests).toHaveLength(5);
    expect(state.status).toBe('error');
    expect(replyStatus(state)).toBe('error');
    const warnings = state.errors.filter((e) => e.severity === 'warning');
    const fatal = state.errors.filter((e) => e.severity === 'error');
    expect(warnings).toHaveLength(4);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ code: 'http_status', status: 503 });
  });

  it('fails fast on a 200 that is not an event stream, quoting status and type', async () => {
    await serve({ '/stream': { headers: { 'content-type': 'text/html' }, chunks: ['<html></html>'] } });
    const state = await connect().done;

    expect(server.requests).toHaveLength(1);
    expect(state.status).toBe('error');
    expect(state.errors).toHaveLength(1);
    const [error] = state.errors;
    expect(error).toMatchObject({ code: 'content_type', status: 200, retryable: false });
    expect(error?.message).toContain('200');
    expect(error?.message).toContain('text/html');
  });

  it('assembles frames dripped in tiny byte chunks, multi-byte characters included', async () => {
    const text = 'héllo → wörld 👋 ';
    const bytes = new TextEncoder().encode(token(text, '1') + token(text, '2') + DONE);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) chunks.push(bytes.subarray(i, i + 3));
    await serve({ '/stream': { chunks, chunkDelayMs: 1 } });
    const state = await connect().done;

    expect(state.status).toBe('done');
    expect(replyText(state)).toBe(text + text);
    expect(state.errors).toEqual([]);
  });

  it('publishes once per network chunk, however many frames it holds', async () => {
    await serve({ '/stream': { chunks: [token('a') + token('b') + token('c') + token('d'), { data: DONE, delayMs: 50 }] } });
    const connection = connect();
    const texts: string[] = [];
    connection.store.subscribe(() => texts.push(replyText(connection.store.getSnapshot())));
    await connection.done;

    expect([...new Set(texts)]).toEqual(['', 'abcd']);
  });

  it('stop() ends a stream that never ends: status aborted, socket closed', async () => {
    await serve({ '/stream': { chunks: [token('partial')], hold: true } });
    const connection = connect();
    await waitForState(connection.store, (s) => replyText(s) === 'partial');
    connection.stop();
    const state = await connection.done;

    await server.requests[0]?.closed;
    expect(state.status).toBe('aborted');
    expect(replyStatus(state)).toBe('interrupted');
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatchObject({ code: 'aborted', message: 'Stopped', severity: 'warning' });
  });

  it('stop() during a backoff ends at once with no further request', async () => {
    await serve({ '/stream': [{ status: 503, headers: { 'retry-after': '60' } }, { chunks: [DONE] }] });
    const connection = connect();
    await waitForState(connection.store, (s) => s.status === 'reconnecting');
    connection.stop();
    const state = await connection.done;

    expect(state.status).toBe('aborted');
    expect(server.requests).toHaveLength(1);
  });

  it('only stop() POSTs to the cancel URL, with the headers and { messageId, lastEventId, runId }', async () => {
    const routes = { chunks: [token('A', '7')], hold: true };
    await serve({ '/stream': routes, '/cancel': { status: 204 } });
    const options: ConnectOptions = { headers: { authorization: 'Bearer t' }, cancel: server.url('/cancel') };

    const detached = connect(options);
    await waitForState(detached.store, (s) => replyText(s) === 'A');
    detached.detach();
    const detachedState = await detached.done;
    expect(detachedState.status).toBe('aborted');
    expect(detachedState.errors[0]).toMatchObject({ code: 'aborted', message: 'Detached' });
    expect(server.requestsTo('/cancel')).toHaveLength(0);

    const stopped = connect(options);
    await waitForState(stopped.store, (s) => replyText(s) === 'A');
    stopped.stop();
    const stoppedState = await stopped.done;
    expect(stoppedState.status).toBe('aborted');
    const cancels = server.requestsTo('/cancel');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.method).toBe('POST');
    expect(cancels[0]?.headers.authorization).toBe('Bearer t');
    expect(cancels[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(cancels[0]?.body ?? '')).toEqual({ messageId: stoppedState.run?.messageId, lastEventId: '7', runId: null });
    expect(stoppedState.errors).toHaveLength(1);
  });

  it('calls a cancel function with the run context, and records a failed cancel as a warning', async () => {
    await serve({ '/stream': { chunks: [token('A')], hold: true }, '/cancel': { status: 500 } });
    const contexts: unknown[] = [];
    const withFunction = connect({ cancel: (context) => contexts.push(context) });
    await waitForState(withFunction.store, (s) => replyText(s) === 'A');
    withFunction.stop();
    const state = await withFunction.done;
    expect(contexts).toEqual([
      {
        url: server.url('/stream'),
        messageId: state.run?.messageId,
        lastEventId: null,
        runId: null,
        signal: expect.any(AbortSignal),
      },
    ]);

    const failing = connect({ cancel: server.url('/cancel') });
    await waitForState(failing.store, (s) => replyText(s) === 'A');
    failing.stop();
    const failed = await failing.done;
    expect(failed.status).toBe('aborted');
    expect(failed.errors.at(-1)).toMatchObject({ code: 'http_status', status: 500, severity: 'warning' });

    const throwing = connect({
      cancel: () => {
        throw new Error('no route');
      },
    });
    await waitForState(throwing.store, (s) => replyText(s) === 'A');
    throwing.stop();
    expect((await throwing.done).errors.at(-1)).toMatchObject({ code: 'network', severity: 'warning', message: 'Cancel failed: no route' });
  });

  it('does nothing on stop() or detach() after done', async () => {
    await serve({ '/stream': { chunks: [DONE] }, '/cancel': { status: 204 } });
    const connection = connect({ cancel: server.url('/cancel') });
    const final = await connection.done;
    connection.stop();
    connection.detach();

    expect(connection.store.getSnapshot()).toBe(final);
    expect(final.status).toBe('done');
    expect(server.requestsTo('/cancel')).toHaveLength(0);
  });

  it('resolves headers again on every attempt', async () => {
    await serve({ '/stream': [{ status: 500 }, { chunks: [DONE] }] });
    let token = 0;
    const state = await connect({
      headers: async () => ({ authorization: `Bearer ${++token}` }),
    }).done;

    expect(state.status).toBe('done');
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer 1', 'Bearer 2']);
  });

  it('sends options.lastEventId on the first request', async () => {
    await serve({ '/stream': { chunks: [token('rest', '5'), DONE] } });
    const state = await connect({ lastEventId: '4' }).done;

    expect(server.requests[0]?.headers['last-event-id']).toBe('4');
    expect(state.lastEventId).toBe('5');
  });

  it('sends the run id a response announces back on every resume, and in the cancel request', async () => {
    await serve({
      '/stream': [
        { headers: { 'agent-run-id': 'run-9' }, chunks: [token('A', '1')], dropAfter: 1 },
        // A later answer naming no run keeps the one already known.
        { chunks: [token('B', '2')], hold: true },
      ],
      '/cancel': { status: 204 },
    });
    const connection = connect({ cancel: server.url('/cancel') });
    await waitForState(connection.store, (s) => replyText(s) === 'AB');
    connection.stop();
    await connection.done;

    expect(server.requests[0]?.headers['agent-run-id']).toBeUndefined();
    expect(server.requests[1]?.headers['agent-run-id']).toBe('run-9');
    expect(server.requests[1]?.headers['last-event-id']).toBe('1');
    expect(JSON.parse(server.requestsTo('/cancel')[0]?.body ?? '')).toMatchObject({ runId: 'run-9', lastEventId: '2' });
  });

  it('joins options.runId from the first request on, and a newer announced id replaces it', async () => {
    await serve({
      '/stream': [
        { headers: { 'agent-run-id': 'run-new' }, chunks: [token('A', '5')], dropAfter: 1 },
        { chunks: [token('B', '6'), DONE] },
      ],
    });
    const state = await connect({ runId: 'run-old', lastEventId: '4' }).done;

    expect(state.status).toBe('done');
    expect(server.requests.map((r) => r.headers['agent-run-id'])).toEqual(['run-old', 'run-new']);
  });

  it('waits at least half the server retry: hint before resuming', async () => {
    await serve({
      '/stream': [{ chunks: [`retry: 400\n${token('A', '1')}`], dropAfter: 1 }, { chunks: [DONE] }],
    });
    const state = await connect({ retry: { maxDelayMs: 5000 } }).done;

    expect(state.status).toBe('done');
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(195);
  });

  it('treats aborting options.signal as a detach: aborted, no cancel request', async () => {
    await serve({ '/stream': { chunks: [token('A')], hold: true }, '/cancel': { status: 204 } });
    const controller = new AbortController();
    const connection = connect({ signal: controller.signal, cancel: server.url('/cancel') });
    await waitForState(connection.store, (s) => replyText(s) === 'A');
    controller.abort();
    const state = await connection.done;

    await server.requests[0]?.closed;
    expect(state.status).toBe('aborted');
    expect(state.errors[0]).toMatchObject({ code: 'aborted', message: 'Detached' });
    expect(server.requestsTo('/cancel')).toHaveLength(0);
  });

  it('makes no request when options.signal is already aborted', async () => {
    await serve({ '/stream': { chunks: [DONE] } });
    const state = await connect({ signal: AbortSignal.abort() }).done;

    expect(state.status).toBe('aborted');
    expect(server.requests).toHaveLength(0);
  });

  it('never rejects done: a throwing fetch or headers function ends the run with an error', async () => {
    await serve({});
    const brokenFetch = await connect({
      fetch: () => {
        throw new TypeError('fetch failed');
      },
      retry: { maxRetries: 1 },
    }).done;
    expect(brokenFetch.status).toBe('error');
    expect(brokenFetch.errors.map((e) => [e.code, e.severity, e.message])).toEqual([
      ['network', 'warning', 'fetch failed'],
      ['network', 'error', 'fetch failed'],
    ]);

    const brokenHeaders = await connect({
      headers: () => {
        throw new Error('token refresh failed');
      },
      retry: { maxRetries: 0 },
    }).done;
    expect(brokenHeaders.status).toBe('error');
    expect(brokenHeaders.errors[0]?.message).toBe('token refresh failed');
  });

  it('retries when the server is unreachable', async () => {
    await serve({});
    await server.close();
    const state = await connect({ retry: { maxRetries: 2 } }).done;

    expect(state.status).toBe('error');
    expect(state.errors.map((e) => [e.code, e.severity])).toEqual([
      ['network', 'warning'],
      ['network', 'warning'],
      ['network', 'error'],
    ]);
  });

  it('calls onEvent once its event is in the store, and onError for each error', async () => {
    const bad = 'event: token\ndata: {oops\n\n';
    await serve({ '/stream': { chunks: [token('A') + bad, token('B'), DONE] } });
    const events: AgentEvent['type'][] = [];
    const errors: AgentStreamError['code'][] = [];
    let textAtFirstEvent: string | undefined;
    const connection = connect({
      onEvent: (event) => {
        textAtFirstEvent ??= replyText(connection.store.getSnapshot());
        events.push(event.type);
      },
      onError: (error) => errors.push(error.code),
    });
    await connection.done;

    expect(events).toEqual(['token', 'token', 'done']);
    expect(errors).toEqual(['parse']);
    // The whole chunk's batch is stored before any callback runs.
    expect(textAtFirstEvent?.startsWith('A')).toBe(true);
  });

  it('records a malformed frame as a parse error and applies the events around it', async () => {
    const bad = 'event: tool_use\ndata: {"tool_name": \n\n';
    await serve({ '/stream': { chunks: [token('before '), bad, token('after'), DONE] } });
    const state = await connect().done;

    expect(state.status).toBe('done');
    expect(replyText(state)).toBe('before after');
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatchObject({ code: 'parse', eventType: 'tool_use' });
  });

  it('passes a 2 MB event intact', async () => {
    const big = 'x'.repeat(1024 * 1024) + 'é'.repeat(512 * 1024);
    await serve({ '/stream': { chunks: [token(big), DONE] } });
    const state = await connect().done;

    expect(state.status).toBe('done');
    expect(replyText(state)).toBe(big);
  });
});

describe('connectAgentStream over fetch-event-source in a hidden tab', () => {
  let server: SSEServer;
  let doc: EventTarget & { hidden: boolean };

  beforeEach(() => {
    doc = installDomGlobals();
  });

  afterEach(async () => {
    await server?.close();
    removeDomGlobals();
  });

  it('never re-sends the POST when the tab is hidden and shown again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    server = await startSSEServer({ '/stream': { chunks: [token('A'), { data: DONE, after: gate }] } });
    const connection = connectAgentStream(server.url('/stream'), { body: { message: 'hi' }, transport: 'fetch-event-source' });
    await waitForState(connection.store, (s) => replyText(s) === 'A');

    doc.hidden = true;
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.hidden = false;
    doc.dispatchEvent(new Event('visibilitychange'));
    release();
    const state = await connection.done;

    expect(state.status).toBe('done');
    expect(server.requests).toHaveLength(1);
  });
});

describe('connectAgentStream over the fetch transport: cursor rules', () => {
  let server: SSEServer;

  afterEach(async () => {
    await server?.close();
  });

  it('forgets the cursor on an empty id, so a later drop is not resumable', async () => {
    server = await startSSEServer({
      '/stream': { chunks: [token('A', '1'), `id:\n${token('B')}`], dropAfter: 2 },
    });
    const state = await connectAgentStream(server.url('/stream'), { transport: 'fetch' }).done;

    expect(server.requests).toHaveLength(1);
    expect(replyText(state)).toBe('AB');
    expect(errorsOf(state, 'interrupted')).toHaveLength(1);
  });

  it('moves the cursor on a frame that has an id but no data', async () => {
    server = await startSSEServer({
      '/stream': [{ chunks: [token('A', '1'), 'id: 2\n\n'], dropAfter: 2 }, { chunks: [token('B', '3'), DONE] }],
    });
    const state = await connectAgentStream(server.url('/stream'), { transport: 'fetch', retry: { baseDelayMs: 10 } }).done;

    expect(server.requests[1]?.headers['last-event-id']).toBe('2');
    expect(replyText(state)).toBe('AB');
  });

  it('does not move the cursor to an id whose frame never completed', async () => {
    server = await startSSEServer({
      '/stream': [{ chunks: [token('A', '1'), 'id: 2\nevent: token\n'], dropAfter: 2 }, { chunks: [token('B', '2'), DONE] }],
    });
    const state = await connectAgentStream(server.url('/stream'), { transport: 'fetch', retry: { baseDelayMs: 10 } }).done;

    expect(server.requests[1]?.headers['last-event-id']).toBe('1');
    expect(replyText(state)).toBe('AB');
  });
});
