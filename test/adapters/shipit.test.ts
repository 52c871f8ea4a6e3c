import { describe, expect, it } from 'vitest';
import { shipit } from '../../src/adapters/shipit';
import type { AgentEvent } from '../../src/core/protocol';
import { comparable, describeDetect, expectSameEventsForAnySplit, readAdapterFixture, runAdapter, sseProbe, storeAfter } from '../helpers/adapter-run';

const FIXTURES = ['basic.sse', 'parallel.sse', 'dropped.sse'];
const fixture = (name: string) => readAdapterFixture(`shipit/${name}`);
const run = (...chunks: (string | Uint8Array)[]) => runAdapter(shipit, chunks);
// sse_event_packet: `event: <type>` and the event with sorted keys.
const shipitEvent = (type: string, message: string, payload: Record<string, unknown>) => ({ message, payload, type });
const frame = (type: string, message: string, payload: Record<string, unknown> = {}) =>
  `event: ${type}\ndata: ${JSON.stringify(shipitEvent(type, message, payload))}\n\n`;
const lastMessage = (s: ReturnType<typeof storeAfter>) => s.messages.byId[s.messages.ids.at(-1)!]!;
const done = { type: 'done', data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null } } as const;
const usage = { type: 'usage', data: { inputTokens: 50, outputTokens: 9, totalCostUsd: null, model: null } } as const;

describe('shipit: the protocol note example', () => {
  const result = run(fixture('basic.sse'));

  it('maps steps, reasoning, the call, the answer and usage, and completes on close', () => {
    const agentResult = JSON.parse(new TextDecoder().decode(fixture('basic.sse')).split('event: agent_result\ndata: ')[1]!) as unknown;
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'turn', data: { turnNumber: 1, totalTools: null } },
      { type: 'thinking', data: { text: 'Call weather.' } },
      { type: 'tool_use', data: { toolName: 'weather', toolUseId: 'shipit:1:weather#1', inputSummary: '', status: 'running', args: { city: 'Oslo' } } },
      { type: 'tool_result', data: { toolName: 'weather', toolUseId: 'shipit:1:weather#1', outputSummary: '4 C', durationMs: null, status: 'done', output: '4 C' } },
      { type: 'token', data: { text: '4 C' } },
      usage,
      { type: 'custom', data: { type: 'agent_result', data: agentResult } },
      done,
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with the answer, the call, the usage and a done run', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s)).toMatchObject({ text: '4 C', status: 'complete' });
    expect(lastMessage(s).parts.map((p) => p.kind)).toEqual(['turn', 'thinking', 'tool', 'text', 'custom']);
    expect(s.toolCalls.byId['shipit:1:weather#1']).toMatchObject({ name: 'weather', status: 'done', args: { city: 'Oslo' }, output: '4 C', turn: 1 });
    expect(s.usage).toEqual({ inputTokens: 50, outputTokens: 9, totalCostUsd: null, model: null });
    expect(s.done).toEqual(done.data);
  });
});

describe('shipit: parallel calls, failures, housekeeping and sources after the answer', () => {
  const result = run(fixture('parallel.sse'));
  const answer = 'Oslo 🌧️ 4 °C, Zürich 12 °C.\n\n**Sources:** [1]';
  const sources = [{ index: 1, source: 'https://met.no/oslo', title: 'Met Norway' }];
  const call = (id: string, name: string, args: unknown) => ({ type: 'tool_use', data: { toolName: name, toolUseId: id, inputSummary: '', status: 'running', args } });
  const ok = (id: string, name: string, output: string) => ({ type: 'tool_result', data: { toolName: name, toolUseId: id, outputSummary: output, durationMs: null, status: 'done', output } });
  const failed = (id: string, name: string, errorText: string) => ({
    type: 'tool_result',
    data: { toolName: name, toolUseId: id, outputSummary: errorText, durationMs: null, status: 'error', errorText },
  });
  const progress = (step: string, message: string, payload: unknown) => ({ type: 'progress', data: { step, percentage: null, message, payload } });

  it('matches calls first in, first out per name and step, and gives a failing call one error outcome', () => {
    expect(result.items).toStrictEqual([
      { type: 'custom', data: { type: 'mcp_attached', data: shipitEvent('mcp_attached', 'MCP server attached', { server: 'weather-mcp' }) } },
      progress('planning_started', 'Planner started', { prompt: 'Weather in Oslo and Zürich?' }),
      progress('planning_completed', 'Planner completed', { output: '1. weather x2\n2. convert' }),
      { type: 'turn', data: { turnNumber: 1, totalTools: null } },
      { type: 'thinking', data: { text: 'Both cities at once; then convert.' } },
      call('shipit:1:weather#1', 'weather', { city: 'Oslo' }),
      call('shipit:1:weather#2', 'weather', { city: 'Zürich' }),
      call('shipit:1:convert#1', 'convert', { from: 'C', value: 4 }),
      ok('shipit:1:weather#1', 'weather', 'Oslo: 4 C, rain'),
      progress('tool_retry', 'Retrying tool: convert', { attempt: 1, error: 'ConnectionError: reset', iteration: 1 }),
      failed('shipit:1:convert#1', 'convert', 'ConnectionError: reset'),
      ok('shipit:1:weather#2', 'weather', 'Zürich: 12 C, sun'),
      failed('shipit:1:forecast#1', 'forecast', 'tool_not_registered'),
      progress('context_snapshot', 'Context: 1200/8000 tokens (15%)', { used: 1200, window: 8000 }),
      progress('llm_retry', 'LLM retry', { attempt: 1, error: 'overloaded' }),
      { type: 'turn', data: { turnNumber: 2, totalTools: null } },
      call('shipit:2:weather#1', 'weather', { city: 'Bergen' }),
      ok('shipit:2:weather#1', 'weather', 'Bergen: 8 C'),
      {
        type: 'custom',
        data: { type: 'interactive_request', data: shipitEvent('interactive_request', 'Interactive request', { kind: 'confirm', payload: { tool: 'send_email' } }) },
      },
      { type: 'custom', data: { type: 'autopilot.checkpoint', data: shipitEvent('autopilot.checkpoint', 'Checkpoint saved', { step: 2 }) } },
      { type: 'token', data: { text: answer } },
      usage,
      { type: 'creation', data: { creationType: 'rag_sources', count: 1, toolUseId: '', items: sources } },
      {
        type: 'custom',
        data: {
          type: 'agent_result',
          data: {
            events: [],
            messages: [{ content: answer, metadata: {}, name: null, role: 'assistant' }],
            metadata: {},
            output: answer,
            rag_sources: sources,
            tool_results: [],
          },
        },
      },
      done,
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with one call per tool call, the failure as an error, and the sources in the run', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s).text).toBe(answer);
    expect(s.toolCalls.ids).toEqual(['shipit:1:weather#1', 'shipit:1:weather#2', 'shipit:1:convert#1', 'shipit:1:forecast#1', 'shipit:2:weather#1']);
    expect(s.toolCalls.byId['shipit:1:convert#1']).toMatchObject({ status: 'error', errorText: 'ConnectionError: reset', turn: 1 });
    expect(s.toolCalls.byId['shipit:1:forecast#1']).toMatchObject({ status: 'error', errorText: 'tool_not_registered' });
    expect(s.toolCalls.byId['shipit:2:weather#1']).toMatchObject({ status: 'done', outputSummary: 'Bergen: 8 C', turn: 2 });
    expect(s.creations).toEqual([{ creationType: 'rag_sources', count: 1, toolUseId: '', items: sources, messageId: lastMessage(s).id }]);
    expect(s.custom.map((c) => c.type)).toEqual(['mcp_attached', 'interactive_request', 'autopilot.checkpoint', 'agent_result']);
    expect(s.turns.map((t) => t.turnNumber)).toEqual([1, 2]);
    expect(s.messages.ids).toHaveLength(1);
  });
});

describe('shipit: how a run ends', () => {
  it('treats a close before run_completed as a drop: the run is interrupted', () => {
    const result = run(fixture('dropped.sse'));
    expect(result.items.map((item) => (item as AgentEvent).type)).toEqual(['turn', 'tool_use']);
    expect(result.endsRun).toBe(false);
    const s = storeAfter(result);
    expect(s.status).toBe('error');
    expect(lastMessage(s).status).toBe('interrupted');
    expect(s.toolCalls.byId['shipit:1:weather#1']?.status).toBe('interrupted');
  });

  it('completes at the `done` marker even without run_completed, and ignores anything after the end', () => {
    const result = run('event: done\ndata: {}\n\n', frame('run_started', 'Agent run started', { prompt: 'again' }), frame('step_started', 'x', { iteration: 1 }));
    expect(result.items).toStrictEqual([done]);
    expect(result.endsRun).toBe(true);
  });

  it('keeps the iteration count of run_completed as the number of turns', () => {
    const result = run(frame('run_completed', 'Agent run completed', { output: 'Hi', iterations: 3 }));
    expect(result.items).toStrictEqual([{ type: 'token', data: { text: 'Hi' } }, { ...done, data: { ...done.data, numTurns: 3 } }]);
  });
});

describe('shipit: other payload shapes and bad frames', () => {
  it('uses the tool name and id a later runtime puts in the payload', () => {
    const result = run(
      frame('tool_called', 'Tool called: search', { tool: 'search', tool_call_id: 'call_9', arguments: { q: 'x' }, iteration: 1 }),
      frame('tool_failed', 'Tool failed: search', { tool: 'search', tool_call_id: 'call_9', error: 'boom', iteration: 1 }),
      frame('tool_called', 'Tool called: search', { tool: 'search', tool_call_id: 'call_10', arguments: {}, iteration: 1 }),
      frame('tool_completed', 'Tool completed: search', { tool: 'search', tool_call_id: 'call_10', output: '3 hits', iteration: 1 }),
    );
    expect(result.items).toStrictEqual([
      { type: 'tool_use', data: { toolName: 'search', toolUseId: 'call_9', inputSummary: '', status: 'running', args: { q: 'x' } } },
      { type: 'tool_result', data: { toolName: 'search', toolUseId: 'call_9', outputSummary: 'boom', durationMs: null, status: 'error', errorText: 'boom' } },
      { type: 'tool_use', data: { toolName: 'search', toolUseId: 'call_10', inputSummary: '', status: 'running', args: {} } },
      { type: 'tool_result', data: { toolName: 'search', toolUseId: 'call_10', outputSummary: '3 hits', durationMs: null, status: 'done', output: '3 hits' } },
    ]);
  });

  it('keeps a deep agent\'s tool_called without a tool name as custom, and counts steps without an iteration', () => {
    const delegated = shipitEvent('tool_called', 'Delegating', { task: 'research', agent: 'scout' });
    const result = run(`event: tool_called\ndata: ${JSON.stringify(delegated)}\n\n`, frame('step_started', 's'), frame('step_started', 's'));
    expect(result.items).toStrictEqual([
      { type: 'custom', data: { type: 'tool_called', data: delegated } },
      { type: 'turn', data: { turnNumber: 1, totalTools: null } },
      { type: 'turn', data: { turnNumber: 2, totalTools: null } },
    ]);
  });

  it('reports bad JSON and wrong shapes as errors and goes on', () => {
    const result = run(
      'event: tool_called\ndata: {"message": \n\n',
      'event: step_started\ndata: "step"\n\n',
      'data: {"message": "no type", "payload": {}}\n\n',
      frame('rag_sources', 'RAG sources captured', { sources: 'none' }),
      frame('reasoning_completed', 'Model reasoning completed', { content: 'still here' }),
    );
    expect(comparable(result.items)).toEqual([
      { error: 'parse', severity: 'error', message: 'shipit: a frame\'s data is not JSON: "{\\"message\\": "' },
      { error: 'schema', severity: 'error', message: 'shipit: expected a JSON object, got "\\"step\\""' },
      { error: 'schema', severity: 'error', message: 'shipit: an event without a type' },
      { error: 'schema', severity: 'error', message: 'shipit: a "rag_sources" event without a "sources" array' },
      { type: 'thinking', data: { text: 'still here' } },
    ]);
    expect(result.endsRun).toBe(false);
  });
});

describe('shipit: any chunking', () => {
  it.each(FIXTURES)('%s gives the same events one byte at a time and split anywhere', (name) => {
    expectSameEventsForAnySplit(shipit, fixture(name), { numRuns: 150 });
  });
});

describeDetect(shipit, { fixtures: FIXTURES, ownKeys: ['shipit'] }, () => {
  it('does not claim the same object without its event name', () => {
    expect(shipit.detect?.(sseProbe({ data: JSON.stringify(shipitEvent('run_started', 'Agent run started', {})) }))).toBe(false);
  });
});
