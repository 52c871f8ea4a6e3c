import { describe, expect, it } from 'vitest';
import type { AgentAction } from '../../src/core/actions';
import { AgentStreamError } from '../../src/core/errors';
import { initialAgentState, reduceAgentEvent } from '../../src/core/reducer';
import { textOfPart } from '../../src/core/selectors';
import type { AgentState } from '../../src/core/state';
import { ev } from '../helpers/events';

function run(actions: AgentAction[], from: AgentState = initialAgentState()): AgentState {
  let clock = 1000;
  return actions.reduce((state, action) => reduceAgentEvent(state, action, { receivedAt: (clock += 10) }), from);
}

const lastMessage = (s: AgentState) => s.messages.byId[s.messages.ids[s.messages.ids.length - 1]!]!;

describe('text and thinking parts', () => {
  it('appends consecutive tokens to one text part of one assistant message', () => {
    const s = run([ev.token('Hel'), ev.token('lo'), ev.token(' world')]);
    expect(s.messages.ids).toHaveLength(1);
    const message = lastMessage(s);
    expect(message).toMatchObject({ role: 'assistant', text: 'Hello world', status: 'streaming' });
    expect(message.parts).toEqual([{ kind: 'text', id: expect.any(String), messageId: message.id, start: 0 }]);
    expect(textOfPart(message, 0)).toBe('Hello world');
    expect(s.status).toBe('streaming');
  });

  it('appends consecutive thinking to one block that does not count as message text', () => {
    const s = run([ev.thinking('Let me '), ev.thinking('think'), ev.token('Answer')]);
    const message = lastMessage(s);
    expect(s.thinking.ids).toHaveLength(1);
    expect(s.thinking.byId[s.thinking.ids[0]!]).toMatchObject({ text: 'Let me think', status: 'complete', messageId: message.id });
    expect(message.text).toBe('Answer');
    expect(message.parts.map((p) => p.kind)).toEqual(['thinking', 'text']);
  });

  it('closes the open part on a different event and opens a new one after it', () => {
    const s = run([ev.token('Before '), ev.toolUse('t1'), ev.toolResult('t1'), ev.token('after')]);
    const message = lastMessage(s);
    expect(message.parts.map((p) => p.kind)).toEqual(['text', 'tool', 'text']);
    expect(message.parts.map((p) => p.start)).toEqual([0, undefined, 7]);
    expect(textOfPart(message, 0)).toBe('Before ');
    expect(textOfPart(message, 1)).toBe('');
    expect(textOfPart(message, 2)).toBe('after');
    expect(message.text).toBe('Before after');
    expect(s.timeline).toEqual(message.parts);
  });

  it('keeps the text part open across progress updates, which are not parts', () => {
    const s = run([ev.token('a'), ev.progress('search', 10, 'Searching'), ev.token('b')]);
    expect(lastMessage(s).parts).toHaveLength(1);
    expect(s.progress).toEqual({ step: 'search', percentage: 10, message: 'Searching' });
  });
});

describe('tool calls', () => {
  it('runs a call from tool_use to a done result with the sender duration', () => {
    const s = run([ev.toolUse('t1', 'search', 'q=cats'), ev.toolResult('t1', { outputSummary: '3 hits', durationMs: 120 })]);
    expect(s.toolCalls.ids).toEqual(['t1']);
    expect(s.toolCalls.byId.t1).toMatchObject({
      id: 't1',
      name: 'search',
      inputSummary: 'q=cats',
      outputSummary: '3 hits',
      errorText: null,
      status: 'done',
      durationMs: 120,
      startedAt: 1010,
      endedAt: 1020,
      messageId: lastMessage(s).id,
      argsText: '',
      args: null,
      output: null,
    });
  });

  it('measures the duration on the client when the sender gives none', () => {
    const s = run([ev.toolUse('t1'), ev.token('x'), ev.token('y'), ev.toolResult('t1', { durationMs: 0 })]);
    expect(s.toolCalls.byId.t1!.durationMs).toBe(30);
  });

  it('puts the error output in errorText when the tool failed', () => {
    const s = run([ev.toolUse('t1'), ev.toolResult('t1', { outputSummary: 'timeout after 30s', error: true })]);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'error', errorText: 'timeout after 30s', outputSummary: 'timeout after 30s' });
  });

  it('creates the call from a tool_result whose tool_use never came', () => {
    const s = run([ev.toolResult('late', { toolName: 'fetch', outputSummary: 'ok', durationMs: 5 })]);
    expect(s.toolCalls.ids).toEqual(['late']);
    expect(s.toolCalls.byId.late).toMatchObject({ name: 'fetch', status: 'done', outputSummary: 'ok', durationMs: 5 });
    expect(s.timeline.map((i) => i.kind)).toEqual(['tool']);
  });

  it('updates a call on a repeated tool_use instead of duplicating it', () => {
    const s = run([ev.toolUse('t1', 'search', ''), ev.toolUse('t1', 'search', 'q=dogs')]);
    expect(s.toolCalls.ids).toEqual(['t1']);
    expect(s.timeline).toHaveLength(1);
    expect(s.toolCalls.byId.t1!.inputSummary).toBe('q=dogs');
  });

  it('never moves a call back: a tool_use or a second result after the result changes nothing', () => {
    const s = run([ev.toolUse('t1'), ev.toolResult('t1', { outputSummary: 'first' }), ev.toolUse('t1'), ev.toolResult('t1', { outputSummary: 'second', error: true })]);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'done', outputSummary: 'first' });
  });

  it('keeps fields beyond the protocol on raw', () => {
    const use = ev.toolUse('t1');
    const s = run([{ ...use, data: { ...use.data, server: 'mcp-1' } }]);
    expect(s.toolCalls.byId.t1!.raw).toEqual({ server: 'mcp-1' });
  });

  it('records the current turn on calls', () => {
    const s = run([ev.turn(1, 2), ev.toolUse('a'), ev.turn(2), ev.toolUse('b')]);
    expect(s.toolCalls.byId.a!.turn).toBe(1);
    expect(s.toolCalls.byId.b!.turn).toBe(2);
    expect(s.turns).toEqual([
      { turnNumber: 1, totalTools: 2, messageId: lastMessage(s).id },
      { turnNumber: 2, totalTools: 0, messageId: lastMessage(s).id },
    ]);
  });
});

describe('end of run', () => {
  it('done completes the message and interrupts calls still running', () => {
    const s = run([ev.toolUse('t1'), ev.toolUse('t2'), ev.toolResult('t2'), ev.token('bye'), ev.done({ messageId: 'm1', numTurns: 1, toolCount: 2, model: 'claude' })]);
    expect(s.status).toBe('done');
    expect(lastMessage(s).status).toBe('complete');
    expect(s.toolCalls.byId.t1!.status).toBe('interrupted');
    expect(s.toolCalls.byId.t2!.status).toBe('done');
    expect(s.done).toMatchObject({ messageId: 'm1', numTurns: 1, toolCount: 2, model: 'claude' });
  });

  it('an agent error is recorded in errors and the timeline, and the run goes on', () => {
    const s = run([ev.token('a'), ev.error('rate_limit', 'Slow down', { retryIn: 3 }, '7'), ev.token('b')]);
    expect(s.status).toBe('streaming');
    expect(s.errors).toHaveLength(1);
    const error = s.errors[0]!;
    expect(error).toBeInstanceOf(AgentStreamError);
    expect(error).toMatchObject({ code: 'agent', message: 'Slow down', errorType: 'rate_limit', details: { retryIn: 3 }, eventId: '7', severity: 'error' });
    expect(s.timeline.map((i) => i.kind)).toEqual(['text', 'error', 'text']);
    expect(s.timeline[1]!.index).toBe(0);
  });

  it('an interrupted end leaves the message and running calls interrupted and records the error', () => {
    const interrupted = new AgentStreamError('interrupted', 'The stream ended before "done"');
    const s = run([{ type: 'client/run-start' }, ev.toolUse('t1'), { type: 'client/run-end', reason: 'interrupted', error: interrupted }]);
    expect(s.status).toBe('error');
    expect(lastMessage(s).status).toBe('interrupted');
    expect(s.toolCalls.byId.t1!.status).toBe('interrupted');
    expect(s.errors).toEqual([interrupted]);
    expect(s.timeline.map((i) => i.kind)).toEqual(['tool']);
  });

  it('an error end marks the message error; an aborted end marks the status aborted', () => {
    const failed = run([{ type: 'client/run-start' }, { type: 'client/run-end', reason: 'error', error: new AgentStreamError('http_status', 'HTTP 500', { status: 500 }) }]);
    expect(failed.status).toBe('error');
    expect(lastMessage(failed).status).toBe('error');
    const stopped = run([{ type: 'client/run-start' }, ev.token('x'), { type: 'client/run-end', reason: 'aborted' }]);
    expect(stopped.status).toBe('aborted');
    expect(lastMessage(stopped).status).toBe('interrupted');
  });

  it('a ready call (the client runs it) stays ready at the end of the run', () => {
    const s = run([ev.toolUse('t1')]);
    const readyState: AgentState = { ...s, toolCalls: { ...s.toolCalls, byId: { t1: { ...s.toolCalls.byId.t1!, status: 'ready' } } } };
    const ended = reduceAgentEvent(readyState, ev.done());
    expect(ended.toolCalls.byId.t1!.status).toBe('ready');
  });
});

describe('usage and cost', () => {
  it('keeps figures no event carried null, never 0', () => {
    const s = run([ev.usage({ outputTokens: 12 })]);
    expect(s.usage).toEqual({ inputTokens: null, outputTokens: 12, totalCostUsd: null, model: null });
  });

  it('replaces the run figure with cumulative usage and done, and adds runs up', () => {
    const s = run([
      { type: 'client/user-message', text: 'one' },
      { type: 'client/run-start' },
      ev.usage({ inputTokens: 10, outputTokens: 5, totalCostUsd: 0.01, model: 'm1' }),
      ev.usage({ inputTokens: 10, outputTokens: 20, totalCostUsd: 0.02, model: 'm1' }),
      ev.done({ totalCostUsd: 0.03, model: 'm1' }),
      { type: 'client/user-message', text: 'two' },
      { type: 'client/run-start' },
      ev.usage({ inputTokens: 100, outputTokens: 50, totalCostUsd: 0.5, model: 'm2' }),
    ]);
    const [, first, , second] = s.messages.ids.map((id) => s.messages.byId[id]!);
    expect(first!.usage).toEqual({ inputTokens: 10, outputTokens: 20, totalCostUsd: 0.03, model: 'm1' });
    expect(second!.usage).toEqual({ inputTokens: 100, outputTokens: 50, totalCostUsd: 0.5, model: 'm2' });
    expect(s.usage.inputTokens).toBe(110);
    expect(s.usage.outputTokens).toBe(70);
    expect(s.usage.totalCostUsd).toBeCloseTo(0.53);
    expect(s.usage.model).toBe('m2');
  });
});

describe('runs and history', () => {
  it('gives each send a user message then one assistant message and accumulates across runs', () => {
    const s = run([
      { type: 'client/user-message', text: 'Hi' },
      { type: 'client/run-start' },
      ev.token('Hello'),
      ev.done(),
      { type: 'client/user-message', text: 'More' },
      { type: 'client/run-start' },
      ev.token('Sure'),
    ]);
    const messages = s.messages.ids.map((id) => s.messages.byId[id]!);
    expect(messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'Hi', 'complete'],
      ['assistant', 'Hello', 'complete'],
      ['user', 'More', 'complete'],
      ['assistant', 'Sure', 'streaming'],
    ]);
    expect(s.timeline.map((i) => i.messageId)).toEqual(messages.map((m) => m.id));
  });

  it('run-start sets status connecting and clears the previous done and progress', () => {
    const s = run([ev.progress('a', 100), ev.done(), { type: 'client/run-start' }]);
    expect(s.status).toBe('connecting');
    expect(s.done).toBeNull();
    expect(s.progress).toBeNull();
  });

  it('an event after done opens a new run', () => {
    const s = run([ev.token('a'), ev.done(), ev.token('b')]);
    expect(s.messages.ids).toHaveLength(2);
    expect(lastMessage(s).text).toBe('b');
  });

  it('keeps unknown event types as custom entries in the timeline', () => {
    const s = run([ev.custom('citation', { url: 'https://x' }, '3')]);
    expect(s.custom).toEqual([{ type: 'citation', data: { url: 'https://x' }, id: '3', messageId: lastMessage(s).id }]);
    expect(s.timeline.map((i) => i.kind)).toEqual(['custom']);
  });

  it('records creations with their message', () => {
    const s = run([ev.creation('insight', 2, 't1', [{ title: 'A' }, { title: 'B' }])]);
    expect(s.creations).toEqual([{ creationType: 'insight', count: 2, toolUseId: 't1', items: [{ title: 'A' }, { title: 'B' }], messageId: lastMessage(s).id }]);
  });
});

describe('idempotence by event id', () => {
  const stream = [
    ev.thinking('hm', '1'),
    ev.token('Hel', '2'),
    ev.toolUse('t1', 'search', 'q', '3'),
    ev.toolResult('t1', { outputSummary: 'ok', durationMs: 4 }, '4'),
    ev.token('lo', '5'),
    ev.error('warn', 'careful', {}, '6'),
    ev.usage({ outputTokens: 9 }, '7'),
  ];

  it('converges when the server replays from the start', () => {
    const once = run([{ type: 'client/run-start' }, ...stream]);
    const replayed = run([{ type: 'client/run-start' }, ...stream.slice(0, 4), ...stream]);
    expect(replayed).toEqual(once);
  });

  it('converges when the server resumes from Last-Event-ID', () => {
    const once = run([{ type: 'client/run-start' }, ...stream]);
    const resumed = run([{ type: 'client/run-start' }, ...stream.slice(0, 3), ...stream.slice(3)]);
    expect(resumed).toEqual(once);
    expect(resumed.lastEventId).toBe('7');
  });

  it('returns the same state object for an id already applied', () => {
    const s = run([ev.token('a', '1')]);
    expect(reduceAgentEvent(s, ev.token('a', '1'))).toBe(s);
  });

  it('forgets ids when a new run starts (ids are per stream)', () => {
    const s = run([ev.token('a', '1'), ev.done({}, '2'), { type: 'client/run-start' }, ev.token('b', '1')]);
    expect(lastMessage(s).text).toBe('b');
  });
});

describe('structural sharing and purity', () => {
  it('keeps untouched slices identical across a token: only the message changes', () => {
    const before = run([ev.toolUse('t1'), ev.thinking('x'), ev.token('a'), ev.creation('doc', 1), ev.token('a')]);
    const after = reduceAgentEvent(before, ev.token('b'));
    expect(after.timeline).toBe(before.timeline);
    expect(after.messages.byId[after.messages.ids[0]!]!.parts).toBe(before.messages.byId[before.messages.ids[0]!]!.parts);
    expect(after.toolCalls).toBe(before.toolCalls);
    expect(after.thinking).toBe(before.thinking);
    expect(after.creations).toBe(before.creations);
    expect(after.errors).toBe(before.errors);
    expect(after.usage).toBe(before.usage);
    expect(after.turns).toBe(before.turns);
    expect(after.messages).not.toBe(before.messages);
  });

  it('keeps settled messages, calls and blocks identical when later runs change', () => {
    const first = run([{ type: 'client/run-start' }, ev.thinking('t'), ev.toolUse('t1'), ev.toolResult('t1'), ev.done()]);
    const later = run([{ type: 'client/user-message', text: 'again' }, { type: 'client/run-start' }, ev.token('x'), ev.toolUse('t2')], first);
    const settled = first.messages.ids[0]!;
    expect(later.messages.byId[settled]).toBe(first.messages.byId[settled]);
    expect(later.toolCalls.byId.t1).toBe(first.toolCalls.byId.t1);
    expect(later.thinking.byId[first.thinking.ids[0]!]).toBe(first.thinking.byId[first.thinking.ids[0]!]);
  });

  it('never changes the state it was given (branching from an old state is safe)', () => {
    const base = run([ev.token('a', '1'), ev.toolUse('t1', 'x', '', '2')]);
    const frozen = JSON.stringify(base);
    const left = run([ev.token('L', '3'), ev.done({}, '4')], base);
    const right = run([ev.token('R', '3')], base);
    expect(JSON.stringify(base)).toBe(frozen);
    expect(lastMessage(left).text).toBe('aL');
    expect(lastMessage(right).text).toBe('aR');
    // The branch must not see the other branch's applied id "3" or "4".
    expect(lastMessage(run([ev.token('!', '4')], right)).text).toBe('aR!');
  });
});

describe('opaque (non-integer) event ids', () => {
  it('are matched exactly, and branching from an old state never sees a later branch’s ids', () => {
    const base = run([ev.token('a', 'x-1'), ev.token('b', 'x-2')]);
    const left = run([ev.token('L', 'x-3')], base);
    const right = run([ev.token('R', 'x-9')], base);
    expect(lastMessage(run([ev.token('!', 'x-3')], right)).text).toBe('abR!');
    expect(lastMessage(run([ev.token('!', 'x-3')], left)).text).toBe('abL');
    expect(lastMessage(run([ev.token('?', 'x-1')], right)).text).toBe('abR');
  });

  it('treats integer ids as a sequence: an id at or below the highest applied is a replay', () => {
    const s = run([ev.token('a', '5'), ev.token('b', '3'), ev.token('c', '6')]);
    expect(lastMessage(s).text).toBe('ac');
  });
});

describe('textOfPart', () => {
  it('reads each text part of a message interleaved with other parts, user messages included', () => {
    const s = run([{ type: 'client/user-message', text: 'Hi there' }, { type: 'client/run-start' }, ev.token('One '), ev.token('two'), ev.thinking('hm'), ev.toolUse('t'), ev.token(' three'), ev.error('x', 'y'), ev.token('!')]);
    const [user, reply] = s.messages.ids.map((id) => s.messages.byId[id]!);
    expect(textOfPart(user!, 0)).toBe('Hi there');
    expect(reply!.parts.map((_, i) => textOfPart(reply!, i))).toEqual(['One two', '', '', ' three', '', '!']);
    expect(textOfPart(reply!, 99)).toBe('');
  });
});
