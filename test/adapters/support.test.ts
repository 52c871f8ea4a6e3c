import { describe, expect, it } from 'vitest';
import { errorEvent, readJson, requireStrings, tokenCounts, toolResultEvent, toolUseEvent, usageEvent } from '../../src/adapters/support';
import { AgentStreamError } from '../../src/core/errors';
import { initialAgentState, reduceAgentEvent } from '../../src/core/reducer';

describe('usageEvent', () => {
  it('leaves every figure it is not given null, never 0', () => {
    expect(usageEvent({ outputTokens: 7 })).toEqual({ type: 'usage', data: { inputTokens: null, outputTokens: 7, totalCostUsd: null, model: null } });
  });

  it('makes running totals that replace the run figures when no mode is given', () => {
    let state = reduceAgentEvent(initialAgentState(), { type: 'client/run-start' });
    state = reduceAgentEvent(state, usageEvent({ inputTokens: 10, outputTokens: 1 }));
    state = reduceAgentEvent(state, usageEvent({ inputTokens: 10, outputTokens: 40 }));
    expect(state.usage).toMatchObject({ inputTokens: 10, outputTokens: 40 });
  });
});

describe('errorEvent', () => {
  it('carries terminal only for a terminal error', () => {
    expect(errorEvent('overloaded_error', 'Overloaded', { type: 'overloaded_error' }, true)).toEqual({
      type: 'error',
      data: { errorType: 'overloaded_error', message: 'Overloaded', details: { type: 'overloaded_error' }, terminal: true },
    });
    expect(errorEvent('refusal', 'No.', {}).data).not.toHaveProperty('terminal');
  });
});

describe('readJson', () => {
  it('parses any JSON value, and reports text that is not JSON as a parse error', () => {
    const errors: unknown[] = [];
    expect(readJson('"text"', (e) => errors.push(e), 'p')).toBe('text');
    expect(readJson('{"a":', (e) => errors.push(e), 'p', '0')).toBeUndefined();
    expect(errors).toEqual([expect.any(AgentStreamError)]);
    expect(errors[0]).toMatchObject({ code: 'parse', eventType: '0', message: 'p: a frame\'s data is not JSON: "{\\"a\\":"' });
  });
});

describe('requireStrings', () => {
  it('gives the strings at the keys, or reports the first key that is not a string', () => {
    const errors: unknown[] = [];
    expect(requireStrings({ id: 'c1', name: 'f', n: 1 }, ['id', 'name'], (e) => errors.push(e), 'p', 't')).toEqual({ id: 'c1', name: 'f' });
    expect(requireStrings({ id: 'c1', name: 2 }, ['id', 'name'], (e) => errors.push(e), 'p', 't')).toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ code: 'schema', eventType: 't', message: 'p: a "t" chunk without a string "name"' })]);
  });
});

describe('tokenCounts', () => {
  it('reads input and output tokens under their current, nested and AI SDK 4 names', () => {
    expect(tokenCounts({ inputTokens: 5, outputTokens: 7, totalTokens: 12 })).toEqual({ inputTokens: 5, outputTokens: 7 });
    expect(tokenCounts({ inputTokens: { total: 5, noCache: 5 }, outputTokens: { total: 7 } })).toEqual({ inputTokens: 5, outputTokens: 7 });
    expect(tokenCounts({ promptTokens: 11, completionTokens: 3 })).toEqual({ inputTokens: 11, outputTokens: 3 });
  });

  it('leaves a missing count null, and gives nothing without any count', () => {
    expect(tokenCounts({ inputTokens: 4 })).toEqual({ inputTokens: 4, outputTokens: null });
    expect(tokenCounts({ totalTokens: 9 })).toBeUndefined();
    expect(tokenCounts({ inputTokens: 'many' })).toBeUndefined();
    expect(tokenCounts(null)).toBeUndefined();
  });
});

describe('toolUseEvent and toolResultEvent', () => {
  it('build a call without an input summary, leaving out args that are not given', () => {
    expect(toolUseEvent('c1', 'f', 'ready', { q: 1 }).data).toEqual({ toolName: 'f', toolUseId: 'c1', inputSummary: '', status: 'ready', args: { q: 1 } });
    expect(toolUseEvent('c1', 'f', 'running').data).not.toHaveProperty('args');
  });

  it('give the output as text, or the error text when there is no output', () => {
    expect(toolResultEvent('c1', 'f', { status: 'done', output: { hits: 3 } }).data).toEqual({
      toolName: 'f',
      toolUseId: 'c1',
      outputSummary: '{"hits":3}',
      durationMs: null,
      status: 'done',
      output: { hits: 3 },
    });
    expect(toolResultEvent('c1', 'f', { status: 'error', errorText: 'boom' }).data).toMatchObject({ outputSummary: 'boom', errorText: 'boom' });
    expect(toolResultEvent('c1', 'f', { status: 'denied' }).data).toEqual({ toolName: 'f', toolUseId: 'c1', outputSummary: '', durationMs: null, status: 'denied' });
  });
});
