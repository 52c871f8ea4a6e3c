// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { createRef, Profiler } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { AgentStreamProvider } from '../../../src/react/context';
import { ToolCall } from '../../../src/react/components/tool-call';
import { ToolCallList } from '../../../src/react/components/tool-call-list';
import { ev } from '../../helpers/events';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const handleOf = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

const announcer = () => document.querySelector('[data-agent-stream-announcer]');

describe('ToolCallList', () => {
  it('renders a ul of items with data-status, name, status word, input, output and duration', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.toolUse('t1', 'search', 'cats'), ev.toolResult('t1', { outputSummary: '3 hits', durationMs: 350 }), ev.toolUse('t2', 'fetch', 'url')]);
    render(<ToolCallList stream={handleOf(store)} />);
    const list = screen.getByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-status'))).toEqual(['done', 'running']);
    expect(items[0]!.textContent).toBe('search done cats 3 hits 350 ms');
    expect(items[1]!.textContent).toMatch(/^fetch running url {2}\d+ ms$/);
  });

  it('reads the provider, forwards its ref and spreads props', () => {
    const store = createAgentStore({ throttleMs: 0 });
    const ref = createRef<HTMLUListElement>();
    render(
      <AgentStreamProvider value={handleOf(store)}>
        <ToolCallList ref={ref} aria-label="Tools" className="tools" />
      </AgentStreamProvider>,
    );
    expect(ref.current?.tagName).toBe('UL');
    expect(screen.getByRole('list', { name: 'Tools' }).className).toBe('tools');
  });

  it('throws a clear error without a stream', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const quiet = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', quiet);
    expect(() => render(<ToolCallList />)).toThrow('<ToolCallList> needs a stream');
    window.removeEventListener('error', quiet);
  });

  it('filters by a predicate and by message', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.toolUse('t1', 'search'), ev.toolUse('t2', 'fetch'), ev.done()]);
    const firstMessage = store.getSnapshot().toolCalls.byId.t1!.messageId;
    store.dispatch([{ type: 'client/run-start' }, ev.toolUse('t3', 'search')]);
    const { rerender } = render(<ToolCallList stream={handleOf(store)} filter={(call) => call.name === 'search'} />);
    const ids = () => screen.queryAllByRole('listitem').map((item) => item.textContent?.split(' ')[0] + ':' + item.getAttribute('data-status'));
    expect(ids()).toEqual(['search:interrupted', 'search:running']);
    rerender(<ToolCallList stream={handleOf(store)} messageId={firstMessage} />);
    expect(ids()).toEqual(['search:interrupted', 'fetch:interrupted']);
    rerender(<ToolCallList stream={handleOf(store)} messageId={firstMessage} filter={(call) => call.name === 'fetch'} />);
    expect(ids()).toEqual(['fetch:interrupted']);
  });

  it('renders on the server without a live region', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.toolUse('t1', 'search', 'cats'), ev.toolResult('t1', { durationMs: 1200 })]);
    const html = renderToString(<ToolCallList stream={handleOf(store)} />);
    expect(html).toContain('<li data-status="done">');
    expect(html).toMatch(/<time datetime="PT1.2S">1.2 sec<\/time>/i);
    expect(html).not.toContain('role="status"');
  });

  it('lets a render prop render each item', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.toolUse('t1', 'search'), ev.toolUse('t2', 'fetch')]);
    render(
      <ToolCallList stream={handleOf(store)}>
        {(call) => (
          <ToolCall.Root call={call} data-testid={call.id}>
            <ToolCall.Name />
          </ToolCall.Root>
        )}
      </ToolCallList>,
    );
    expect(screen.getByTestId('t1').textContent).toBe('search');
    expect(screen.getByTestId('t2').textContent).toBe('fetch');
  });

  it('announces calls as they settle in one polite region, not calls settled before mount', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.toolUse('t0', 'old'), ev.toolResult('t0', { toolName: 'old' })]);
    render(<ToolCallList stream={handleOf(store)} />);
    const regions = document.querySelectorAll('[role="status"]');
    expect(regions).toHaveLength(1);
    expect(regions[0]!.getAttribute('aria-live')).toBe('polite');
    expect(announcer()?.textContent).toBe('');

    act(() => store.dispatch([ev.toolUse('t1', 'search'), ev.toolUse('t2', 'fetch')]));
    expect(announcer()?.textContent).toBe('');
    act(() => store.dispatch(ev.toolResult('t1')));
    expect(announcer()?.textContent).toBe('search done');
    const first = announcer()?.firstChild;
    act(() => store.dispatch(ev.token('tokens are not announced')));
    expect(announcer()?.firstChild).toBe(first);
    act(() => store.dispatch(ev.toolResult('t2', { toolName: 'fetch', error: true })));
    expect(announcer()?.textContent).toBe('fetch failed');
    act(() => store.dispatch([ev.toolUse('t3', 'search'), ev.toolResult('t3')]));
    expect(announcer()?.textContent).toBe('search done');
    expect(announcer()?.firstChild).not.toBe(first);
  });

  it('announces with a custom text, or not at all, and removes its region on unmount', () => {
    const store = createAgentStore({ throttleMs: 0 });
    const { rerender, unmount } = render(<ToolCallList stream={handleOf(store)} announce={(call) => `${call.name} is ${call.status}`} />);
    act(() => store.dispatch([ev.toolUse('t1', 'search'), ev.toolResult('t1')]));
    expect(announcer()?.textContent).toBe('search is done');
    rerender(<ToolCallList stream={handleOf(store)} announce={false} />);
    expect(announcer()).toBeNull();
    rerender(<ToolCallList stream={handleOf(store)} />);
    expect(announcer()).not.toBeNull();
    unmount();
    expect(announcer()).toBeNull();
  });

  it('does not re-render while only tokens arrive, and re-renders when a call changes', () => {
    // No interval ticks: the running call's live duration would otherwise commit inside the profiler.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.toolUse('t1', 'search'), ev.toolUse('t2', 'fetch')]);
    const onRender = vi.fn();
    render(
      <AgentStreamProvider value={handleOf(store)}>
        <Profiler id="tools" onRender={onRender}>
          <ToolCallList />
        </Profiler>
      </AgentStreamProvider>,
    );
    const afterMount = onRender.mock.calls.length;
    const published = vi.fn();
    store.subscribe(published);
    act(() => {
      for (let i = 0; i < 50; i++) store.dispatch(ev.token(`t${i} `));
      store.dispatch(ev.thinking('hmm'));
      store.dispatch(ev.token('more'));
    });
    expect(published).toHaveBeenCalledTimes(52);
    expect(onRender).toHaveBeenCalledTimes(afterMount);

    act(() => store.dispatch(ev.toolResult('t1')));
    expect(onRender).toHaveBeenCalledTimes(afterMount + 1);
    expect(screen.getAllByRole('listitem')[0]!.getAttribute('data-status')).toBe('done');
  });
});
