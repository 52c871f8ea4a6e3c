import { describe, expect, it } from 'vitest';
import { pydanticAiStream } from '../../src/adapters/pydantic-ai-stream';
import type { AgentEvent } from '../../src/core/protocol';
import { comparable, describeDetect, expectSameEventsForAnySplit, readAdapterFixture, runAdapter, sseProbe, storeAfter } from '../helpers/adapter-run';

const FIXTURES = ['basic.sse', 'tools.sse', 'canceled.sse'];
const fixture = (name: string) => readAdapterFixture(`pydantic-ai-stream/${name}`);
const run = (...chunks: (string | Uint8Array)[]) => runAdapter(pydanticAiStream, chunks);
const record = (type: string, body: Record<string, unknown>, origin = 'pydantic-ai') => ({ type, origin, body });
const frame = (value: unknown) => `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`;
const lastMessage = (s: ReturnType<typeof storeAfter>) => s.messages.byId[s.messages.ids.at(-1)!]!;

describe('pydantic-ai-stream: the protocol note example', () => {
  const result = run(fixture('basic.sse'));

  it('maps each record to its event, with its position since begin as id', () => {
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'turn', data: { turnNumber: 1, totalTools: null }, id: '1' },
      { type: 'thinking', data: { text: 'Need the clock.' }, id: '3' },
      { type: 'tool_use', data: { toolName: 'get_current_time', toolUseId: 'call_1', inputSummary: '', status: 'running', args: {} }, id: '4' },
      { type: 'turn', data: { turnNumber: 2, totalTools: null }, id: '6' },
      {
        type: 'tool_result',
        data: { toolName: 'get_current_time', toolUseId: 'call_1', outputSummary: '2026-01-01 10:00:00', durationMs: null, status: 'done', output: '2026-01-01 10:00:00' },
        id: '7',
      },
      { type: 'token', data: { text: 'It is' }, id: '8' },
      { type: 'token', data: { text: ' 10:00.' }, id: '10' },
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with the thinking, the call and its return, two turns and the answer, done on close', () => {
    const s = storeAfter(result);
    const message = lastMessage(s);
    expect(s.status).toBe('done');
    expect(message).toMatchObject({ text: 'It is 10:00.', status: 'complete' });
    expect(message.parts.map((p) => p.kind)).toEqual(['turn', 'thinking', 'tool', 'turn', 'text']);
    expect(s.thinking.byId[s.thinking.ids[0]!]).toMatchObject({ text: 'Need the clock.', status: 'complete' });
    expect(s.turns.map((t) => t.turnNumber)).toEqual([1, 2]);
    expect(s.toolCalls.ids).toEqual(['call_1']);
    expect(s.toolCalls.byId.call_1).toMatchObject({
      name: 'get_current_time',
      status: 'done',
      args: {},
      outputSummary: '2026-01-01 10:00:00',
      output: '2026-01-01 10:00:00',
      errorText: null,
      turn: 1,
    });
    expect(s.usage).toEqual({ inputTokens: null, outputTokens: null, totalCostUsd: null, model: null });
    expect(s.errors).toEqual([]);
  });
});

describe('pydantic-ai-stream: parallel calls, infos, a developer error, emoji', () => {
  const result = run(fixture('tools.sse'));

  it('maps progress infos, parallel calls, structured returns and unknown types', () => {
    const returnA = { temp: 4, sky: 'rain 🌧️' };
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'progress', data: { step: 'plan', percentage: 10, message: 'Planning', subProgress: { current: 1, total: 3, itemTitle: 'Oslo' } }, id: '1' },
      { type: 'turn', data: { turnNumber: 1, totalTools: null }, id: '2' },
      { type: 'thinking', data: { text: 'Two cities, ' }, id: '3' },
      { type: 'thinking', data: { text: 'two calls.' }, id: '4' },
      { type: 'token', data: { text: 'Checking… ' }, id: '6' },
      { type: 'tool_use', data: { toolName: 'weather', toolUseId: 'call_a', inputSummary: '', status: 'running', args: { city: 'Oslo' } }, id: '7' },
      { type: 'tool_use', data: { toolName: 'weather', toolUseId: 'call_b', inputSummary: '', status: 'running', args: { city: 'Zürich', units: ['C', 'F'] } }, id: '8' },
      { type: 'custom', data: { type: 'info', data: record('info', { note: 'cache miss' }, 'developer') }, id: '10' },
      {
        type: 'error',
        data: { errorType: 'error', message: 'rate limited, retrying', details: { msg: 'rate limited, retrying', retry_after: 2 } },
        id: '11',
      },
      { type: 'turn', data: { turnNumber: 2, totalTools: null }, id: '12' },
      {
        type: 'tool_result',
        data: { toolName: 'weather', toolUseId: 'call_a', outputSummary: JSON.stringify(returnA), durationMs: null, status: 'done', output: returnA },
        id: '13',
      },
      { type: 'tool_result', data: { toolName: 'weather', toolUseId: 'call_b', outputSummary: '12 °C', durationMs: null, status: 'done', output: '12 °C' }, id: '14' },
      { type: 'custom', data: { type: 'builtin-tool-call', data: record('event', { idx: 1, event: 'builtin-tool-call', tool_name: 'web_search' }) }, id: '15' },
      { type: 'token', data: { text: 'Oslo: 4 °C 🌧️, ' }, id: '17' },
      { type: 'token', data: { text: 'Zürich: 12 °C ☀️.' }, id: '18' },
      { type: 'custom', data: { type: 'usage', data: record('usage', { tokens: 120 }, 'developer') }, id: '20' },
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store where the developer error is recorded and the run still ends done', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s).text).toBe('Checking… Oslo: 4 °C 🌧️, Zürich: 12 °C ☀️.');
    expect(s.toolCalls.ids).toEqual(['call_a', 'call_b']);
    expect(s.toolCalls.byId.call_a).toMatchObject({ status: 'done', args: { city: 'Oslo' }, output: { temp: 4, sky: 'rain 🌧️' } });
    expect(s.toolCalls.byId.call_b).toMatchObject({ status: 'done', outputSummary: '12 °C' });
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ code: 'agent', errorType: 'error', message: 'rate limited, retrying' });
    expect(s.custom.map((c) => c.type)).toEqual(['info', 'builtin-tool-call', 'usage']);
    expect(s.progress).toMatchObject({ step: 'plan', percentage: 10 });
  });
});

describe('pydantic-ai-stream: how a run ends', () => {
  it('ends the run with status error on the runner\'s "canceled", and the close is no clean end', () => {
    const result = run(fixture('canceled.sse'));
    expect(result.items.at(-1)).toStrictEqual({
      type: 'error',
      data: { errorType: 'canceled', message: 'canceled', details: { msg: 'canceled' }, terminal: true },
      id: '3',
    });
    expect(result.endsRun).toBe(false);
    const s = storeAfter(result);
    expect(s.status).toBe('error');
    expect(lastMessage(s)).toMatchObject({ text: 'Let me ', status: 'error' });
    expect(s.errors.map((e) => e.code)).toEqual(['agent']);
  });

  it('treats "crashed - …" as terminal and any other error as the application\'s, not terminal', () => {
    const crashed = run(frame(record('error', { msg: 'crashed - ValueError: boom' }, 'developer')));
    expect(crashed.items).toStrictEqual([
      { type: 'error', data: { errorType: 'crashed', message: 'crashed - ValueError: boom', details: { msg: 'crashed - ValueError: boom' }, terminal: true }, id: '0' },
    ]);
    const other = run(frame(record('error', { code: 7 }, 'billing')));
    expect(other.items).toStrictEqual([{ type: 'error', data: { errorType: 'error', message: '{"code":7}', details: { code: 7 } }, id: '0' }]);
    expect(other.endsRun).toBe(false);
  });

  it('ends with done on an `end` record a server forwards', () => {
    const result = run(frame(record('begin', { session_id: 's' }, 'pydantic-ai-stream')), frame({ type: 'end', origin: 'pydantic-ai-stream', body: {} }));
    expect(result.items).toStrictEqual([
      { type: 'done', data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null }, id: '1' },
    ]);
    expect(storeAfter(result).status).toBe('done');
  });

  it('converges when a re-listen after a drop replays the records from begin', () => {
    const whole = new TextDecoder().decode(fixture('basic.sse'));
    // The first listen drops just before the first request's end.
    const dropped = whole.slice(0, whole.lastIndexOf('data:', whole.indexOf('"llm-end"')));
    expect(storeAfter(run(dropped, whole))).toEqual(storeAfter(run(whole)));
  });
});

describe('pydantic-ai-stream: bad frames', () => {
  it('reports bad JSON and wrong shapes as errors, keeps unknown kinds as custom, and goes on', () => {
    const result = run(
      frame('not json'),
      frame('[1, 2]'),
      frame({ origin: 'x', body: {} }),
      frame({ type: 'event', origin: 'pydantic-ai' }),
      frame(record('event', { idx: 0, event: 'part_start', event_idx: 1, part_kind: 'tool-call', tool_name: 'f' })),
      frame(record('event', { idx: 0, event: 'part_delta', event_idx: 0, part_delta_kind: 'text', content_delta: 42 })),
      frame(record('event', { idx: 0, event: 'part_delta', event_idx: 2, part_delta_kind: 'tool_call', args_delta: '{' })),
      frame(record('event', { idx: 0, event: 'part_start', event_idx: 3, part_kind: 'file' })),
      frame(record('event', { idx: 0, event: 'part_delta', event_idx: 0, part_delta_kind: 'text', content_delta: 'still here' })),
    );
    expect(comparable(result.items)).toEqual([
      { error: 'parse', severity: 'error', message: 'pydantic-ai-stream: a frame\'s data is not JSON: "not json"' },
      { error: 'schema', severity: 'error', message: 'pydantic-ai-stream: expected a JSON object, got "[1, 2]"' },
      { error: 'schema', severity: 'error', message: 'pydantic-ai-stream: a record without a string "type"' },
      { error: 'schema', severity: 'error', message: 'pydantic-ai-stream: a "event" record without a "body" object' },
      { error: 'schema', severity: 'error', message: 'pydantic-ai-stream: a "part_start tool-call" chunk without a string "tool_call_id"' },
      { error: 'schema', severity: 'error', message: 'pydantic-ai-stream: a text part\'s "content_delta" is not a string' },
      { type: 'custom', data: { type: 'part_delta', data: record('event', { idx: 0, event: 'part_delta', event_idx: 2, part_delta_kind: 'tool_call', args_delta: '{' }) }, id: '6' },
      { type: 'custom', data: { type: 'part_start', data: record('event', { idx: 0, event: 'part_start', event_idx: 3, part_kind: 'file' }) }, id: '7' },
      { type: 'token', data: { text: 'still here' }, id: '8' },
    ]);
  });

  it('reads a delta by its part when it names no kind (the README spelling, or none)', () => {
    const result = run(
      frame(record('event', { idx: 0, event: 'part_start', event_idx: 0, part_kind: 'thinking', content: '' })),
      frame(record('event', { idx: 0, event: 'part_delta', event_idx: 0, content_delta: 'hmm' })),
      frame(record('event', { idx: 0, event: 'part_delta', event_idx: 1, part_kind: 'text', content_delta: 'Hi' })),
    );
    expect(result.items).toStrictEqual([
      { type: 'thinking', data: { text: 'hmm' }, id: '1' },
      { type: 'token', data: { text: 'Hi' }, id: '2' },
    ]);
  });

  it('reads an info with a progress field that has the wrong type as progress, with a warning', () => {
    const result = run(frame(record('info', { step: 'index', percentage: 'half' }, 'developer')));
    expect(comparable(result.items)).toEqual([
      { error: 'schema', severity: 'warning', message: 'Frame "progress": field "percentage" must be a number, got string; using null' },
      { type: 'progress', data: { step: 'index', percentage: null, message: '' }, id: '0' },
    ]);
  });
});

describe('pydantic-ai-stream: any chunking', () => {
  it.each(FIXTURES)('%s gives the same events one byte at a time and split anywhere', (name) => {
    expectSameEventsForAnySplit(pydanticAiStream, fixture(name), { numRuns: 150 });
  });
});

describeDetect(pydanticAiStream, { fixtures: FIXTURES, ownKeys: ['pydantic-ai-stream'] }, () => {
  it('does not claim a named event', () => {
    expect(pydanticAiStream.detect?.(sseProbe({ event: 'begin', data: JSON.stringify(record('begin', {}, 'pydantic-ai-stream')) }))).toBe(false);
  });
});
