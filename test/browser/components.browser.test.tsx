import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { AgentState, ToolCallStatus } from '../../src/core/state';
import { createAgentStore, type AgentStore } from '../../src/core/store';
import { CostMeter } from '../../src/react/components/cost-meter';
import { MessageList } from '../../src/react/components/message-list';
import { ProgressBar } from '../../src/react/components/progress-bar';
import { ThinkingBlock } from '../../src/react/components/thinking-block';
import { ToolCallList } from '../../src/react/components/tool-call-list';
import { ToolTimeline } from '../../src/react/components/tool-timeline';
import { AgentStreamProvider } from '../../src/react/context';
import { ev } from '../helpers/events';

afterEach(() => {
  cleanup();
  document.head.querySelectorAll('style[data-test]').forEach((style) => style.remove());
});

const handleOf = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

function renderWith(store: AgentStore, ui: ReactElement): RenderResult {
  return render(<AgentStreamProvider value={handleOf(store)}>{ui}</AgentStreamProvider>);
}

/** Runs every axe rule that applies to `node` and lists the violations, so a failure names them. */
async function violations(node: Element): Promise<string[]> {
  const result = await axe.run(node);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A store whose clock the test moves. */
function clockedStore() {
  let time = 0;
  const clock = () => time;
  const store = createAgentStore({ throttleMs: 0, now: clock });
  return { store, clock, at: (ms: number) => (time = ms) };
}

const LONG_OUTPUT = 'result line. '.repeat(300);

/**
 * Calls in every status: the native protocol reaches running, done, error and interrupted; the
 * other three come from adapters, so they are set on a copy of a real store's state.
 */
function toolCallStore(): AgentStore {
  const events = createAgentStore({ throttleMs: 0 });
  events.dispatch([
    ev.toolUse('old', 'fetch', 'https://example.com'),
    ev.done(),
    { type: 'client/run-start' },
    ev.toolUse('args', 'write', 'draft'),
    ev.toolUse('ready', 'confirm'),
    ev.toolUse('denied', 'delete', 'all files'),
    ev.toolUse('ok', 'search', 'cats'),
    ev.toolResult('ok', { outputSummary: LONG_OUTPUT, durationMs: 1200 }),
    ev.toolUse('bad', 'read', 'missing.txt'),
    ev.toolResult('bad', { outputSummary: 'ENOENT: no such file', error: true, durationMs: 40 }),
    ev.toolUse('busy', 'compile', 'src'),
  ]);
  const state = events.getSnapshot();
  const overrides: Record<string, ToolCallStatus> = { args: 'streaming-args', ready: 'ready', denied: 'denied' };
  const byId = { ...state.toolCalls.byId };
  for (const [id, status] of Object.entries(overrides)) byId[id] = { ...byId[id]!, status };
  const initialState: AgentState = { ...state, toolCalls: { ...state.toolCalls, byId } };
  return createAgentStore({ throttleMs: 0, initialState });
}

describe('axe finds no violations', () => {
  it('in ToolCallList, with calls in every status and a long output collapsed then expanded', async () => {
    const { container, getByRole } = renderWith(toolCallStore(), <ToolCallList aria-label="Tool calls" />);
    const statuses = [...container.querySelectorAll('li')].map((li) => li.dataset.status);
    expect(statuses.sort()).toEqual(['denied', 'done', 'error', 'interrupted', 'ready', 'running', 'streaming-args']);
    const toggle = getByRole('button', { name: /^Show all/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await violations(container)).toEqual([]);

    act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(container.textContent).toContain(LONG_OUTPUT);
    expect(await violations(container)).toEqual([]);
  });

  it('in ThinkingBlock, streaming, complete and toggled open', async () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([ev.thinking('Let me '), ev.thinking('weigh the options')]);
    const { container, getByRole } = renderWith(store, <ThinkingBlock />);
    const trigger = getByRole('button');
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(await violations(container)).toEqual([]);

    act(() => store.dispatch(ev.token('Answer')));
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    expect(trigger.dataset.status).toBe('complete');
    expect(await violations(container)).toEqual([]);

    act(() => trigger.click());
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    expect(getByRole('region', { name: 'Thought process' }).textContent).toBe('Let me weigh the options');
    expect(await violations(container)).toEqual([]);
  });

  it('in ProgressBar, idle, indeterminate, with sub-progress and complete', async () => {
    const store = createAgentStore({ throttleMs: 0 });
    const { container, getByRole } = renderWith(store, <ProgressBar />);
    const bar = getByRole('progressbar', { name: 'Progress' });
    expect(bar.dataset.state).toBe('idle');
    expect(await violations(container)).toEqual([]);

    act(() => store.dispatch({ type: 'progress', data: { step: 'plan', percentage: null, message: 'Planning' } }));
    expect(bar.hasAttribute('data-indeterminate')).toBe(true);
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(await violations(container)).toEqual([]);

    act(() =>
      store.dispatch({
        type: 'progress',
        data: { step: 'interviews', percentage: 30, message: 'Reading', subProgress: { current: 3, total: 10, itemTitle: 'Interview 3' } },
      }),
    );
    expect(bar.getAttribute('aria-valuetext')).toBe('Reading, 3 of 10: Interview 3');
    expect(await violations(container)).toEqual([]);

    act(() => store.dispatch(ev.progress('report', 100, 'Done')));
    expect(bar.dataset.state).toBe('complete');
    expect(await violations(container)).toEqual([]);
  });

  it('in MessageList, with a settled exchange and a streaming reply', async () => {
    const store = createAgentStore({ throttleMs: 0 });
    store.dispatch([{ type: 'client/user-message', text: 'Find cats' }, { type: 'client/run-start' }, ev.token('Three cats.'), ev.done()]);
    const { container, getAllByRole } = renderWith(store, <MessageList />);
    expect(await violations(container)).toEqual([]);

    act(() =>
      store.dispatch([
        { type: 'client/user-message', text: 'And dogs?' },
        { type: 'client/run-start' },
        ev.thinking('Searching'),
        ev.toolUse('t1', 'search', 'dogs'),
        ev.toolResult('t1', { outputSummary: '2 hits' }),
        ev.token('Two '),
      ]),
    );
    const articles = getAllByRole('article');
    expect(articles.map((article) => [article.dataset.role, article.dataset.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'streaming'],
    ]);
    expect(articles[3]!.getAttribute('aria-busy')).toBe('true');
    expect(await violations(container)).toEqual([]);
  });

  it('in CostMeter, empty, partial and complete', async () => {
    const store = createAgentStore({ throttleMs: 0 });
    const { container } = renderWith(store, <CostMeter locale="en-US" aria-label="Usage" />);
    const meter = container.querySelector('dl')!;
    expect(meter.dataset.state).toBe('empty');
    expect(await violations(container)).toEqual([]);

    act(() => store.dispatch(ev.usage({ inputTokens: 1200 })));
    expect(meter.dataset.state).toBe('partial');
    expect(await violations(container)).toEqual([]);

    act(() => store.dispatch(ev.usage({ outputTokens: 300, totalCostUsd: 0.0031 })));
    expect(meter.dataset.state).toBe('complete');
    expect(meter.textContent).toContain('$0.0031');
    expect(await violations(container)).toEqual([]);
  });

  it('in ToolTimeline, running and settled', async () => {
    const { store, clock, at } = clockedStore();
    store.dispatch({ type: 'client/run-start' });
    at(100);
    store.dispatch(ev.toolUse('a', 'search'));
    at(300);
    store.dispatch(ev.toolUse('b', 'fetch'));
    at(500);
    const { container } = renderWith(store, <ToolTimeline aria-label="Tool calls over time" clock={clock} locale="en-US" />);
    const list = container.querySelector('ol')!;
    expect(list.dataset.state).toBe('running');
    expect(await violations(container)).toEqual([]);

    act(() => {
      at(600);
      store.dispatch(ev.toolResult('a', { durationMs: null }));
      at(900);
      store.dispatch([ev.toolResult('b', { durationMs: null }), ev.done()]);
    });
    expect(list.dataset.state).toBe('settled');
    expect(await violations(container)).toEqual([]);
  });
});

describe('keyboard', () => {
  it('toggles the ThinkingBlock trigger and the ToolCall.Output button with Tab, Enter and Space', async () => {
    const store = toolCallStore();
    store.dispatch([ev.thinking('Considering'), ev.token('Done thinking')]);
    const { getByRole } = renderWith(
      store,
      <>
        <ThinkingBlock />
        <ToolCallList aria-label="Tool calls" />
      </>,
    );
    const trigger = getByRole('button', { name: 'Thought process' });
    const expand = getByRole('button', { name: /^Show all/ });
    expect(trigger.getAttribute('aria-expanded')).toBe('false');

    await userEvent.tab();
    expect(document.activeElement).toBe(trigger);
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => trigger.getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard(' ');
    await expect.poll(() => trigger.getAttribute('aria-expanded')).toBe('false');

    await userEvent.tab();
    expect(document.activeElement).toBe(expand);
    expect(expand.getAttribute('aria-expanded')).toBe('false');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => expand.getAttribute('aria-expanded')).toBe('true');
    expect(expand.textContent).toBe('Show less');
    expect(document.activeElement).toBe(expand);
    await userEvent.keyboard(' ');
    await expect.poll(() => expand.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('layout', () => {
  it('gives ToolTimeline rows --offset and --width equal to data-offset and data-width, and they lay out', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = `
      ol[data-test-timeline] { width: 400px; margin: 0; padding: 0; list-style: none; }
      ol[data-test-timeline] li { box-sizing: border-box; padding: 0; height: 8px; overflow: hidden;
        margin-left: calc(var(--offset) * 100%); width: calc(var(--width) * 100%); }`;
    document.head.append(style);

    const { store, clock, at } = clockedStore();
    store.dispatch({ type: 'client/run-start' });
    at(100);
    store.dispatch(ev.toolUse('a', 'search'));
    at(250);
    store.dispatch(ev.toolUse('b', 'fetch'));
    at(500);
    store.dispatch(ev.toolResult('a', { durationMs: null }));
    at(800);
    store.dispatch([ev.toolResult('b', { durationMs: null }), ev.done()]);
    const { container } = renderWith(store, <ToolTimeline data-test-timeline="" clock={clock} aria-label="Tool calls over time" />);

    const list = container.querySelector('ol')!;
    const rows = [...list.querySelectorAll('li')];
    expect(rows.map((row) => [row.dataset.offset, row.dataset.width])).toEqual([
      ['0.125', '0.5'],
      ['0.3125', '0.6875'],
    ]);
    const left = list.getBoundingClientRect().left;
    for (const row of rows) {
      const computed = getComputedStyle(row);
      const offset = Number(computed.getPropertyValue('--offset'));
      const width = Number(computed.getPropertyValue('--width'));
      expect(offset).toBe(Number(row.dataset.offset));
      expect(width).toBe(Number(row.dataset.width));
      const box = row.getBoundingClientRect();
      expect(box.left - left).toBeCloseTo(offset * 400, 0);
      expect(box.width).toBeCloseTo(width * 400, 0);
    }
  });
});
