import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentStreamError } from '../../src/core/errors';
import { selectErrors, selectMessages, selectProgress, selectThinking, selectTimeline, selectToolCalls, selectUsage } from '../../src/core/selectors';
import { createAgentStore } from '../../src/core/store';
import { ev } from '../helpers/events';

afterEach(() => {
  vi.useRealTimers();
});

describe('createAgentStore', () => {
  it('publishes after every dispatch by default and notifies subscribers', () => {
    const store = createAgentStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch(ev.token('a'));
    store.dispatch(ev.token('b'));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(selectMessages(store.getSnapshot())[0]!.text).toBe('ab');
    unsubscribe();
    store.dispatch(ev.token('c'));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('publishes a batch once', () => {
    const store = createAgentStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch([ev.token('a'), ev.token('b'), ev.toolUse('t1')]);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not notify when nothing changed (a replayed id)', () => {
    const store = createAgentStore();
    store.dispatch(ev.token('a', '1'));
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getSnapshot();
    store.dispatch(ev.token('a', '1'));
    expect(listener).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toBe(before);
  });

  it('throttles token churn to one publish per interval but publishes status changes at once', () => {
    vi.useFakeTimers();
    const store = createAgentStore({ throttleMs: 50 });
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch({ type: 'client/run-start' });
    expect(listener).toHaveBeenCalledTimes(1);
    store.dispatch(ev.token('a'));
    expect(listener).toHaveBeenCalledTimes(2); // connecting → streaming is a status change: urgent
    for (let i = 0; i < 500; i++) store.dispatch(ev.token('x'));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(selectMessages(store.getSnapshot())[0]!.text).toBe('a');
    vi.advanceTimersByTime(50);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(selectMessages(store.getSnapshot())[0]!.text).toBe('a' + 'x'.repeat(500));
    store.dispatch(ev.token('y'));
    store.dispatch(ev.done());
    expect(listener).toHaveBeenCalledTimes(4);
    expect(store.getSnapshot().status).toBe('done');
    vi.advanceTimersByTime(100);
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('publishes errors at once', () => {
    vi.useFakeTimers();
    const store = createAgentStore({ throttleMs: 'frame' });
    store.dispatch(ev.token('a'));
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch({ type: 'client/error', error: new AgentStreamError('parse', 'bad frame') });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(selectErrors(store.getSnapshot())).toHaveLength(1);
  });

  it('never changes a snapshot once published, though it writes in place between publishes', () => {
    vi.useFakeTimers();
    const store = createAgentStore({ throttleMs: 50 });
    store.dispatch([ev.token('a'), ev.toolUse('t1'), ev.thinking('x')]);
    store.flush();
    const snapshot = store.getSnapshot();
    const frozen = JSON.stringify(snapshot);
    for (let i = 0; i < 20; i++) store.dispatch([ev.thinking('y'), ev.toolUse(`t${i + 2}`), ev.token('b')]);
    store.flush();
    expect(JSON.stringify(snapshot)).toBe(frozen);
    expect(store.getSnapshot()).not.toBe(snapshot);
    expect(store.getSnapshot().toolCalls.ids).toHaveLength(21);
  });

  it('spaces publishes out when sealing a snapshot gets expensive, so a huge state stays linear', () => {
    const store = createAgentStore({ throttleMs: 16 });
    // 30,000 calls: copying their byId record after each publish takes milliseconds.
    store.dispatch(Array.from({ length: 30_000 }, (_, i) => ev.toolUse(`t${i}`)));
    store.flush();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    store.dispatch(ev.toolResult('t1'));
    store.flush(); // seals a draft whose copies were measured
    const listener = vi.fn();
    store.subscribe(listener);
    store.dispatch(ev.toolResult('t2'));
    vi.advanceTimersByTime(16);
    expect(listener).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().toolCalls.byId.t2!.status).toBe('done');
  });

  it('stamps timestamps from the injected clock', () => {
    let now = 5000;
    const store = createAgentStore({ now: () => now });
    store.dispatch(ev.toolUse('t1'));
    now = 5250;
    store.dispatch(ev.toolResult('t1'));
    expect(store.getSnapshot().toolCalls.byId.t1).toMatchObject({ startedAt: 5000, endedAt: 5250, durationMs: 250 });
  });

  it('reset returns to the empty state and publishes at once', () => {
    const store = createAgentStore({ throttleMs: 1000 });
    store.dispatch(ev.token('a'));
    const listener = vi.fn();
    store.subscribe(listener);
    store.reset();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().messages.ids).toEqual([]);
    expect(store.getSnapshot().status).toBe('idle');
  });
});

describe('selectors', () => {
  it('return the same result for the same slice and a new one when the slice changes', () => {
    const store = createAgentStore();
    store.dispatch([ev.toolUse('t1'), ev.thinking('x'), ev.token('a')]);
    const s1 = store.getSnapshot();
    store.dispatch(ev.token('b'));
    const s2 = store.getSnapshot();
    expect(selectToolCalls(s2)).toBe(selectToolCalls(s1));
    expect(selectThinking(s2)).toBe(selectThinking(s1));
    expect(selectMessages(s2)).not.toBe(selectMessages(s1));
    expect(selectToolCalls(s2).map((c) => c.id)).toEqual(['t1']);
    expect(selectTimeline(s2)).toBe(s2.timeline);
    expect(selectProgress(s2)).toBeNull();
    expect(selectUsage(s2)).toBe(s2.usage);
  });
});
