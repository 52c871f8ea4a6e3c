import { describe, expect, it } from 'vitest';
import type { AgentAction } from '../../src/core/actions';
import type { AgentEventOf } from '../../src/core/protocol';
import { initialAgentState, reduceAgentEvent } from '../../src/core/reducer';
import type { AgentState } from '../../src/core/state';
import { ev } from '../helpers/events';

// What adapters add to the native events: streamed arguments, ready and denied calls, structured
// results, terminal errors and per-step usage (SPEC §3 and §6).

function run(actions: AgentAction[], from: AgentState = initialAgentState()): AgentState {
  let clock = 1000;
  return actions.reduce((state, action) => reduceAgentEvent(state, action, { receivedAt: (clock += 10) }), from);
}

const args = (toolUseId: string, delta: string, parsed?: unknown): AgentEventOf<'tool_args'> => ({
  type: 'tool_args',
  data: { toolUseId, toolName: 'weather', delta, ...(parsed === undefined ? {} : { args: parsed }) },
});

const use = (toolUseId: string, extra: Partial<AgentEventOf<'tool_use'>['data']> = {}): AgentEventOf<'tool_use'> => ({
  type: 'tool_use',
  data: { toolUseId, toolName: 'weather', inputSummary: '', status: 'running', ...extra },
});

const result = (toolUseId: string, extra: Partial<AgentEventOf<'tool_result'>['data']> = {}): AgentEventOf<'tool_result'> => ({
  type: 'tool_result',
  data: { toolUseId, toolName: 'weather', outputSummary: '', durationMs: null, status: 'done', ...extra },
});

describe('streamed tool arguments', () => {
  it('creates the call at streaming-args, appends argsText and keeps the adapter’s tolerant parse', () => {
    const s = run([args('t1', '{"city": "Os', { city: 'Os' }), args('t1', 'lo"}', { city: 'Oslo' })]);
    expect(s.toolCalls.ids).toEqual(['t1']);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'streaming-args', argsText: '{"city": "Oslo"}', args: { city: 'Oslo' } });
    expect(s.messages.byId[s.toolCalls.byId.t1!.messageId]!.parts.map((p) => p.kind)).toEqual(['tool']);
  });

  it('keeps the last parse when a fragment leaves the text unreadable', () => {
    const s = run([args('t1', '{"a": 1', { a: 1 }), args('t1', ', "')]);
    expect(s.toolCalls.byId.t1).toMatchObject({ argsText: '{"a": 1, "', args: { a: 1 } });
  });

  it('moves on to running when the call starts, keeping the streamed text', () => {
    const s = run([args('t1', '{"city":"Oslo"}', { city: 'Oslo' }), use('t1', { args: { city: 'Oslo' } })]);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'running', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' } });
  });

  it('writes arguments given whole as argsText, and keeps them out of raw', () => {
    const s = run([use('t1', { args: { city: 'Oslo' }, extraField: 1 })]);
    expect(s.toolCalls.byId.t1).toMatchObject({ argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, raw: { extraField: 1 } });
  });

  it('ignores fragments after the call settled', () => {
    const s = run([use('t1'), result('t1'), args('t1', 'late')]);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'done', argsText: '' });
  });
});

describe('ready, denied and structured results', () => {
  it('leaves a ready call (the client’s to run) ready at the end of the run, and interrupts one still streaming', () => {
    const s = run([use('t1', { status: 'ready' }), args('t2', '{"x'), ev.done()]);
    expect(s.toolCalls.byId.t1?.status).toBe('ready');
    expect(s.toolCalls.byId.t2?.status).toBe('interrupted');
  });

  it('never moves a call back: running stays running on a later ready', () => {
    const s = run([use('t1'), use('t1', { status: 'ready' })]);
    expect(s.toolCalls.byId.t1?.status).toBe('running');
  });

  it('settles a ready call when its result arrives', () => {
    const s = run([use('t1', { status: 'ready' }), result('t1', { outputSummary: '4 C', output: { temp: 4 } })]);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'done', outputSummary: '4 C', output: { temp: 4 }, errorText: null });
  });

  it('takes an adapter’s errorText, and marks a denied call with its reason', () => {
    const s = run([
      use('t1'),
      result('t1', { status: 'error', outputSummary: '', errorText: 'city not found' }),
      use('t2'),
      result('t2', { status: 'denied', errorText: 'the user said no' }),
    ]);
    expect(s.toolCalls.byId.t1).toMatchObject({ status: 'error', errorText: 'city not found' });
    expect(s.toolCalls.byId.t2).toMatchObject({ status: 'denied', errorText: 'the user said no' });
  });
});

describe('terminal errors and usage', () => {
  it('ends the run with status error on a terminal error, but not on the native error', () => {
    const native = run([ev.token('a'), ev.error('tool_failed', 'fetch failed')]);
    expect(native.status).toBe('streaming');
    const terminal = run([ev.token('a'), use('t1'), { type: 'error', data: { errorType: 'RUN_ERROR', message: 'boom', details: {}, terminal: true } }]);
    expect(terminal.status).toBe('error');
    const message = terminal.messages.byId[terminal.messages.ids[0]!]!;
    expect(message.status).toBe('error');
    expect(terminal.toolCalls.byId.t1?.status).toBe('interrupted');
    expect(terminal.errors.at(-1)).toMatchObject({ code: 'agent', message: 'boom', errorType: 'RUN_ERROR' });
  });

  it('adds per-step usage and replaces cumulative usage', () => {
    const perStep = run([
      { type: 'usage', data: { inputTokens: 10, outputTokens: 5, totalCostUsd: null, model: null, mode: 'add' } },
      { type: 'usage', data: { inputTokens: 7, outputTokens: 3, totalCostUsd: null, model: 'm', mode: 'add' } },
    ]);
    expect(perStep.usage).toEqual({ inputTokens: 17, outputTokens: 8, totalCostUsd: null, model: 'm' });
    const cumulative = run([ev.usage({ inputTokens: 10, outputTokens: 5 }), ev.usage({ inputTokens: 10, outputTokens: 9 })]);
    expect(cumulative.usage).toEqual({ inputTokens: 10, outputTokens: 9, totalCostUsd: null, model: null });
  });
});
