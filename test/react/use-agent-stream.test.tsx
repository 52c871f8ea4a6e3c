// @vitest-environment jsdom
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { memo, StrictMode, useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectToolCalls } from '../../src/core/selectors';
import type { AgentStore } from '../../src/core/store';
import { useAgentSelector } from '../../src/react/use-agent-selector';
import { useAgentStream, type UseAgentStreamOptions, type UseAgentStreamResult } from '../../src/react/use-agent-stream';
import { sseFrame, startSSEServer, type SSEServer } from '../helpers/sse-server';

let server: SSEServer;
let gate: { open: () => void; promise: Promise<void> };

function newGate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { open, promise };
}

const token = (text: string, id?: number) => sseFrame('token', { text }, id === undefined ? {} : { id: String(id) });
const done = () => sseFrame('done', { message_id: 'm1', num_turns: 1, tool_count: 0, duration_ms: 5, model: 'test', total_cost_usd: 0.01 });

beforeEach(async () => {
  gate = newGate();
  server = await startSSEServer({
    '/quick': { chunks: [token('Hello'), token(' there'), done()] },
    '/other': { chunks: [token('Other stream'), done()] },
    '/held': { chunks: [token('partial')], hold: true },
    '/gated': { chunks: [token('first'), { data: token(' second') + done(), after: gate.promise }] },
    '/chat': (request) => ({ chunks: [token(`echo:${(JSON.parse(request.body) as { message: string }).message}`), done()] }),
    '/burst': {
      // 2,000 tokens in 200 writes spread over time: unthrottled, that is ~200 store publishes.
      chunks: [
        ...Array.from({ length: 200 }, () => ({ data: Array.from({ length: 10 }, () => token('x')).join(''), delayMs: 1 })),
        { data: done() },
      ],
    },
    '/tools': {
      chunks: [
        sseFrame('tool_use', { tool_name: 'search', tool_use_id: 't1', input_summary: 'q', status: 'running' }),
        ...Array.from({ length: 100 }, () => ({ data: Array.from({ length: 5 }, () => token('y')).join(''), delayMs: 1 })),
        sseFrame('tool_result', { tool_name: 'search', tool_use_id: 't1', output_summary: 'ok', duration_ms: 3, status: 'done' }),
        { data: done(), delayMs: 20 },
      ],
    },
    '/cancel': { status: 204, headers: { 'content-type': '' } },
  });
});

afterEach(async () => {
  cleanup();
  gate.open();
  await server.close();
});

function Probe(props: { url: string | null; options?: UseAgentStreamOptions; onResult: (r: UseAgentStreamResult) => void }) {
  const result = useAgentStream(props.url, props.options);
  props.onResult(result);
  return <p data-testid="text">{result.messages.map((m) => m.text).join('|')}</p>;
}

function setup(url: string | null, options?: UseAgentStreamOptions, strict = false) {
  const results: UseAgentStreamResult[] = [];
  const element = (u: string | null, o?: UseAgentStreamOptions) => {
    const probe = <Probe url={u} options={o} onResult={(r) => results.push(r)} />;
    return strict ? <StrictMode>{probe}</StrictMode> : probe;
  };
  const view = render(element(url, options));
  return {
    view,
    latest: () => results[results.length - 1]!,
    renders: () => results.length,
    rerender: (u: string | null, o?: UseAgentStreamOptions) => view.rerender(element(u, o)),
  };
}

describe('useAgentStream', () => {
  it('connects on mount and streams into one assistant message', async () => {
    const probe = setup(server.url('/quick'));
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    expect(probe.latest().messages.map((m) => [m.role, m.text, m.status])).toEqual([['assistant', 'Hello there', 'complete']]);
    expect(probe.latest().isStreaming).toBe(false);
    expect(server.requestsTo('/quick')).toHaveLength(1);
    expect(server.requestsTo('/quick')[0]!.method).toBe('GET');
  });

  it('makes exactly one connection under StrictMode', async () => {
    const probe = setup(server.url('/quick'), undefined, true);
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
    expect(probe.latest().messages).toHaveLength(1);
  });

  it('stays idle with a null url', async () => {
    const probe = setup(null);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(probe.latest().status).toBe('idle');
    expect(server.requests).toHaveLength(0);
  });

  it('detaches on unmount without warnings and without cancelling the server run', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const onFinish = vi.fn();
    const probe = setup(server.url('/held'), { cancel: server.url('/cancel'), onFinish });
    await waitFor(() => expect(probe.latest().messages[0]?.text).toBe('partial'));
    const [request] = server.requestsTo('/held');
    const store = probe.latest().store;
    probe.view.unmount();
    await request!.closed;
    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(store.getSnapshot().status).toBe('aborted');
    expect(server.requestsTo('/cancel')).toHaveLength(0);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('switches streams when the url changes, closing the old one and starting afresh', async () => {
    const probe = setup(server.url('/held'));
    await waitFor(() => expect(probe.latest().messages[0]?.text).toBe('partial'));
    const [old] = server.requestsTo('/held');
    probe.rerender(server.url('/other'));
    await old!.closed;
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    expect(probe.latest().messages.map((m) => m.text)).toEqual(['Other stream']);
    expect(server.requestsTo('/held')).toHaveLength(1);
  });

  it('send shows the user message at once, POSTs it and streams the reply', async () => {
    const probe = setup(server.url('/chat'), { manual: true, headers: { authorization: 'Bearer t' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(0);
    act(() => probe.latest().send('hi', { body: { threadId: 'th1' } }));
    expect(probe.latest().messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hi'],
      ['assistant', ''],
    ]);
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    const [request] = server.requestsTo('/chat');
    expect(request!.method).toBe('POST');
    expect(JSON.parse(request!.body)).toEqual({ message: 'hi', threadId: 'th1' });
    expect(request!.headers.authorization).toBe('Bearer t');
    expect(request!.headers['content-type']).toBe('application/json');

    act(() => probe.latest().send('again'));
    await waitFor(() => expect(probe.latest().messages).toHaveLength(4));
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    expect(probe.latest().messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'hi'],
      ['assistant', 'echo:hi'],
      ['user', 'again'],
      ['assistant', 'echo:again'],
    ]);
  });

  it('prepareBody replaces the request body and sees the history', async () => {
    const prepareBody = vi.fn((text: string, state: { messages: { ids: string[] } }) => ({ message: text, history: state.messages.ids.length }));
    const probe = setup(server.url('/chat'), { manual: true, prepareBody });
    act(() => probe.latest().send('one'));
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    expect(JSON.parse(server.requestsTo('/chat')[0]!.body)).toEqual({ message: 'one', history: 1 });
  });

  it('stop aborts the run and calls cancel; retry runs the last request again', async () => {
    const probe = setup(server.url('/gated'), { cancel: server.url('/cancel') });
    await waitFor(() => expect(probe.latest().messages[0]?.text).toBe('first'));
    act(() => probe.latest().stop());
    await waitFor(() => expect(server.requestsTo('/cancel')).toHaveLength(1));
    expect(probe.latest().status).toBe('aborted');
    expect(probe.latest().messages[0]!.status).toBe('interrupted');
    gate.open();
    act(() => probe.latest().retry());
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    expect(server.requestsTo('/gated')).toHaveLength(2);
    expect(probe.latest().messages.map((m) => m.text)).toEqual(['first', 'first second']);
  });

  it('reset empties the store', async () => {
    const probe = setup(server.url('/quick'));
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    act(() => probe.latest().reset());
    expect(probe.latest().messages).toEqual([]);
    expect(probe.latest().status).toBe('idle');
  });

  it('reads callbacks through a ref: a new inline callback neither reconnects nor goes stale', async () => {
    const seen: string[] = [];
    const probe = setup(server.url('/gated'), { onEvent: () => seen.push('first-callback') });
    await waitFor(() => expect(seen).toEqual(['first-callback']));
    probe.rerender(server.url('/gated'), { onEvent: (e) => seen.push(`second-callback:${e.type}`) });
    gate.open();
    await waitFor(() => expect(probe.latest().status).toBe('done'));
    expect(seen).toEqual(['first-callback', 'second-callback:token', 'second-callback:done']);
    expect(server.requestsTo('/gated')).toHaveLength(1);
  });

  it('renders a bounded number of times under a 2,000-token burst', async () => {
    const probe = setup(server.url('/burst'));
    await waitFor(() => expect(probe.latest().status).toBe('done'), { timeout: 5000 });
    expect(probe.latest().messages[0]!.text).toBe('x'.repeat(2000));
    // 200 network writes; publishing at most once per frame keeps renders far below that.
    expect(probe.renders()).toBeLessThan(40);
  });
});

describe('useAgentSelector', () => {
  it('a tool-list subscriber does not re-render while only tokens arrive', async () => {
    let toolListRenders = 0;
    const ToolList = memo(function ToolList({ store }: { store: AgentStore }) {
      const calls = useAgentSelector(store, selectToolCalls);
      toolListRenders++;
      return <ul>{calls.map((c) => <li key={c.id}>{c.status}</li>)}</ul>;
    });
    let parentRenders = 0;
    let stream: UseAgentStreamResult | undefined;
    function Chat() {
      stream = useAgentStream(server.url('/tools'), { throttleMs: 0 });
      parentRenders++;
      return <ToolList store={stream.store} />;
    }
    render(<Chat />);
    await waitFor(() => expect(stream!.status).toBe('done'));
    // Mount, the call starting, the call finishing: tokens in between never reach the list.
    expect(toolListRenders).toBeLessThanOrEqual(3);
    expect(stream!.toolCalls[0]!.status).toBe('done');
    expect(parentRenders).toBeGreaterThan(20);
  });

  it('applies isEqual to keep the previous selection', () => {
    const calls: number[] = [];
    function Counter({ store }: { store: AgentStore }) {
      const count = useAgentSelector(store, (s) => ({ n: s.toolCalls.ids.length }), (a, b) => a.n === b.n);
      useEffect(() => {
        calls.push(count.n);
      }, [count]);
      return null;
    }
    let store: AgentStore | undefined;
    function Host() {
      store = useAgentStream(null).store;
      return <Counter store={store} />;
    }
    render(<Host />);
    act(() => {
      store!.dispatch({ type: 'token', data: { text: 'a' } });
      store!.flush();
    });
    act(() => {
      store!.dispatch({ type: 'tool_use', data: { toolName: 'x', toolUseId: 't', inputSummary: '', status: 'running' } });
      store!.flush();
    });
    expect(calls).toEqual([0, 1]);
  });
});
