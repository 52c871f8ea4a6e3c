import { type AGUIEvent, EventType } from '@ag-ui/core';
import { EventSchemas } from '@ag-ui/core/schemas';
import { EventEncoder } from '@ag-ui/encoder';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agUi } from '../../src/adapters/ag-ui';
import type { AgentEvent } from '../../src/core/protocol';
import { comparable, describeDetect, expectSameEventsForAnySplit, firstFrame, runAdapter, storeAfter } from '../helpers/adapter-run';

const encoder = new EventEncoder();
/** The SSE body an AG-UI server writes for `events`, after checking each against the 1.0 schema. */
const encode = (events: AGUIEvent[]) => events.map((event) => encoder.encodeSSE(EventSchemas.parse(event))).join('');
const run = (body: string | Uint8Array) => runAdapter(agUi, [body]);
const frames = (...events: unknown[]) => events.map((event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('');
const lastMessage = (s: ReturnType<typeof storeAfter>) => s.messages.byId[s.messages.ids.at(-1)!]!;

const FULL_RUN: AGUIEvent[] = [
  { type: EventType.RUN_STARTED, threadId: 'th1', runId: 'run1' },
  { type: EventType.STEP_STARTED, stepName: 'plan' },
  { type: EventType.REASONING_START, messageId: 'r1' },
  { type: EventType.REASONING_MESSAGE_START, messageId: 'r1', role: 'reasoning' },
  { type: EventType.REASONING_MESSAGE_CONTENT, messageId: 'r1', delta: 'Look it up.' },
  { type: EventType.REASONING_MESSAGE_END, messageId: 'r1' },
  { type: EventType.REASONING_MESSAGE_CHUNK, messageId: 'r1', delta: ' Then answer.' },
  { type: EventType.REASONING_ENCRYPTED_VALUE, subtype: 'message', entityId: 'r1', encryptedValue: 'gAAAA' },
  { type: EventType.REASONING_END, messageId: 'r1' },
  { type: EventType.STEP_FINISHED, stepName: 'plan' },
  { type: EventType.STEP_STARTED, stepName: 'act' },
  { type: EventType.TEXT_MESSAGE_START, messageId: 'm1', role: 'assistant' },
  { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'm1', delta: 'Searching… ' },
  { type: EventType.TEXT_MESSAGE_END, messageId: 'm1' },
  { type: EventType.TOOL_CALL_START, toolCallId: 'c1', toolCallName: 'search', parentMessageId: 'm1' },
  { type: EventType.TOOL_CALL_ARGS, toolCallId: 'c1', delta: '{"q":' },
  { type: EventType.TOOL_CALL_ARGS, toolCallId: 'c1', delta: '"Zürich"}' },
  { type: EventType.TOOL_CALL_END, toolCallId: 'c1' },
  { type: EventType.TOOL_CALL_RESULT, messageId: 'tm1', toolCallId: 'c1', content: '3 hits', role: 'tool' },
  { type: EventType.TOOL_CALL_CHUNK, toolCallId: 'c2', toolCallName: 'confirm', delta: '{"text":' },
  { type: EventType.TOOL_CALL_CHUNK, delta: '"Book it?"}' },
  { type: EventType.STATE_SNAPSHOT, snapshot: { progress: 0 } },
  { type: EventType.STATE_DELTA, delta: [{ op: 'replace', path: '/progress', value: 50 }] },
  { type: EventType.MESSAGES_SNAPSHOT, messages: [{ id: 'u1', role: 'user', content: 'Find hotels' }] },
  { type: EventType.ACTIVITY_SNAPSHOT, messageId: 'a1', activityType: 'plan', content: { steps: 2 } },
  { type: EventType.ACTIVITY_DELTA, messageId: 'a1', activityType: 'plan', patch: [{ op: 'replace', path: '/steps', value: 3 }] },
  { type: EventType.CUSTOM, name: 'highlight', value: { line: 3 } },
  { type: EventType.RAW, event: { id: 'evt_1' }, source: 'openai' },
  { type: EventType.SUBAGENT_STARTED, subagentRunId: 'sa1', name: 'researcher' },
  { type: EventType.SUBAGENT_ERROR, subagentRunId: 'sa1', message: 'no results' },
  { type: EventType.SUBAGENT_FINISHED, subagentRunId: 'sa1' },
  { type: EventType.TEXT_MESSAGE_START, messageId: 'u2', role: 'user' },
  { type: EventType.TEXT_MESSAGE_CONTENT, messageId: 'u2', delta: 'Find hotels' },
  { type: EventType.TEXT_MESSAGE_END, messageId: 'u2' },
  { type: EventType.TEXT_MESSAGE_CHUNK, messageId: 'm2', role: 'assistant', delta: 'Found 3 hits.' },
  { type: EventType.STEP_FINISHED, stepName: 'act' },
  {
    type: EventType.RUN_FINISHED,
    threadId: 'th1',
    runId: 'run1',
    outcome: { type: 'success', pendingToolCallIds: ['c2'] },
    usage: [
      { provider: 'openai', model: 'gpt-x', inputTokens: 12, outputTokens: 30, totalTokens: 42 },
      { provider: 'openai', model: 'gpt-x', inputTokens: 3, outputTokens: 4 },
    ],
  },
];

describe('ag-ui: EventEncoder output over every 1.0 event type', () => {
  const body = encode(FULL_RUN);
  const result = run(body);
  const sent = (type: string, n = 0) => FULL_RUN.filter((event) => event.type === type)[n];
  const custom = (type: string, n = 0): AgentEvent => ({ type: 'custom', data: { type, data: sent(type, n) } });

  it('is the wire the fixture documents', async () => {
    await expect(body).toMatchFileSnapshot('../fixtures/adapters/ag-ui/full-run.sse');
  });

  it('maps each event to what the agent did, in order', () => {
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'turn', data: { turnNumber: 1, totalTools: null, stepName: 'plan' } },
      { type: 'thinking', data: { text: 'Look it up.' } },
      { type: 'thinking', data: { text: ' Then answer.' } },
      custom('REASONING_ENCRYPTED_VALUE'),
      { type: 'turn', data: { turnNumber: 2, totalTools: null, stepName: 'act' } },
      { type: 'token', data: { text: 'Searching… ' } },
      { type: 'tool_args', data: { toolUseId: 'c1', toolName: 'search', delta: '', args: undefined } },
      { type: 'tool_args', data: { toolUseId: 'c1', toolName: 'search', delta: '{"q":', args: {} } },
      { type: 'tool_args', data: { toolUseId: 'c1', toolName: 'search', delta: '"Zürich"}', args: { q: 'Zürich' } } },
      { type: 'tool_use', data: { toolName: 'search', toolUseId: 'c1', inputSummary: '', status: 'ready', args: { q: 'Zürich' } } },
      { type: 'tool_result', data: { toolName: 'search', toolUseId: 'c1', outputSummary: '3 hits', durationMs: null, status: 'done', output: '3 hits' } },
      { type: 'tool_args', data: { toolUseId: 'c2', toolName: 'confirm', delta: '', args: undefined } },
      { type: 'tool_args', data: { toolUseId: 'c2', toolName: 'confirm', delta: '{"text":', args: {} } },
      { type: 'tool_args', data: { toolUseId: 'c2', toolName: 'confirm', delta: '"Book it?"}', args: { text: 'Book it?' } } },
      // The chunked call ends at the first event of another type.
      { type: 'tool_use', data: { toolName: 'confirm', toolUseId: 'c2', inputSummary: '', status: 'ready', args: { text: 'Book it?' } } },
      custom('STATE_SNAPSHOT'),
      custom('STATE_DELTA'),
      custom('MESSAGES_SNAPSHOT'),
      custom('ACTIVITY_SNAPSHOT'),
      custom('ACTIVITY_DELTA'),
      custom('CUSTOM'),
      custom('RAW'),
      custom('SUBAGENT_STARTED'),
      custom('SUBAGENT_ERROR'),
      custom('SUBAGENT_FINISHED'),
      // A user message's text is not the agent's answer.
      custom('TEXT_MESSAGE_CONTENT', 1),
      { type: 'token', data: { text: 'Found 3 hits.' } },
      { type: 'usage', data: { inputTokens: 15, outputTokens: 34, totalCostUsd: null, model: 'gpt-x' } },
      {
        type: 'done',
        data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null, outcome: { type: 'success', pendingToolCallIds: ['c2'] } },
      },
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with the reasoning, the answer, both calls, two steps, the usage and the customs', () => {
    const s = storeAfter(result);
    const message = lastMessage(s);
    expect(s.status).toBe('done');
    expect(message).toMatchObject({ text: 'Searching… Found 3 hits.', status: 'complete' });
    expect(s.thinking.ids.map((id) => s.thinking.byId[id]!.text)).toEqual(['Look it up. Then answer.']);
    expect(s.turns.map((turn) => turn.turnNumber)).toEqual([1, 2]);
    expect(s.toolCalls.byId.c1).toMatchObject({ name: 'search', status: 'done', outputSummary: '3 hits', errorText: null });
    expect(s.custom).toHaveLength(12);
    expect(s.usage).toEqual({ inputTokens: 15, outputTokens: 34, totalCostUsd: null, model: 'gpt-x' });
    expect(s.done).toMatchObject({ outcome: { type: 'success', pendingToolCallIds: ['c2'] } });
    expect(s.errors).toEqual([]);
  });

  it('keeps the streamed arguments, and leaves the frontend tool ready', () => {
    const s = storeAfter(result);
    expect(s.toolCalls.byId.c1).toMatchObject({ argsText: '{"q":"Zürich"}', args: { q: 'Zürich' }, output: '3 hits' });
    expect(s.toolCalls.byId.c2).toMatchObject({ name: 'confirm', status: 'ready', argsText: '{"text":"Book it?"}', args: { text: 'Book it?' } });
  });

  it('gives the same items however the bytes are split', () => {
    expectSameEventsForAnySplit(agUi, body, { endsRun: true });
  });
});

describe('ag-ui: RUN_ERROR', () => {
  const body = encode([
    { type: EventType.RUN_STARTED, threadId: 'th1', runId: 'run2' },
    { type: EventType.TEXT_MESSAGE_CHUNK, messageId: 'm1', delta: 'Working' },
    { type: EventType.TOOL_CALL_START, toolCallId: 'c9', toolCallName: 'fetch' },
    { type: EventType.TOOL_CALL_ARGS, toolCallId: 'c9', delta: '{"url":"https://ex' },
    { type: EventType.RUN_ERROR, message: 'Upstream model failed', code: 'MODEL_ERROR', usage: [{ inputTokens: 7 }] },
  ]);
  const result = run(body);

  it('is the wire the fixture documents', async () => {
    await expect(body).toMatchFileSnapshot('../fixtures/adapters/ag-ui/run-error.sse');
  });

  it('reports the usage, then a terminal error with the code as its type, and counts as the end', () => {
    expect(result.items.slice(-2)).toStrictEqual<AgentEvent[]>([
      { type: 'usage', data: { inputTokens: 7, outputTokens: null, totalCostUsd: null, model: null } },
      { type: 'error', data: { errorType: 'MODEL_ERROR', message: 'Upstream model failed', details: {}, terminal: true } },
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('ends the run and the message in error, the unfinished call interrupted', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('error');
    expect(lastMessage(s)).toMatchObject({ text: 'Working', status: 'error' });
    expect(s.errors).toEqual([expect.objectContaining({ code: 'agent', errorType: 'MODEL_ERROR', message: 'Upstream model failed' })]);
    expect(s.toolCalls.byId.c9).toMatchObject({ status: 'interrupted', argsText: '{"url":"https://ex', args: { url: 'https://ex' } });
  });
});

describe('ag-ui: servers of the 0.0.x line', () => {
  it('reads THINKING_* events as reasoning', () => {
    const result = run(
      frames(
        { type: 'THINKING_START', title: 'Plan' },
        { type: 'THINKING_TEXT_MESSAGE_START' },
        { type: 'THINKING_TEXT_MESSAGE_CONTENT', delta: 'Weigh options.' },
        { type: 'THINKING_TEXT_MESSAGE_END' },
        { type: 'THINKING_END' },
        { type: 'RUN_FINISHED', threadId: 't', runId: 'r' },
      ),
    );
    expect(result.items).toStrictEqual<AgentEvent[]>([{ type: 'thinking', data: { text: 'Weigh options.' } }, { type: 'done', data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null } }]);
  });
});

describe('ag-ui: end of run', () => {
  const started = { type: 'RUN_STARTED', threadId: 't', runId: 'r1' };

  it('treats a close before RUN_FINISHED as a drop, ending a chunked call that was open', () => {
    const result = run(frames(started, { type: 'TOOL_CALL_CHUNK', toolCallId: 'c1', toolCallName: 'f', delta: '{}' }));
    expect(result.items.at(-1)).toMatchObject({ type: 'tool_use', data: { toolUseId: 'c1', status: 'ready', args: {} } });
    expect(result.endsRun).toBe(false);
    expect(storeAfter(result).status).toBe('error');
  });

  it('counts the steps of each run of a stream afresh, and ends with the last run', () => {
    const step = { type: 'STEP_STARTED', stepName: 's' };
    const finished = { type: 'RUN_FINISHED', threadId: 't', runId: 'r1' };
    const result = run(frames(started, step, step, finished, { ...started, runId: 'r2' }, step, { ...finished, runId: 'r2' }));
    const turns = (result.items as AgentEvent[]).flatMap((event) => (event.type === 'turn' ? [event.data.turnNumber] : []));
    expect(turns).toEqual([1, 2, 1]);
    expect(result.endsRun).toBe(true);
  });

  it('keeps a finished run that was interrupted for the user (outcome and result on done)', () => {
    const outcome = { type: 'interrupt', interrupts: [{ id: 'i1', reason: 'approval', toolCallId: 'c1' }] };
    const result = run(frames(started, { type: 'RUN_FINISHED', threadId: 't', runId: 'r1', outcome, result: { draft: 'x' } }));
    expect(storeAfter(result).done).toMatchObject({ outcome, result: { draft: 'x' } });
  });
});

describe('ag-ui: bad frames', () => {
  it('reports non-JSON, events without a type and events missing a field, and goes on', () => {
    const result = run(
      frames(
        'not json',
        { delta: 'x' },
        { type: 'TOOL_CALL_ARGS', toolCallId: 'c1' },
        { type: 'TOOL_CALL_CHUNK', delta: '{}' },
        { type: 'TEXT_MESSAGE_CONTENT', messageId: 'm', delta: 'ok' },
      ),
    );
    expect(comparable(result.items)).toEqual([
      { error: 'parse', severity: 'error', message: expect.stringContaining('ag-ui: ') },
      { error: 'schema', severity: 'error', message: 'ag-ui: an event without a string "type"' },
      { error: 'schema', severity: 'error', message: 'ag-ui: a "TOOL_CALL_ARGS" chunk without a string "delta"' },
      { error: 'schema', severity: 'error', message: 'ag-ui: a "TOOL_CALL_CHUNK" without a "toolCallId" and no call open' },
      { type: 'token', data: { text: 'ok' } },
    ]);
  });

  it('keeps unknown event types as custom and ends in error on a RUN_ERROR without a message', () => {
    const future = { type: 'INTERRUPT_REQUESTED', id: 'i1' };
    expect(run(frames(future, { type: 'RUN_ERROR' })).items).toStrictEqual<AgentEvent[]>([
      { type: 'custom', data: { type: 'INTERRUPT_REQUESTED', data: future } },
      { type: 'error', data: { errorType: 'RUN_ERROR', message: 'The run failed.', details: {}, terminal: true } },
    ]);
  });

  it('never throws on arbitrary frames', () => {
    const type = fc.constantFrom('TOOL_CALL_CHUNK', 'TOOL_CALL_END', 'TEXT_MESSAGE_CHUNK', 'RUN_FINISHED', 'RUN_ERROR', 'STEP_STARTED');
    const event = fc.record({ type, toolCallId: fc.option(fc.string()), delta: fc.option(fc.jsonValue()), usage: fc.option(fc.jsonValue()), outcome: fc.option(fc.jsonValue()) });
    fc.assert(
      fc.property(fc.array(fc.oneof(event, fc.jsonValue()), { maxLength: 12 }), (events) => {
        expect(() => run(frames(...events.map((e) => JSON.stringify(e))))).not.toThrow();
      }),
    );
  });
});

describeDetect(agUi, { fixtures: [], frames: { 'the EventEncoder output': firstFrame(encode(FULL_RUN)), 'a 0.0.x THINKING_START': { data: '{"type":"THINKING_START"}' } }, ownKeys: ['ag-ui'] }, () => {
  it('refuses a body that is not an event stream', () => {
    expect(agUi.detect?.({ contentType: 'application/vnd.ag-ui.event+proto', headers: new Headers(), frame: null })).toBe(false);
  });
});
