// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { AgentStreamProvider } from '../../../src/react/context';
import { ThinkingBlock } from '../../../src/react/components/thinking-block';
import { ev } from '../../helpers/events';

afterEach(cleanup);

const handleOf = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

/** React 18 reports a render error on window as well as rethrowing it; keep the output quiet. */
function silenceRenderErrors() {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const quiet = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', quiet);
  return () => window.removeEventListener('error', quiet);
}

function streamingStore() {
  const store = createAgentStore({ throttleMs: 0 });
  store.dispatch([ev.thinking('Let me '), ev.thinking('think')]);
  return store;
}

const root = () => screen.getByRole('button').parentElement!;

describe('ThinkingBlock', () => {
  it('renders nothing while the stream has no thinking block', () => {
    const store = createAgentStore({ throttleMs: 0 });
    const { container } = render(<ThinkingBlock stream={handleOf(store)} />);
    expect(container.innerHTML).toBe('');
    act(() => store.dispatch(ev.thinking('hmm')));
    expect(screen.getByRole('region').textContent).toBe('hmm');
  });

  it('is a button controlling a labelled region, open while streaming and closed once complete', () => {
    const store = streamingStore();
    render(
      <AgentStreamProvider value={handleOf(store)}>
        <ThinkingBlock />
      </AgentStreamProvider>,
    );
    const button = screen.getByRole('button', { name: 'Thinking…' });
    const region = screen.getByRole('region', { name: 'Thinking…' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(region.id);
    expect(region.getAttribute('aria-labelledby')).toBe(button.id);
    expect(region.textContent).toBe('Let me think');
    expect(root().getAttribute('data-state')).toBe('open');
    expect(root().getAttribute('data-status')).toBe('streaming');

    act(() => store.dispatch(ev.thinking(' more')));
    expect(region.textContent).toBe('Let me think more');

    act(() => store.dispatch(ev.token('Answer')));
    expect(button.textContent).toBe('Thought process');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(region.hidden).toBe(true);
    expect(root().getAttribute('data-state')).toBe('closed');
    expect(root().getAttribute('data-status')).toBe('complete');
    expect(button.getAttribute('data-state')).toBe('closed');
    expect(region.getAttribute('data-status')).toBe('complete');

    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(region.hidden).toBe(false);
  });

  it('keeps the user’s choice when the block completes', () => {
    const store = streamingStore();
    const onOpenChange = vi.fn();
    render(<ThinkingBlock stream={handleOf(store)} onOpenChange={onOpenChange} />);
    fireEvent.click(screen.getByRole('button'));
    fireEvent.click(screen.getByRole('button'));
    expect(onOpenChange.mock.calls).toEqual([[false], [true]]);
    act(() => store.dispatch(ev.token('Answer')));
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('true');
    expect(onOpenChange).toHaveBeenCalledTimes(2);
  });

  it('follows the latest block, opening again for a new one', () => {
    const store = streamingStore();
    render(<ThinkingBlock stream={handleOf(store)} />);
    act(() => store.dispatch(ev.token('Answer')));
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');
    act(() => store.dispatch(ev.thinking('second thought')));
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('region').textContent).toBe('second thought');
  });

  it('shows one block by id', () => {
    const store = streamingStore();
    const firstId = store.getSnapshot().thinking.ids[0]!;
    store.dispatch([ev.token('Answer'), ev.thinking('second')]);
    render(<ThinkingBlock stream={handleOf(store)} id={firstId} />);
    expect(screen.getByRole('region', { hidden: true }).textContent).toBe('Let me think');
    expect(root().getAttribute('data-status')).toBe('complete');
  });

  it('obeys a controlled open prop and never collapses by itself', () => {
    const store = streamingStore();
    function Controlled() {
      const [open, setOpen] = useState(true);
      return <ThinkingBlock stream={handleOf(store)} open={open} onOpenChange={setOpen} />;
    }
    render(<Controlled />);
    act(() => store.dispatch(ev.token('Answer')));
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');

    const fixed = vi.fn();
    cleanup();
    render(<ThinkingBlock stream={handleOf(store)} open={false} onOpenChange={fixed} />);
    fireEvent.click(screen.getByRole('button'));
    expect(fixed).toHaveBeenCalledWith(true);
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');
  });

  it('starts from defaultOpen', () => {
    const store = streamingStore();
    render(<ThinkingBlock stream={handleOf(store)} defaultOpen={false} />);
    expect(screen.getByRole('button').getAttribute('aria-expanded')).toBe('false');
  });

  it('takes a label, forwards its ref and spreads props after its own', () => {
    const store = streamingStore();
    const ref = createRef<HTMLDivElement>();
    render(<ThinkingBlock stream={handleOf(store)} ref={ref} label={(status) => `Reasoning (${status})`} className="think" data-state="pinned" />);
    expect(ref.current?.className).toBe('think');
    expect(ref.current?.getAttribute('data-state')).toBe('pinned');
    expect(screen.getByRole('button').textContent).toBe('Reasoning (streaming)');
  });

  it('composes parts and render props; a trigger onClick can prevent the toggle', () => {
    const store = streamingStore();
    const trigger = createRef<HTMLButtonElement>();
    const content = createRef<HTMLDivElement>();
    render(
      <ThinkingBlock stream={handleOf(store)}>
        <ThinkingBlock.Content ref={content} className="text">
          {({ block }) => <p>{block.text.toUpperCase()}</p>}
        </ThinkingBlock.Content>
        <ThinkingBlock.Trigger ref={trigger} onClick={(event) => event.preventDefault()}>
          {({ open }) => (open ? 'Hide' : 'Show')}
        </ThinkingBlock.Trigger>
      </ThinkingBlock>,
    );
    expect(content.current?.className).toBe('text');
    expect(content.current?.textContent).toBe('LET ME THINK');
    expect(trigger.current?.textContent).toBe('Hide');
    fireEvent.click(trigger.current!);
    expect(trigger.current?.getAttribute('aria-expanded')).toBe('true');

    cleanup();
    render(
      <ThinkingBlock stream={handleOf(store)}>
        {({ open, setOpen, block }) => (
          <button type="button" onClick={() => setOpen(!open)}>
            {open ? block.text : 'closed'}
          </button>
        )}
      </ThinkingBlock>,
    );
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByRole('button').textContent).toBe('closed');
  });

  it.each([
    ['Trigger', <ThinkingBlock.Trigger key="t" />],
    ['Content', <ThinkingBlock.Content key="c" />],
  ])('`ThinkingBlock.%s` throws outside its root', (part, element) => {
    const restore = silenceRenderErrors();
    expect(() => render(element)).toThrow(`\`ThinkingBlock.${part}\` must be used within \`ThinkingBlock\``);
    restore();
  });
});
