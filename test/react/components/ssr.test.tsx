// @vitest-environment jsdom
import { act } from '@testing-library/react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { AgentStreamProvider } from '../../../src/react/context';
import { CostMeter } from '../../../src/react/components/cost-meter';
import { MessageList } from '../../../src/react/components/message-list';
import { MessageText } from '../../../src/react/components/message-text';
import { ToolCallList } from '../../../src/react/components/tool-call-list';
import { ToolTimeline } from '../../../src/react/components/tool-timeline';
import { useAgentStream } from '../../../src/react/use-agent-stream';
import type { Message } from '../../../src/core/state';
import { ev } from '../../helpers/events';

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
});

const content = (message: Message) => <MessageText message={message} />;

function Chat({ store, clock }: { store: AgentStore; clock: () => number }) {
  const stream = useAgentStream(null, { store });
  return (
    <AgentStreamProvider value={stream}>
      <MessageList />
      <MessageList aria-label="Plain text">{content}</MessageList>
      <ToolTimeline locale="en-US" clock={clock} />
      <CostMeter locale="en-US" />
      <CostMeter locale="en-US" compact messageId="msg_2" />
    </AgentStreamProvider>
  );
}

/** A conversation on a fixed clock: a finished first run, and a second run left as `finish` says. */
function serverStore(finish: boolean): AgentStore {
  let time = 1000;
  const store = createAgentStore({ now: () => time });
  store.dispatch([
    { type: 'client/user-message', text: 'Find <b>cats</b>' },
    { type: 'client/run-start' },
    ev.thinking('Cats live everywhere.'),
    ev.toolUse('t1', 'search', 'cats'),
  ]);
  time = 1600;
  store.dispatch([ev.toolResult('t1', { outputSummary: '3 hits', durationMs: 550 }), ev.token('Found 3 <i>cats</i>.'), ev.turn(2), ev.creation('file', 1)]);
  time = 2000;
  store.dispatch([ev.usage({ inputTokens: 12_345, outputTokens: 678, totalCostUsd: 0.0031 }), ev.done({ totalCostUsd: 0.0031 })]);
  store.dispatch([{ type: 'client/user-message', text: 'More' }, { type: 'client/run-start' }, ev.token('Looking')]);
  time = 2200;
  store.dispatch(ev.toolUse('t2', 'fetch'));
  if (finish) {
    time = 2600;
    store.dispatch([ev.toolResult('t2'), ev.error('warn', 'Partial data'), ev.done()]);
  }
  return store;
}

/** `html` as the browser serialises it (`<hr>` for `<hr/>`, lower-case attribute names). */
function parsed(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.innerHTML;
}

/** Renders on the "server", then hydrates the HTML with a store started from the same state. */
function serverRenderThenHydrate(finish: boolean, clientStore?: AgentStore) {
  const server = serverStore(finish);
  // Spied from the server render on: React 18 warns there about a layout effect.
  const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => {});
  // The server's clock and the browser's disagree, as they do in life.
  const html = renderToString(<Chat store={server} clock={() => 2500} />);
  const client = clientStore ?? createAgentStore({ initialState: server.getSnapshot() });
  container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const recoverable: unknown[] = [];
  act(() => {
    root = hydrateRoot(container as HTMLElement, <Chat store={client} clock={() => 3000} />, {
      onRecoverableError: (error) => recoverable.push(error),
    });
  });
  return { html, client, problems: [...consoleErrors.mock.calls.map((args) => String(args[0])), ...recoverable.map(String)] };
}

describe('server rendering and hydration', () => {
  it('hydrates a finished conversation without a mismatch and keeps the markup', () => {
    const { html, problems } = serverRenderThenHydrate(true);
    expect(problems).toEqual([]);
    expect(container?.innerHTML).toBe(parsed(html));
    // The server markup is the real thing, not an empty shell.
    expect(html).toContain('role="log"');
    expect(html).toContain('Find &lt;b&gt;cats&lt;/b&gt;');
    expect(html).toContain('--offset:0.3333;--width:0.6667');
    expect(html).toContain('$0.0031');
    expect(html).toContain('12,345');
  });

  it('hydrates a run in progress without a mismatch, then goes live', () => {
    const { html, client, problems } = serverRenderThenHydrate(false);
    expect(problems).toEqual([]);
    // The running call had no width on the server (no shared clock); after mount it reaches now.
    expect(html).toContain('data-status="running" data-offset="1" data-width="0"');
    const running = container?.querySelector('ol li[data-status="running"]');
    expect(running?.getAttribute('data-offset')).toBe('0.2');
    expect(running?.getAttribute('data-width')).toBe('0.8');

    act(() => client.dispatch([ev.token(' done.'), ev.done()]));
    expect(container?.querySelector('[role="status"]')?.textContent).toBe('Looking done.');
  });

  it('reports a mismatch when the client state differs (the check can fail)', () => {
    const other = createAgentStore();
    other.dispatch([ev.token('Something else'), ev.done()]);
    const { problems } = serverRenderThenHydrate(true, other);
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('a running tool call across server and client', () => {
  it('hydrates its live duration without a mismatch, then ticks', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(10_000);
      const store = createAgentStore();
      store.dispatch(ev.toolUse('t1', 'search', 'q=cats'));
      const list = (s: AgentStore) => (
        <AgentStreamProvider value={{ store: s, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() }}>
          <ToolCallList />
        </AgentStreamProvider>
      );
      const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const html = renderToString(list(store));
      // The browser's clock is 5 s ahead of the server's when it hydrates.
      vi.setSystemTime(15_000);
      container = document.createElement('div');
      container.innerHTML = html;
      document.body.append(container);
      const recoverable: unknown[] = [];
      act(() => {
        root = hydrateRoot(container as HTMLElement, list(createAgentStore({ initialState: store.getSnapshot() })), {
          onRecoverableError: (error) => recoverable.push(error),
        });
      });
      expect([...consoleErrors.mock.calls, ...recoverable]).toEqual([]);
      expect(container.querySelector('time')?.textContent).toBe('5.0 sec');
    } finally {
      vi.useRealTimers();
    }
  });
});
