// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import type { Message, TimelineItem } from '../../../src/core/state';
import { AgentStreamProvider } from '../../../src/react/context';
import { MessageList } from '../../../src/react/components/message-list';
import { ev } from '../../helpers/events';

afterEach(cleanup);

const handle = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

const articles = () => screen.getAllByRole('article');
const announcer = () => screen.getByRole('status');

function parts(article: HTMLElement): string[] {
  return [...article.children].map((child) => `${child.getAttribute('data-part')}:${child.textContent}`);
}

/** A finished first run: a user message, then an assistant reply. */
function storeWithHistory(): AgentStore {
  const store = createAgentStore();
  store.dispatch([{ type: 'client/user-message', text: 'Hi' }, { type: 'client/run-start' }, ev.token('Hello'), ev.done()]);
  return store;
}

describe('MessageList', () => {
  it('renders a log of articles with their role and status', () => {
    const store = storeWithHistory();
    render(<MessageList stream={handle(store)} />);
    const log = screen.getByRole('log');
    expect(log.tagName).toBe('DIV');
    expect(log.getAttribute('aria-label')).toBe('Conversation');
    expect(log.getAttribute('data-state')).toBe('settled');
    const [user, assistant] = articles();
    expect(user?.getAttribute('data-role')).toBe('user');
    expect(user?.getAttribute('aria-label')).toBe('You');
    expect(user?.textContent).toBe('Hi');
    expect(assistant?.getAttribute('data-role')).toBe('assistant');
    expect(assistant?.getAttribute('data-status')).toBe('complete');
    expect(assistant?.getAttribute('aria-label')).toBe('Assistant');
    expect(assistant?.getAttribute('aria-busy')).toBe('false');
  });

  it('interleaves parts in arrival order with default markup', () => {
    const store = createAgentStore();
    store.dispatch([
      ev.thinking('hmm'),
      ev.token('Let me look. '),
      ev.toolUse('t1', 'search', 'cats'),
      ev.toolResult('t1'),
      ev.token('Found it.'),
      ev.error('rate_limit', 'Slow down'),
      ev.creation('file', 2),
      ev.turn(2),
      ev.custom('x-note', { a: 1 }),
      ev.done(),
    ]);
    render(<MessageList stream={handle(store)} />);
    const [assistant] = articles();
    expect(parts(assistant as HTMLElement)).toEqual([
      'thinking:Thinking complete',
      'text:Let me look. ',
      'tool:search done',
      'text:Found it.',
      'error:Slow down',
      'creation:file 2',
      'turn:',
    ]);
    expect(assistant?.querySelector('[data-part="tool"]')?.getAttribute('data-status')).toBe('done');
    expect(assistant?.querySelector('hr')?.getAttribute('data-turn')).toBe('2');
  });

  it('exposes streaming state on the log and the article', () => {
    const store = createAgentStore();
    render(<MessageList stream={handle(store)} />);
    expect(screen.getByRole('log').getAttribute('data-state')).toBe('empty');
    act(() => store.dispatch(ev.token('Hel')));
    expect(screen.getByRole('log').getAttribute('data-state')).toBe('streaming');
    const [assistant] = articles();
    expect(assistant?.getAttribute('data-status')).toBe('streaming');
    expect(assistant?.getAttribute('aria-busy')).toBe('true');
    act(() => store.dispatch({ type: 'client/run-end', reason: 'interrupted' }));
    expect(assistant?.getAttribute('data-status')).toBe('interrupted');
    expect(screen.getByRole('log').getAttribute('data-state')).toBe('settled');
  });

  it('updates a tool part live while its message streams', () => {
    const store = createAgentStore();
    store.dispatch(ev.toolUse('t1', 'fetch'));
    render(<MessageList stream={handle(store)} />);
    const tool = () => articles()[0]?.querySelector('[data-part="tool"]');
    expect(tool()?.textContent).toBe('fetch running');
    act(() => store.dispatch(ev.toolResult('t1', { error: true })));
    expect(tool()?.getAttribute('data-status')).toBe('error');
  });

  it('keeps token announcements out of the live region and announces a reply once it settles', () => {
    const store = storeWithHistory();
    render(<MessageList stream={handle(store)} />);
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('off');
    const status = announcer();
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.getAttribute('aria-atomic')).toBe('true');
    expect(log.contains(status)).toBe(true);
    // History present at mount is not read out again.
    expect(status.textContent).toBe('');

    act(() => store.dispatch([{ type: 'client/user-message', text: 'More' }, { type: 'client/run-start' }]));
    for (const word of ['One ', 'two ', 'three.']) {
      act(() => store.dispatch(ev.token(word)));
      expect(status.textContent).toBe('');
    }
    act(() => store.dispatch(ev.done()));
    expect(status.textContent).toBe('One two three.');
  });

  it('announces an interrupted reply with the text it got', () => {
    const store = createAgentStore();
    store.dispatch(ev.token('Half'));
    render(<MessageList stream={handle(store)} />);
    act(() => store.dispatch({ type: 'client/run-end', reason: 'interrupted' }));
    expect(announcer().textContent).toBe('Half');
  });

  it('renders agent markup in a text part as text', () => {
    const store = createAgentStore();
    store.dispatch([ev.token('<img src=x onerror="window.__pwned=1">'), ev.done()]);
    render(<MessageList stream={handle(store)} />);
    expect(document.querySelector('img')).toBeNull();
    expect(articles()[0]?.textContent).toBe('<img src=x onerror="window.__pwned=1">');
  });

  it('does not re-render a settled message while tokens stream into the next', () => {
    const store = storeWithHistory();
    const renders = new Map<string, number>();
    // Module-stable in spirit: one function for the whole test, as the docs ask.
    const content = (message: Message) => {
      renders.set(message.id, (renders.get(message.id) ?? 0) + 1);
      return message.text;
    };
    render(<MessageList stream={handle(store)}>{content}</MessageList>);
    act(() => store.dispatch([{ type: 'client/user-message', text: 'Again' }, { type: 'client/run-start' }]));
    const [firstUser, firstReply, , streamingId] = store.getSnapshot().messages.ids as [string, string, string, string];
    const before = { user: renders.get(firstUser), reply: renders.get(firstReply), streaming: renders.get(streamingId) ?? 0 };
    for (let i = 0; i < 20; i++) act(() => store.dispatch(ev.token(`t${i} `)));
    expect(renders.get(firstUser)).toBe(before.user);
    expect(renders.get(firstReply)).toBe(before.reply);
    expect(renders.get(streamingId)).toBeGreaterThanOrEqual(before.streaming + 20);
    expect(articles()[3]?.textContent).toContain('t19');
  });

  it('does not call renderPart for a settled message while the next one streams', () => {
    const store = storeWithHistory();
    const calls = new Map<string, number>();
    const renderPart = (_part: TimelineItem, message: Message) => {
      calls.set(message.id, (calls.get(message.id) ?? 0) + 1);
      return undefined;
    };
    render(<MessageList stream={handle(store)} renderPart={renderPart} />);
    const settledId = store.getSnapshot().messages.ids[1] as string;
    const before = calls.get(settledId);
    expect(before).toBe(1);
    act(() => store.dispatch({ type: 'client/run-start' }));
    for (let i = 0; i < 10; i++) act(() => store.dispatch(ev.token('x')));
    expect(calls.get(settledId)).toBe(before);
  });

  it('uses renderPart where it returns something, the default where it returns undefined', () => {
    const store = createAgentStore();
    store.dispatch([ev.token('a'), ev.toolUse('t1', 'search'), ev.token('b'), ev.custom('x', 1), ev.done()]);
    const renderPart = (part: TimelineItem, _message: Message, index: number) => {
      if (part.kind === 'tool') return <em data-plugged={part.id}>tool {index}</em>;
      if (part.kind === 'custom') return <strong>custom</strong>;
      if (part.kind === 'text' && index === 2) return null;
      return undefined;
    };
    render(<MessageList stream={handle(store)} renderPart={renderPart} />);
    const [assistant] = articles();
    expect(assistant?.innerHTML).toBe('<div data-part="text">a</div><em data-plugged="t1">tool 1</em><strong>custom</strong>');
  });

  it('gives its render prop each message for the article content', () => {
    const store = storeWithHistory();
    render(<MessageList stream={handle(store)}>{(message) => `${message.role}: ${message.text}`}</MessageList>);
    expect(articles().map((article) => article.textContent)).toEqual(['user: Hi', 'assistant: Hello']);
    expect(articles()[1]?.getAttribute('data-status')).toBe('complete');
  });

  it('reads the stream from context and labels roles as asked', () => {
    const store = storeWithHistory();
    render(
      <AgentStreamProvider value={handle(store)}>
        <MessageList roleLabels={{ user: 'Du', assistant: 'Assistent' }} />
      </AgentStreamProvider>,
    );
    expect(articles().map((article) => article.getAttribute('aria-label'))).toEqual(['Du', 'Assistent']);
  });

  it('forwards its ref and lets props override its own', () => {
    const store = storeWithHistory();
    const ref = createRef<HTMLDivElement>();
    render(<MessageList ref={ref} stream={handle(store)} aria-label="Chat with the agent" className="chat" data-state="mine" />);
    expect(ref.current).toBe(screen.getByRole('log'));
    expect(ref.current?.getAttribute('aria-label')).toBe('Chat with the agent');
    expect(ref.current?.className).toBe('chat');
    expect(ref.current?.getAttribute('data-state')).toBe('mine');
  });

  it('throws a clear error without a stream', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const quiet = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', quiet);
    expect(() => render(<MessageList />)).toThrow('<MessageList> needs a stream');
    window.removeEventListener('error', quiet);
  });
});
