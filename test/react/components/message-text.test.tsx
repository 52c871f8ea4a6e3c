// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import type { Message } from '../../../src/core/state';
import { AgentStreamProvider } from '../../../src/react/context';
import { MessageList } from '../../../src/react/components/message-list';
import { MessageText } from '../../../src/react/components/message-text';
import { ev } from '../../helpers/events';

afterEach(cleanup);

/** React 18 reports a render error on window as well as rethrowing it; keep the output quiet. */
function silenceRenderErrors() {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', quiet);
  return () => window.removeEventListener('error', quiet);
}

const handle = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

function assistantId(store: AgentStore): string {
  const { ids, byId } = store.getSnapshot().messages;
  return ids.find((id) => byId[id]?.role === 'assistant') as string;
}

describe('MessageText', () => {
  it('renders the text of the message it names, live, busy while streaming', () => {
    const store = createAgentStore();
    store.dispatch(ev.token('Hel'));
    const id = assistantId(store);
    render(<MessageText messageId={id} stream={handle(store)} data-testid="text" />);
    const element = screen.getByTestId('text');
    expect(element.tagName).toBe('DIV');
    expect(element.textContent).toBe('Hel');
    expect(element.getAttribute('data-status')).toBe('streaming');
    expect(element.getAttribute('aria-busy')).toBe('true');

    act(() => store.dispatch([ev.token('lo'), ev.done()]));
    expect(element.textContent).toBe('Hello');
    expect(element.getAttribute('data-status')).toBe('complete');
    expect(element.getAttribute('aria-busy')).toBe('false');
  });

  it('shows data-status for interrupted and errored messages', () => {
    const store = createAgentStore();
    store.dispatch([ev.token('cut'), { type: 'client/run-end', reason: 'interrupted' }]);
    render(<MessageText messageId={assistantId(store)} stream={handle(store)} data-testid="text" />);
    expect(screen.getByTestId('text').getAttribute('data-status')).toBe('interrupted');

    const errored = createAgentStore();
    errored.dispatch([ev.token('x'), { type: 'client/run-end', reason: 'error' }]);
    render(<MessageText messageId={assistantId(errored)} stream={handle(errored)} data-testid="errored" />);
    expect(screen.getByTestId('errored').getAttribute('data-status')).toBe('error');
  });

  it('renders agent markup as text and creates no element from it', () => {
    const store = createAgentStore();
    const attack = '<img src=x onerror="window.__pwned=1">';
    store.dispatch(ev.token(attack));
    render(<MessageText messageId={assistantId(store)} stream={handle(store)} data-testid="text" />);
    const element = screen.getByTestId('text');
    expect(element.textContent).toBe(attack);
    expect(element.children).toHaveLength(0);
    expect(document.querySelector('img')).toBeNull();
  });

  it('renders a message object without any stream', () => {
    const store = createAgentStore();
    store.dispatch([ev.token('given'), ev.done()]);
    const message = store.getSnapshot().messages.byId[assistantId(store)] as Message;
    render(<MessageText message={message} data-testid="text" />);
    expect(screen.getByTestId('text').textContent).toBe('given');
  });

  it('renders nothing until the named message exists', () => {
    const store = createAgentStore();
    const { container } = render(<MessageText messageId="msg_1" stream={handle(store)} />);
    expect(container.innerHTML).toBe('');
    act(() => store.dispatch(ev.token('now')));
    expect(container.textContent).toBe('now');
  });

  it('reads the message of the enclosing MessageList item', () => {
    const store = createAgentStore();
    store.dispatch([ev.token('in a list'), ev.done()]);
    render(
      <AgentStreamProvider value={handle(store)}>
        <MessageList>{() => <MessageText data-testid="text" />}</MessageList>
      </AgentStreamProvider>,
    );
    expect(screen.getByTestId('text').textContent).toBe('in a list');
  });

  it('throws a clear error outside a MessageList item without a message', () => {
    const restore = silenceRenderErrors();
    expect(() => render(<MessageText />)).toThrow('`MessageText` must be used within `MessageList` (or given a `message` or `messageId`)');
    restore();
  });

  it('throws a clear error when a messageId has no stream to read', () => {
    const restore = silenceRenderErrors();
    expect(() => render(<MessageText messageId="msg_1" />)).toThrow('<MessageText> needs a stream');
    restore();
  });

  it('forwards its ref and lets props override its own attributes', () => {
    const store = createAgentStore();
    store.dispatch(ev.token('x'));
    const ref = createRef<HTMLDivElement>();
    render(<MessageText ref={ref} messageId={assistantId(store)} stream={handle(store)} className="bubble" aria-busy={false} data-status="custom" />);
    expect(ref.current).toBeInstanceOf(HTMLDivElement);
    expect(ref.current?.className).toBe('bubble');
    expect(ref.current?.getAttribute('aria-busy')).toBe('false');
    expect(ref.current?.getAttribute('data-status')).toBe('custom');
  });

  it('gives its render prop the message, text and status', () => {
    const store = createAgentStore();
    store.dispatch(ev.token('abc'));
    render(
      <MessageText messageId={assistantId(store)} stream={handle(store)} data-testid="text">
        {({ message, text, status, isStreaming }) => `${message.role}:${text}:${status}:${isStreaming}`}
      </MessageText>,
    );
    expect(screen.getByTestId('text').textContent).toBe('assistant:abc:streaming:true');
  });
});
