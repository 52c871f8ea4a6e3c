import { afterEach, describe, expect, it } from 'vitest';
import { AgentStreamEmitter } from '../../src/server/emitter';
import type { FrameSource } from '../../src/server/frame-source';
import { pipeSSE, type SSEEndReason } from '../../src/server/pipe';
import { toSSEResponse } from '../../src/server/response';
import type { SSEStreamOptions } from '../../src/server/sse-options';
import { decodeAll, heartbeats, openStream, serveWebResponse, settled, sleep, startServer, until, type TestServer } from './http-harness';

/** Serves `makeSource()` per request through one of the two adapters, on a real socket. */
type Serve = (makeSource: () => FrameSource, options?: SSEStreamOptions) => Promise<TestServer>;

const ends: Array<Promise<SSEEndReason>> = [];
const ADAPTERS: Array<[string, Serve]> = [
  ['toSSEResponse', (makeSource, options) => serveWebResponse(() => toSSEResponse(makeSource(), options))],
  ['pipeSSE', (makeSource, options) => startServer((_req, res) => void ends.push(pipeSSE(makeSource(), res, options)))],
];

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  ends.length = 0;
});

const emitter = new AgentStreamEmitter();
const utf8 = new TextEncoder();

describe.each(ADAPTERS)('%s on a real node:http server', (name, serve) => {
  it('sends the SSE headers, the run id (readable cross-origin) and your headers', async () => {
    server = await serve(() => [emitter.done()], { runId: 'run_42', headers: { 'X-Trace': 't1' } });
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('agent-run-id')).toBe('run_42');
    expect(response.headers.get('access-control-expose-headers')).toBe('Agent-Run-Id');
    expect(response.headers.get('x-trace')).toBe('t1');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(decodeAll(await response.text())).toStrictEqual([{ type: 'done', data: expect.objectContaining({ messageId: '' }) }]);
  });

  it('lets your headers win by name and adds the run id to your exposed headers', async () => {
    const headers = { 'Cache-Control': 'no-store', 'Access-Control-Expose-Headers': 'X-Trace' };
    server = await serve(() => [], { runId: 'r', headers });
    const response = await fetch(server.url, { method: 'POST' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-expose-headers')).toBe('X-Trace, Agent-Run-Id');
    expect(await response.text()).toBe('');
  });

  it('delivers every frame, strings and bytes, in order and byte for byte', async () => {
    const frames = [
      emitter.turn(1),
      emitter.thinking('Plan: 🚀 “quotes” \\ back\nslash'),
      emitter.toolUse('search', 'tu_1', 'q=日本'),
      emitter.toolResult('search', 'tu_1', '3 results', 120),
      emitter.progress('p', 50, 'half', { current: 1, total: 2, itemTitle: '𝄞' }),
      emitter.token('Hello, '),
      emitter.token('world\u2028!'),
      emitter.done({ messageId: 'm1', numTurns: 1, toolCount: 1 }),
    ];
    server = await serve(async function* () {
      for (const [i, frame] of frames.entries()) {
        if (i % 3 === 0) await sleep(5);
        yield i % 2 === 0 ? frame : utf8.encode(frame);
      }
    });
    const stream = await openStream(server.url);
    expect(await stream.ended).toBe(frames.join(''));
    expect(decodeAll(frames.join('')).map((event) => event.type)).toStrictEqual([
      'turn', 'thinking', 'tool_use', 'tool_result', 'progress', 'token', 'token', 'done',
    ]);
    if (name === 'pipeSSE') expect(await ends[0]).toBe('done');
  });

  it('reads a plain array (a sync iterable) and skips empty frames', async () => {
    server = await serve(() => [emitter.token('a'), '', new Uint8Array(0), emitter.token('b')]);
    const stream = await openStream(server.url);
    expect(await stream.ended).toBe(emitter.token('a') + emitter.token('b'));
  });

  it('sends heartbeat comments while the source is idle, and none while frames flow', async () => {
    server = await serve(
      async function* () {
        yield emitter.token('first');
        await sleep(300);
        yield emitter.token('second');
      },
      { heartbeatMs: 50 },
    );
    const text = await (await openStream(server.url)).ended;
    expect(heartbeats(text)).toBeGreaterThanOrEqual(2);
    expect(text.startsWith(emitter.token('first'))).toBe(true);
    expect(text.endsWith(emitter.token('second'))).toBe(true);
    expect(decodeAll(text)).toHaveLength(2);

    await server.close();
    server = await serve(
      async function* () {
        for (let i = 0; i < 30; i++) {
          await sleep(10);
          yield emitter.token(String(i));
        }
      },
      { heartbeatMs: 1000 },
    );
    expect(heartbeats(await (await openStream(server.url)).ended)).toBe(0);
  });

  it.each([0, false] as const)('sends no heartbeat with heartbeatMs %s', async (heartbeatMs) => {
    server = await serve(
      async function* () {
        await sleep(200);
        yield emitter.done();
      },
      { heartbeatMs },
    );
    expect(await (await openStream(server.url)).ended).toBe(emitter.done());
  });

  it('never reads the source ahead of a client that stops reading', async () => {
    let pulls = 0;
    let returned = false;
    const frame = emitter.token('x'.repeat(1000));
    server = await serve(async function* () {
      try {
        for (;;) {
          pulls++;
          // Lets timers run, so that a pump without backpressure fails the test instead of starving it.
          if (pulls % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
          yield frame;
        }
      } finally {
        returned = true;
      }
    });
    const stream = await openStream(server.url, { paused: true });
    // An unbounded pump would never settle on an endless source.
    const plateau = await settled(() => pulls);
    expect(plateau).toBeLessThan(20_000);
    stream.resume();
    await until(() => pulls > plateau + 1000);
    stream.destroy();
    await until(() => returned);
    const last = pulls;
    await sleep(50);
    expect(pulls).toBe(last);
    if (name === 'pipeSSE') expect(await ends[0]).toBe('disconnected');
    console.info(`[${name}] a paused client held the endless source at ${plateau} frames of 1 KB (socket buffers included)`);
  });

  it('calls the source’s return() when the client goes away, and stops pulling', async () => {
    let pulls = 0;
    let returned = false;
    server = await serve(async function* () {
      try {
        for (;;) {
          pulls++;
          yield emitter.token('tick');
          await sleep(20);
        }
      } finally {
        returned = true;
      }
    });
    const stream = await openStream(server.url);
    await stream.waitFor((text) => text.includes('tick'));
    stream.destroy();
    await until(() => returned);
    const last = pulls;
    await sleep(60);
    expect(pulls).toBe(last);
    if (name === 'pipeSSE') expect(await ends[0]).toBe('disconnected');
  });

  it('calls return() at once on a source that waits (a plain async iterator)', async () => {
    let release: (() => void) | undefined;
    let returned = false;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]() {
        let sent = false;
        return {
          next: () => {
            if (!sent) {
              sent = true;
              return Promise.resolve({ done: false, value: emitter.token('only') });
            }
            return new Promise((resolve) => (release = () => resolve({ done: true, value: undefined })));
          },
          return: () => {
            returned = true;
            release?.();
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
    server = await serve(() => source, { heartbeatMs: 0 });
    const stream = await openStream(server.url);
    await stream.waitFor((text) => text.includes('only'));
    expect(returned).toBe(false);
    stream.destroy();
    await until(() => returned);
    if (name === 'pipeSSE') expect(await ends[0]).toBe('disconnected');
  });

  it('reports to onError what the source throws after the client left', async () => {
    const errors: unknown[] = [];
    let fail: ((error: Error) => void) | undefined;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]() {
        let sent = false;
        return {
          next: () => {
            if (sent) return new Promise((_, reject) => (fail = reject));
            sent = true;
            return Promise.resolve({ done: false, value: emitter.token('a') });
          },
          // The pending next() fails once the source is told to stop, as an aborted LLM call does.
          return: () => {
            fail?.(new Error('aborted upstream'));
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
    server = await serve(() => source, { heartbeatMs: 0, onError: (error) => void errors.push(error) });
    const stream = await openStream(server.url);
    await stream.waitFor((text) => text.includes('"a"'));
    stream.destroy();
    await until(() => errors.length > 0);
    expect(errors).toStrictEqual([new Error('aborted upstream')]);
    if (name === 'pipeSSE') expect(await ends[0]).toBe('disconnected');
  });

  it('ends a failing source with a generic error frame that keeps the error’s message private', async () => {
    const errors: unknown[] = [];
    server = await serve(
      async function* () {
        yield emitter.token('partial');
        throw new Error('password=hunter2');
      },
      { onError: (error) => void errors.push(error) },
    );
    const text = await (await openStream(server.url)).ended;
    expect(text).not.toContain('hunter2');
    expect(decodeAll(text)).toStrictEqual([
      { type: 'token', data: { text: 'partial' } },
      { type: 'error', data: { errorType: 'stream_error', message: 'The stream failed on the server.', details: {} } },
    ]);
    expect(errors).toStrictEqual([new Error('password=hunter2')]);
    if (name === 'pipeSSE') expect(await ends[0]).toBe('error');
  });

  it('sends the frame onError returns, or none for null', async () => {
    const own = new AgentStreamEmitter({ ids: true, firstId: 8 });
    server = await serve(
      async function* () {
        yield own.token('a');
        throw new Error('quota');
      },
      { onError: (error) => own.error('upstream', (error as Error).message, { retryable: false }) },
    );
    expect(await (await openStream(server.url)).ended).toBe(
      'id: 8\nevent: token\ndata: {"text":"a"}\n\nid: 9\nevent: error\ndata: {"error_type":"upstream","message":"quota","details":{"retryable":false}}\n\n',
    );
    await server.close();
    server = await serve(
      // eslint-disable-next-line require-yield
      async function* () {
        throw new Error('x');
      },
      { onError: () => null },
    );
    expect(await (await openStream(server.url)).ended).toBe('');
  });

  it('treats a chunk that is not a frame as a source error and closes the source', async () => {
    const errors: unknown[] = [];
    let returned = false;
    server = await serve(
      function* () {
        try {
          yield emitter.token('ok');
          yield { text: 'not a frame' } as unknown as string;
          yield emitter.token('never');
        } finally {
          returned = true;
        }
      },
      { onError: (error) => void errors.push(error) },
    );
    const events = decodeAll(await (await openStream(server.url)).ended);
    expect(events.map((event) => event.type)).toStrictEqual(['token', 'error']);
    expect(errors).toStrictEqual([new TypeError('A frame source yielded an object ([object Object]); expected a string or a Uint8Array')]);
    expect(returned).toBe(true);
  });
});
