// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ToolCall } from '../../../src/core/state';
import { createAgentStore, type AgentStore } from '../../../src/core/store';
import { AgentStreamProvider } from '../../../src/react/context';
import { ToolTimeline } from '../../../src/react/components/tool-timeline';
import { toolTimelineRows } from '../../../src/react/components/tool-timeline-rows';
import { ev } from '../../helpers/events';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const handle = (store: AgentStore) => ({ store, send: vi.fn(), stop: vi.fn(), retry: vi.fn(), reset: vi.fn() });

function call(id: string, fields: Partial<ToolCall> = {}): ToolCall {
  return {
    id,
    name: id,
    inputSummary: '',
    argsText: '',
    args: null,
    outputSummary: '',
    output: null,
    errorText: null,
    status: 'done',
    durationMs: null,
    startedAt: null,
    endedAt: null,
    messageId: 'msg_1',
    turn: null,
    raw: {},
    ...fields,
  };
}

const placed = (rows: ReturnType<typeof toolTimelineRows>) => rows.map(({ call: c, offset, width }) => [c.id, offset, width]);

describe('toolTimelineRows', () => {
  it('places calls as fractions of the run from its start to its end', () => {
    const rows = toolTimelineRows(
      [call('a', { startedAt: 1000, endedAt: 2000, durationMs: 900 }), call('b', { startedAt: 1500, endedAt: 3000 })],
      { start: 1000, end: 3000, now: null },
    );
    expect(placed(rows)).toEqual([
      ['a', 0, 0.5],
      ['b', 0.25, 0.75],
    ]);
    // The sender's own figure wins for the text; the picture uses the client clock.
    expect(rows.map((row) => row.durationMs)).toEqual([900, 1500]);
  });

  it('falls back to the earliest call start and the latest call end', () => {
    const rows = toolTimelineRows(
      [call('a', { startedAt: 200, endedAt: 300 }), call('b', { startedAt: 250, endedAt: 600 })],
      { start: null, end: null, now: 10_000 },
    );
    expect(placed(rows)).toEqual([
      ['a', 0, 0.25],
      ['b', 0.125, 0.875],
    ]);
  });

  it('stretches a running call and the span to now', () => {
    const calls = [call('a', { startedAt: 0, endedAt: 1000 }), call('b', { status: 'running', startedAt: 1000 })];
    expect(placed(toolTimelineRows(calls, { start: 0, end: null, now: 2000 }))).toEqual([
      ['a', 0, 0.5],
      ['b', 0.5, 0.5],
    ]);
    const later = toolTimelineRows(calls, { start: 0, end: null, now: 4000 });
    expect(placed(later)).toEqual([
      ['a', 0, 0.25],
      ['b', 0.25, 0.75],
    ]);
    expect(later[1]?.durationMs).toBe(3000);
  });

  it('gives a running call no width and no duration while now is unknown', () => {
    const rows = toolTimelineRows([call('a', { startedAt: 0, endedAt: 1000 }), call('b', { status: 'running', startedAt: 1000 })], {
      start: 0,
      end: null,
      now: null,
    });
    expect(placed(rows)).toEqual([
      ['a', 0, 1],
      ['b', 1, 0],
    ]);
    expect(rows[1]?.durationMs).toBeNull();
  });

  it('lays calls without timestamps end to end by their durations', () => {
    const rows = toolTimelineRows([call('a', { durationMs: 100 }), call('b', { durationMs: 300 }), call('c')], { start: null, end: null, now: 5 });
    // c has no duration: it counts as the average known one (200).
    expect(placed(rows)).toEqual([
      ['a', 0, 0.1667],
      ['b', 0.1667, 0.5],
      ['c', 0.6667, 0.3333],
    ]);
  });

  it('gives equal shares when no call has a timestamp or a duration', () => {
    expect(placed(toolTimelineRows([call('a'), call('b')], { start: null, end: null, now: null }))).toEqual([
      ['a', 0, 0.5],
      ['b', 0.5, 0.5],
    ]);
  });

  it('returns no rows for no calls and never divides by a zero span', () => {
    expect(toolTimelineRows([], { start: 0, end: 10, now: null })).toEqual([]);
    expect(placed(toolTimelineRows([call('a', { startedAt: 5, endedAt: 5 })], { start: 5, end: 5, now: null }))).toEqual([['a', 0, 0]]);
  });
});

/** A store on a clock the test moves: `at(ms)` sets the time the next dispatches are stamped with. */
function clockedStore() {
  let time = 0;
  const store = createAgentStore({ now: () => time });
  return { store, clock: () => time, at: (ms: number) => (time = ms) };
}

describe('ToolTimeline', () => {
  it('renders an ordered list of the run with offsets as custom properties and attributes', () => {
    const { store, at } = clockedStore();
    at(1000);
    store.dispatch([{ type: 'client/run-start' }, ev.toolUse('a', 'search')]);
    at(1500);
    store.dispatch(ev.toolUse('b', 'fetch'));
    at(2000);
    store.dispatch(ev.toolResult('a', { durationMs: 1000 }));
    at(3000);
    store.dispatch([ev.toolResult('b', { error: true, durationMs: null }), ev.done()]);
    render(<ToolTimeline stream={handle(store)} locale="en-US" aria-label="Tools over time" />);

    const list = screen.getByRole('list', { name: 'Tools over time' });
    expect(list.tagName).toBe('OL');
    expect(list.getAttribute('data-state')).toBe('settled');
    const [a, b] = screen.getAllByRole('listitem');
    expect(a?.getAttribute('data-status')).toBe('done');
    expect(a?.getAttribute('data-offset')).toBe('0');
    expect(a?.getAttribute('data-width')).toBe('0.5');
    expect(a?.style.getPropertyValue('--offset')).toBe('0');
    expect(a?.style.getPropertyValue('--width')).toBe('0.5');
    expect(a?.textContent).toBe('search done 1.0 sec');
    expect(a?.querySelector('time')?.getAttribute('datetime')).toBe('PT1S');
    expect(b?.getAttribute('data-status')).toBe('error');
    expect(b?.style.getPropertyValue('--offset')).toBe('0.25');
    expect(b?.style.getPropertyValue('--width')).toBe('0.75');
    expect(b?.textContent).toBe('fetch error 1.5 sec');
  });

  it('grows a running call live and stops ticking when nothing runs', () => {
    vi.useFakeTimers();
    const { store, clock, at } = clockedStore();
    store.dispatch([{ type: 'client/run-start' }, ev.toolUse('a')]);
    at(1000);
    store.dispatch([ev.toolResult('a', { durationMs: null }), ev.toolUse('b', 'slow')]);
    at(2000);
    render(<ToolTimeline stream={handle(store)} clock={clock} intervalMs={100} locale="en-US" />);
    const row = () => screen.getAllByRole('listitem')[1] as HTMLElement;
    expect(screen.getByRole('list').getAttribute('data-state')).toBe('running');
    expect(row().getAttribute('data-status')).toBe('running');
    expect(row().getAttribute('data-offset')).toBe('0.5');
    expect(row().getAttribute('data-width')).toBe('0.5');

    at(4000);
    act(() => vi.advanceTimersByTime(100));
    expect(row().getAttribute('data-offset')).toBe('0.25');
    expect(row().getAttribute('data-width')).toBe('0.75');
    expect(row().textContent).toBe('slow running 3.0 sec');

    act(() => store.dispatch([ev.toolResult('b', { durationMs: null }), ev.done()]));
    expect(screen.getByRole('list').getAttribute('data-state')).toBe('settled');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows the calls of the message it names, else of the latest run', () => {
    const { store } = clockedStore();
    store.dispatch([ev.toolUse('first', 'first'), ev.toolResult('first'), ev.done()]);
    store.dispatch([{ type: 'client/run-start' }, ev.toolUse('second', 'second'), ev.toolResult('second'), ev.done()]);
    const [firstRun] = store.getSnapshot().messages.ids;
    render(
      <AgentStreamProvider value={handle(store)}>
        <ToolTimeline data-testid="latest" />
        <ToolTimeline messageId={firstRun} data-testid="first" />
      </AgentStreamProvider>,
    );
    expect(screen.getByTestId('latest').querySelector('li')?.textContent).toContain('second');
    expect(screen.getByTestId('latest').querySelectorAll('li')).toHaveLength(1);
    expect(screen.getByTestId('first').querySelector('li')?.textContent).toContain('first');
  });

  it('is an empty list before any call', () => {
    const { store } = clockedStore();
    render(<ToolTimeline stream={handle(store)} />);
    expect(screen.getByRole('list').getAttribute('data-state')).toBe('empty');
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });

  it('gives its render prop each row and keeps the row attributes on the item', () => {
    const { store, at } = clockedStore();
    store.dispatch([{ type: 'client/run-start' }, ev.toolUse('a', 'search')]);
    at(100);
    store.dispatch([ev.toolResult('a'), ev.done()]);
    render(<ToolTimeline stream={handle(store)}>{({ call: c, offset, width }) => `${c.name} ${offset}→${width}`}</ToolTimeline>);
    const item = screen.getByRole('listitem');
    expect(item.textContent).toBe('search 0→1');
    expect(item.style.getPropertyValue('--width')).toBe('1');
    expect(item.getAttribute('data-status')).toBe('done');
  });

  it('forwards its ref and lets props override its own', () => {
    const { store } = clockedStore();
    const ref = createRef<HTMLOListElement>();
    render(<ToolTimeline ref={ref} stream={handle(store)} className="gantt" data-state="mine" />);
    expect(ref.current?.tagName).toBe('OL');
    expect(ref.current?.className).toBe('gantt');
    expect(ref.current?.getAttribute('data-state')).toBe('mine');
  });

  it('throws a clear error without a stream', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const quiet = (event: ErrorEvent) => event.preventDefault();
    window.addEventListener('error', quiet);
    expect(() => render(<ToolTimeline />)).toThrow('<ToolTimeline> needs a stream');
    window.removeEventListener('error', quiet);
  });
});
