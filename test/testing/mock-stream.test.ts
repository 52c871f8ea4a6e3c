import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeComment, encodeEvent } from '../../src/server/encode';
import { mockAgentStream } from '../../src/testing/mock-stream';
import type { AgentStreamScript } from '../../src/testing/script';
import { ev } from '../helpers/events';

const utf8 = new TextDecoder();

async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

const textOf = (chunks: readonly Uint8Array[]): string => utf8.decode(Buffer.concat(chunks));

const script: AgentStreamScript = [ev.token('Héllo 👋 '), ev.toolUse('tu_1', 'search', 'q'), ev.toolResult('tu_1'), ev.done()];
const frames = (events: readonly Parameters<typeof encodeEvent>[0][]): string => events.map((event) => encodeEvent(event)).join('');

afterEach(() => {
  vi.useRealTimers();
});

describe('mockAgentStream', () => {
  it('streams the encoded frames with event-stream headers', async () => {
    const response = mockAgentStream(script);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const chunks = await readChunks(response);
    expect(chunks).toHaveLength(4);
    expect(textOf(chunks)).toBe(frames(script as Parameters<typeof encodeEvent>[0][]));
  });

  it('sends comments encoded and raw steps byte for byte', async () => {
    const response = mockAgentStream([{ comment: 'keep-alive' }, { raw: 'retry: 500\n\n' }, { raw: 'event: token\ndata: {bad\n\n' }]);
    expect(textOf(await readChunks(response))).toBe(`${encodeComment('keep-alive')}retry: 500\n\nevent: token\ndata: {bad\n\n`);
  });

  it('sets headers over the defaults', async () => {
    const response = mockAgentStream([], { headers: { 'Content-Type': 'text/html', 'x-request-id': 'r1' } });
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('x-request-id')).toBe('r1');
  });

  it('numbers events by position with ids, keeping an id an event brings', async () => {
    const response = mockAgentStream([ev.token('a'), { comment: 'x' }, ev.token('b', 'own'), ev.token('c')], { ids: true });
    expect(textOf(await readChunks(response))).toBe(
      encodeEvent(ev.token('a'), { id: '1' }) + encodeComment('x') + encodeEvent(ev.token('b'), { id: 'own' }) + encodeEvent(ev.token('c'), { id: '3' }),
    );
  });

  it('resumes after the resumeFrom id, and replays everything for an unknown id', async () => {
    const steps: AgentStreamScript = [ev.token('a'), { comment: 'before b' }, ev.token('b'), ev.token('c')];
    const resumed = textOf(await readChunks(mockAgentStream(steps, { ids: true, resumeFrom: '1' })));
    expect(resumed).toBe(encodeComment('before b') + encodeEvent(ev.token('b'), { id: '2' }) + encodeEvent(ev.token('c'), { id: '3' }));
    const unknown = textOf(await readChunks(mockAgentStream(steps, { ids: true, resumeFrom: '9' })));
    expect(unknown).toBe(textOf(await readChunks(mockAgentStream(steps, { ids: true }))));
  });

  it('splits the bytes at seeded random points, inside UTF-8 characters too', async () => {
    const long: AgentStreamScript = Array.from({ length: 40 }, (_, i) => ev.token(`日本語 ${i} 👋 `));
    const whole = textOf(await readChunks(mockAgentStream(long)));
    const first = await readChunks(mockAgentStream(long, { split: { seed: 7, maxChunk: 5 } }));
    const again = await readChunks(mockAgentStream(long, { split: { seed: 7, maxChunk: 5 } }));
    const other = await readChunks(mockAgentStream(long, { split: { seed: 8, maxChunk: 5 } }));
    expect(textOf(first)).toBe(whole);
    expect(first.every((chunk) => chunk.length >= 1 && chunk.length <= 5)).toBe(true);
    expect(first.map((chunk) => chunk.length)).toStrictEqual(again.map((chunk) => chunk.length));
    expect(first.map((chunk) => chunk.length)).not.toStrictEqual(other.map((chunk) => chunk.length));
    const strict = new TextDecoder('utf-8', { fatal: true });
    expect(first.some((chunk) => {
      try {
        strict.decode(chunk);
        return false;
      } catch {
        return true;
      }
    })).toBe(true);
  });

  it('answers a non-2xx status with no body and no event-stream type', async () => {
    const response = mockAgentStream(script, { status: 503, headers: { 'retry-after': '3' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBeNull();
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.text()).toBe('');
  });

  it('answers the { status, headers, body } form exactly, instead of the stream', async () => {
    const json = mockAgentStream(script, { status: { status: 429, headers: { 'retry-after': '2' }, body: { error: 'slow down' } } });
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toBe('2');
    expect(json.headers.get('content-type')).toBe('application/json');
    expect(await json.json()).toStrictEqual({ error: 'slow down' });
    const html = mockAgentStream(script, { status: { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>login</p>' } });
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(await html.text()).toBe('<p>login</p>');
  });

  it('drops after n events: every byte before is readable, then the body errors', async () => {
    const reader = mockAgentStream(script, { dropAfter: 2, split: { seed: 3, maxChunk: 7 } }).body!.getReader();
    const chunks: Uint8Array[] = [];
    let failure: unknown;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(TypeError);
    expect(textOf(chunks)).toBe(frames([ev.token('Héllo 👋 '), ev.toolUse('tu_1', 'search', 'q')]));
  });

  it('errors at the end instead of closing when the script has fewer events than dropAfter', async () => {
    await expect(readChunks(mockAgentStream([ev.token('a')], { dropAfter: 5 }))).rejects.toThrow(TypeError);
    await expect(readChunks(mockAgentStream([ev.token('a')], { dropAfter: 0 }))).rejects.toThrow('connection dropped');
  });

  it('waits for delays on real (here fake) timers, divided by speed', async () => {
    vi.useFakeTimers();
    const reader = mockAgentStream([ev.token('a'), { delayMs: 400 }, ev.token('b')], { speed: 4 }).body!.getReader();
    await reader.read();
    let second: string | undefined;
    void reader.read().then(({ value }) => (second = utf8.decode(value)));
    await vi.advanceTimersByTimeAsync(99);
    expect(second).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(second).toBe(encodeEvent(ev.token('b')));
  });

  it('skips every delay at speed Infinity', async () => {
    vi.useFakeTimers();
    const chunks = await readChunks(mockAgentStream([{ delayMs: 10_000 }, ev.token('a')], { speed: Infinity }));
    expect(textOf(chunks)).toBe(encodeEvent(ev.token('a')));
  });

  it('stops on abort: the read rejects with the reason and the pending delay is cleared', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const reader = mockAgentStream([ev.token('a'), { delayMs: 1000 }, ev.token('b')], { signal: controller.signal }).body!.getReader();
    await reader.read();
    const pending = reader.read();
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('errors at once when the signal is already aborted', async () => {
    const response = mockAgentStream(script, { signal: AbortSignal.abort(new Error('gone')) });
    await expect(readChunks(response)).rejects.toThrow('gone');
  });

  it('clears the pending delay when the reader cancels', async () => {
    vi.useFakeTimers();
    const reader = mockAgentStream([{ delayMs: 1000 }, ev.token('a')]).body!.getReader();
    void reader.read();
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a speed that is not above 0', () => {
    expect(() => mockAgentStream(script, { speed: 0 })).toThrow(RangeError);
  });
});
