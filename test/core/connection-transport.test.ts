import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectAgentStream } from '../../src/core/connection';
import { selectTransport } from '../../src/core/transport';
import { fetchEventSourceTransport } from '../../src/core/transport-fetch-event-source';
import { fetchTransport } from '../../src/core/transport-fetch';

const STREAM = 'event: token\ndata: {"text":"hi"}\n\nevent: done\ndata: {"message_id":"m","model":"x"}\n\n';

function sseResponse(body: string): Response {
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
}

describe('selectTransport', () => {
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'document');
    Reflect.deleteProperty(globalThis, 'window');
  });

  it('picks the fetch reader on auto when there is no document (Node, workers)', () => {
    expect(selectTransport('auto')).toBe(fetchTransport);
    expect(selectTransport()).toBe(fetchTransport);
  });

  it('picks fetch-event-source on auto when document and window exist', () => {
    Object.assign(globalThis, { document: new EventTarget(), window: globalThis });
    expect(selectTransport('auto')).toBe(fetchEventSourceTransport);
  });

  it('honours a forced choice either way', () => {
    expect(selectTransport('fetch-event-source')).toBe(fetchEventSourceTransport);
    Object.assign(globalThis, { document: new EventTarget(), window: globalThis });
    expect(selectTransport('fetch')).toBe(fetchTransport);
  });
});

describe('connectAgentStream without a server', () => {
  it('fails at once, without fetching, when fetch-event-source is forced without a DOM', async () => {
    const fetchSpy = vi.fn(async () => sseResponse(STREAM));
    const state = await connectAgentStream('http://example.test/stream', { transport: 'fetch-event-source', fetch: fetchSpy }).done;

    expect(fetchSpy).not.toHaveBeenCalled();
    expect(state.status).toBe('error');
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]?.message).toContain("transport: 'fetch'");
  });

  it('looks up globalThis.fetch when it connects, not when the module loads', async () => {
    const fetchSpy = vi.fn(async () => sseResponse(STREAM));
    vi.stubGlobal('fetch', fetchSpy);
    try {
      const state = await connectAgentStream('http://example.test/stream').done;
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(state.status).toBe('done');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps streaming when onEvent and onError throw, rethrowing their errors asynchronously', async () => {
    const stream = 'event: token\ndata: {"text":"a"}\n\nevent: token\ndata: nope\n\n' + STREAM;
    // Vitest fails a test on any uncaught exception, so its listeners step aside while ours counts.
    const vitestListeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const uncaught: unknown[] = [];
    process.on('uncaughtException', (error) => uncaught.push(error));
    try {
      const state = await connectAgentStream('http://example.test/stream', {
        fetch: async () => sseResponse(stream),
        onEvent: () => {
          throw new Error('onEvent broke');
        },
        onError: () => {
          throw new Error('onError broke');
        },
      }).done;
      await new Promise((resolve) => setTimeout(resolve, 0));

      expect(state.status).toBe('done');
      expect(state.messages.byId[state.run!.messageId]?.text).toBe('ahi');
      expect(uncaught.map((error) => (error as Error).message)).toEqual([
        'onEvent broke',
        'onError broke',
        'onEvent broke',
        'onEvent broke',
      ]);
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const listener of vitestListeners) process.on('uncaughtException', listener);
    }
  });
});
