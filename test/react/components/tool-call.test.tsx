// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToolCall as ToolCallData } from '../../../src/core/state';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { AgentStreamProvider } from '../../../src/react/context';
import { ToolCall } from '../../../src/react/components/tool-call';
import { ev } from '../../helpers/events';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** React 18 reports a render error on window as well as rethrowing it; keep the output quiet. */
function silenceRenderErrors() {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', quiet);
  return () => window.removeEventListener('error', quiet);
}

const handleOf = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

function makeCall(overrides: Partial<ToolCallData> = {}): ToolCallData {
  return {
    id: 't1',
    name: 'search',
    inputSummary: 'cats',
    argsText: '',
    args: null,
    outputSummary: '3 results',
    output: null,
    errorText: null,
    status: 'done',
    durationMs: 1234,
    startedAt: 1000,
    endedAt: 2234,
    messageId: 'msg_1',
    turn: null,
    raw: {},
    ...overrides,
  };
}

describe('ToolCall.Root', () => {
  it('renders an li with data-status and the default parts as text', () => {
    render(<ToolCall.Root call={makeCall()} />);
    const item = screen.getByRole('listitem');
    expect(item.getAttribute('data-status')).toBe('done');
    expect(item.textContent).toBe('search done cats 3 results 1.2 sec');
    const time = item.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe('PT1.234S');
  });

  it('forwards its ref and spreads props after its own, so data-status can be overridden', () => {
    const ref = createRef<HTMLLIElement>();
    render(<ToolCall.Root call={makeCall()} ref={ref} className="tool" data-status="custom" aria-label="search call" />);
    expect(ref.current?.tagName).toBe('LI');
    expect(ref.current?.className).toBe('tool');
    expect(ref.current?.getAttribute('data-status')).toBe('custom');
    expect(ref.current?.getAttribute('aria-label')).toBe('search call');
  });

  it('passes the call state to a render prop', () => {
    const seen = vi.fn(() => 'custom');
    render(<ToolCall.Root call={makeCall({ status: 'running' })}>{seen}</ToolCall.Root>);
    expect(seen).toHaveBeenCalledWith(expect.objectContaining({ status: 'running', isSettled: false }));
    expect(screen.getByRole('listitem').textContent).toBe('custom');
  });

  it('follows a call by id in the stream and renders nothing until it exists', () => {
    const store = createAgentStore({ throttleMs: 0 });
    const { container } = render(
      <AgentStreamProvider value={handleOf(store)}>
        <ul>
          <ToolCall.Root id="t9">
            <ToolCall.Status />
          </ToolCall.Root>
        </ul>
      </AgentStreamProvider>,
    );
    expect(container.querySelector('li')).toBeNull();
    act(() => store.dispatch(ev.toolUse('t9', 'fetch')));
    expect(screen.getByRole('listitem').getAttribute('data-status')).toBe('running');
    act(() => store.dispatch(ev.toolResult('t9', { toolName: 'fetch', error: true, outputSummary: '404' })));
    expect(screen.getByRole('listitem').textContent).toBe('failed');
  });

  it('reads the stream prop without a provider', () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch(ev.toolUse('t1', 'search', 'q'));
    render(<ToolCall.Root id="t1" stream={handleOf(store)} />);
    expect(screen.getByRole('listitem').getAttribute('data-status')).toBe('running');
  });

  it('throws without a call or an id', () => {
    const restore = silenceRenderErrors();
    expect(() => render(<ToolCall.Root />)).toThrow('`ToolCall.Root` needs a `call` or an `id`');
    restore();
  });
});

describe('ToolCall parts', () => {
  it.each([
    ['Name', <ToolCall.Name key="n" />],
    ['Status', <ToolCall.Status key="s" />],
    ['Input', <ToolCall.Input key="i" />],
    ['Output', <ToolCall.Output key="o" />],
    ['Duration', <ToolCall.Duration key="d" />],
  ])('`ToolCall.%s` throws outside its root', (part, element) => {
    const restore = silenceRenderErrors();
    expect(() => render(element)).toThrow(`\`ToolCall.${part}\` must be used within \`ToolCall.Root\``);
    restore();
  });

  it('forward refs, spread props and take render props', () => {
    const name = createRef<HTMLSpanElement>();
    const status = createRef<HTMLSpanElement>();
    const input = createRef<HTMLSpanElement>();
    const duration = createRef<HTMLTimeElement>();
    render(
      <ToolCall.Root call={makeCall({ inputSummary: '', argsText: '{"q":"ca' })}>
        <ToolCall.Name ref={name} id="n">
          {(call) => call.name.toUpperCase()}
        </ToolCall.Name>
        <ToolCall.Status ref={status} labels={{ done: 'fini' }} />
        <ToolCall.Input ref={input} />
        <ToolCall.Duration ref={duration} format={(ms) => `${ms}ms`} dateTime="override" />
      </ToolCall.Root>,
    );
    expect(name.current?.id).toBe('n');
    expect(name.current?.textContent).toBe('SEARCH');
    expect(status.current?.textContent).toBe('fini');
    expect(status.current?.getAttribute('data-status')).toBe('done');
    expect(input.current?.textContent).toBe('{"q":"ca');
    expect(duration.current?.textContent).toBe('1234ms');
    expect(duration.current?.getAttribute('datetime')).toBe('override');
  });

  it.each([
    ['streaming-args', 'preparing'],
    ['ready', 'ready'],
    ['running', 'running'],
    ['done', 'done'],
    ['error', 'failed'],
    ['denied', 'denied'],
    ['interrupted', 'interrupted'],
  ] as const)('Status shows %s as the word "%s" and is not a live region', (status, word) => {
    render(
      <ToolCall.Root call={makeCall({ status })}>
        <ToolCall.Status data-testid="status" />
      </ToolCall.Root>,
    );
    const element = screen.getByTestId('status');
    expect(element.textContent).toBe(word);
    expect(element.getAttribute('aria-live')).toBeNull();
    expect(element.getAttribute('role')).toBeNull();
  });
});

describe('ToolCall.Output', () => {
  it('shows the error message of a failed call with data-error', () => {
    render(
      <ToolCall.Root call={makeCall({ status: 'error', outputSummary: 'boom', errorText: 'boom' })}>
        <ToolCall.Output data-testid="out" />
      </ToolCall.Root>,
    );
    const out = screen.getByTestId('out');
    expect(out.textContent).toBe('boom');
    expect(out.hasAttribute('data-error')).toBe(true);
    expect(out.hasAttribute('data-state')).toBe(false);
  });

  it('collapses a long output behind a disclosure button and renders the full text only when expanded', () => {
    const long = 'a'.repeat(2500) + 'THE-END';
    const onExpandedChange = vi.fn();
    render(
      <ToolCall.Root call={makeCall({ outputSummary: long })}>
        <ToolCall.Output data-testid="out" onExpandedChange={onExpandedChange} />
      </ToolCall.Root>,
    );
    const out = screen.getByTestId('out');
    const button = screen.getByRole('button', { name: 'Show all (2,507 characters)' });
    expect(out.getAttribute('data-state')).toBe('collapsed');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    const content = document.getElementById(button.getAttribute('aria-controls')!);
    expect(content?.textContent).toBe('a'.repeat(2000) + '…');
    expect(out.textContent).not.toContain('THE-END');

    fireEvent.click(button);
    expect(onExpandedChange).toHaveBeenCalledWith(true);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.textContent).toBe('Show less');
    expect(out.getAttribute('data-state')).toBe('expanded');
    expect(content?.textContent).toBe(long);
  });

  it('honours collapseAt, a controlled expanded prop and never splits a surrogate pair', () => {
    const text = 'ab😀cdef';
    const onExpandedChange = vi.fn();
    render(
      <ToolCall.Root call={makeCall({ outputSummary: text })}>
        <ToolCall.Output data-testid="out" collapseAt={3} expanded={false} onExpandedChange={onExpandedChange} />
      </ToolCall.Root>,
    );
    expect(screen.getByTestId('out').firstChild?.textContent).toBe('ab…');
    fireEvent.click(screen.getByRole('button'));
    expect(onExpandedChange).toHaveBeenCalledWith(true);
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');
  });

  it('gives a render prop the text and the disclosure state', () => {
    render(
      <ToolCall.Root call={makeCall({ outputSummary: 'x'.repeat(20) })}>
        <ToolCall.Output collapseAt={10}>
          {(state) => (
            <button type="button" aria-controls={state.contentId} onClick={() => state.setExpanded(true)}>
              {state.expanded ? state.text : `${state.isCollapsible} ${state.isError}`}
            </button>
          )}
        </ToolCall.Output>
      </ToolCall.Root>,
    );
    const button = screen.getByRole('button');
    expect(button.textContent).toBe('true false');
    fireEvent.click(button);
    expect(button.textContent).toBe('x'.repeat(20));
  });
});

describe('ToolCall.Duration', () => {
  it('ticks while running and shows the settled duration afterwards', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(10_000);
    const store = createAgentStore({ throttleMs: 0, now: () => Date.now() });
    store.dispatch(ev.toolUse('t1'));
    render(
      <ToolCall.Root id="t1" stream={handleOf(store)}>
        <ToolCall.Duration data-testid="time" />
      </ToolCall.Root>,
    );
    const time = screen.getByTestId('time');
    expect(time.textContent).toBe('0 ms');
    expect(time.hasAttribute('data-live')).toBe(true);
    act(() => vi.advanceTimersByTime(1200));
    expect(time.textContent).toBe('1.2 sec');
    expect(time.getAttribute('datetime')).toBe('PT1.2S');
    act(() => store.dispatch(ev.toolResult('t1', { durationMs: 350 })));
    expect(time.textContent).toBe('350 ms');
    expect(time.hasAttribute('data-live')).toBe(false);
    act(() => vi.advanceTimersByTime(5000));
    expect(time.textContent).toBe('350 ms');
  });

  it('falls back to the interval the client saw, and stays empty when nothing is known', () => {
    const { rerender } = render(
      <ToolCall.Root call={makeCall({ status: 'interrupted', durationMs: null, startedAt: 100, endedAt: 450 })}>
        <ToolCall.Duration data-testid="time" />
      </ToolCall.Root>,
    );
    expect(screen.getByTestId('time').textContent).toBe('350 ms');
    rerender(
      <ToolCall.Root call={makeCall({ status: 'ready', durationMs: null, startedAt: null, endedAt: null })}>
        <ToolCall.Duration data-testid="time">{({ ms, isLive }) => `${ms} ${isLive}`}</ToolCall.Duration>
      </ToolCall.Root>,
    );
    expect(screen.getByTestId('time').textContent).toBe('null false');
    expect(screen.getByTestId('time').hasAttribute('datetime')).toBe(false);
  });
});
