import Anthropic, { APIError } from '@anthropic-ai/sdk';
import type { Message, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { Stream } from '@anthropic-ai/sdk/streaming';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anthropic } from '../../src/adapters/anthropic';
import type { AgentEvent } from '../../src/core/protocol';
import { describeDetect, errorsOf, eventsOf, expectSameEventsForAnySplit, fetchReturning, readAdapterFixture, runAdapter, sseProbe, sseResponse, storeAfter } from '../helpers/adapter-run';

const FIXTURES = ['thinking-tools.sse', 'server-tools.sse', 'agent-loop.sse', 'refusal.sse', 'error.sse'];
const bytesOf = (name: string) => readAdapterFixture(`anthropic/${name}`);
const MODEL = 'claude-sonnet-4-5-20250929';

/** The final message of the Anthropic SDK's `MessageStream` over `body`. */
function finalMessage(body: Uint8Array): Promise<Message> {
  const client = new Anthropic({ apiKey: 'test', maxRetries: 0, fetch: fetchReturning(body) });
  // The request's model is not the fixture's: the SDK warns about requests for retired models.
  return client.messages.stream({ model: 'claude-fixture', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
}

/** Total input tokens as Anthropic defines them: uncached, cache-written and cache-read. */
const inputTokensOf = (message: Message) => message.usage.input_tokens + (message.usage.cache_creation_input_tokens ?? 0) + (message.usage.cache_read_input_tokens ?? 0);

/** A named-event SSE body of Anthropic events. */
const body = (...events: Record<string, unknown>[]) => events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
const start = { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'c', content: [], usage: { input_tokens: 5, output_tokens: 1 } } };
const stop = (reason: string) => [{ type: 'message_delta', delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: 9 } }, { type: 'message_stop' }];

const turn = (turnNumber: number): AgentEvent => ({ type: 'turn', data: { turnNumber, totalTools: null } });
const usage = (inputTokens: number, outputTokens: number): AgentEvent => ({ type: 'usage', data: { inputTokens, outputTokens, totalCostUsd: null, model: MODEL } });
const token = (text: string): AgentEvent => ({ type: 'token', data: { text } });
const toolArgs = (toolName: string, toolUseId: string, delta: string, args: unknown): AgentEvent => ({ type: 'tool_args', data: { toolUseId, toolName, delta, args } });
const toolUse = (toolName: string, toolUseId: string, status: 'running' | 'ready', args: unknown): AgentEvent => ({
  type: 'tool_use',
  data: { toolName, toolUseId, inputSummary: '', status, args },
});
const done = (messageId: string, stopReason: string): AgentEvent => ({
  type: 'done',
  data: { messageId, numTurns: null, toolCount: null, durationMs: null, model: MODEL, totalCostUsd: null, stopReason },
});

describe('anthropic fixtures, as the Anthropic SDK reads them', () => {
  it('maps thinking, text and parallel client tools with streamed input, ready at their block stop', async () => {
    const message = await finalMessage(bytesOf('thinking-tools.sse'));
    const decoded = runAdapter(anthropic, bytesOf('thinking-tools.sse'));
    expect(decoded.items).toEqual([
      turn(1),
      usage(1420, 1),
      { type: 'thinking', data: { text: 'The user wants the weather in two cities.' } },
      { type: 'thinking', data: { text: '\nCall the tool for each, in parallel.' } },
      token("I'll check "),
      token('both cities.'),
      toolArgs('get_weather', 'toolu_01Paris', '', undefined),
      toolArgs('get_weather', 'toolu_01Paris', '{"city": "Pa', { city: 'Pa' }),
      toolArgs('get_weather', 'toolu_01Paris', 'ris"}', { city: 'Paris' }),
      toolUse('get_weather', 'toolu_01Paris', 'ready', { city: 'Paris' }),
      toolArgs('get_weather', 'toolu_01Oslo', '', undefined),
      toolArgs('get_weather', 'toolu_01Oslo', '{"city":"Oslo",', { city: 'Oslo' }),
      toolArgs('get_weather', 'toolu_01Oslo', '"unit":"celsius"}', { city: 'Oslo', unit: 'celsius' }),
      toolUse('get_weather', 'toolu_01Oslo', 'ready', { city: 'Oslo', unit: 'celsius' }),
      usage(1420, 89),
      // Stopped for tools: the clean close is what ends the run.
      done('msg_01A', 'tool_use'),
    ]);
    expect(decoded.endsRun).toBe(true);

    const state = storeAfter(decoded);
    const blocks = message.content;
    expect(Object.values(state.thinking.byId).map((block) => block.text)).toEqual(blocks.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : [])));
    expect(state.messages.byId[state.messages.ids[0]!]).toMatchObject({ text: blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''), status: 'complete' });
    const calls = blocks.flatMap((block) => (block.type === 'tool_use' ? [block] : []));
    expect(state.toolCalls.ids).toEqual(calls.map((call) => call.id));
    for (const call of calls) {
      expect(state.toolCalls.byId[call.id]).toMatchObject({ name: call.name, args: call.input, status: 'ready', turn: 1 });
      expect(JSON.parse(state.toolCalls.byId[call.id]!.argsText)).toEqual(call.input);
    }
    expect(state.usage).toEqual({ inputTokens: inputTokensOf(message), outputTokens: message.usage.output_tokens, totalCostUsd: null, model: MODEL });
    expect(state.turns).toEqual([{ turnNumber: 1, totalTools: null, messageId: state.messages.ids[0] }]);
    expect(state.status).toBe('done');
  });

  it('runs server tools to their result blocks, an error result as a tool error, and keeps citations', async () => {
    const message = await finalMessage(bytesOf('server-tools.sse'));
    const decoded = runAdapter(anthropic, bytesOf('server-tools.sse'));
    const results = message.content.flatMap((block) => (block.type === 'web_search_tool_result' || block.type === 'web_fetch_tool_result' ? [block.content] : []));
    const citation = message.content.flatMap((block) => (block.type === 'text' ? (block.citations ?? []) : []))[0];
    expect(decoded.items).toEqual([
      turn(1),
      usage(2100, 3),
      token('Let me search.'),
      toolArgs('web_search', 'srvtoolu_01', '', undefined),
      toolArgs('web_search', 'srvtoolu_01', '{"query": "Oslo weather"}', { query: 'Oslo weather' }),
      toolUse('web_search', 'srvtoolu_01', 'running', { query: 'Oslo weather' }),
      { type: 'tool_result', data: { toolName: 'web_search', toolUseId: 'srvtoolu_01', outputSummary: JSON.stringify(results[0]), durationMs: null, output: results[0], status: 'done' } },
      toolArgs('web_fetch', 'srvtoolu_02', '', undefined),
      toolArgs('web_fetch', 'srvtoolu_02', '{"url": "https://down.example/"}', { url: 'https://down.example/' }),
      toolUse('web_fetch', 'srvtoolu_02', 'running', { url: 'https://down.example/' }),
      {
        type: 'tool_result',
        data: { toolName: 'web_fetch', toolUseId: 'srvtoolu_02', outputSummary: JSON.stringify(results[1]), durationMs: null, output: results[1], status: 'error', errorText: 'url_not_accessible' },
      },
      { type: 'custom', data: { type: 'citations_delta', data: { type: 'content_block_delta', index: 5, delta: { type: 'citations_delta', citation } } } },
      token('It is 4 °C in Oslo.'),
      usage(2100, 120),
      done('msg_01S', 'end_turn'),
    ]);
    const state = storeAfter(decoded);
    expect(state.toolCalls.byId.srvtoolu_01).toMatchObject({ status: 'done', output: results[0] });
    expect(state.toolCalls.byId.srvtoolu_02).toMatchObject({ status: 'error', errorText: 'url_not_accessible' });
    expect(state.usage).toMatchObject({ inputTokens: inputTokensOf(message), outputTokens: message.usage.output_tokens });
  });

  it('reads several messages of a proxied agent loop as turns of one run, usage summed across them', async () => {
    const text = new TextDecoder().decode(bytesOf('agent-loop.sse'));
    const second = text.indexOf('event: message_start', 1);
    // MessageStream reads one message per stream: each message is checked on its own.
    const encoder = new TextEncoder();
    const [first, last] = await Promise.all([finalMessage(encoder.encode(text.slice(0, second))), finalMessage(encoder.encode(text.slice(second)))]);

    const decoded = runAdapter(anthropic, bytesOf('agent-loop.sse'));
    expect(decoded.items).toEqual([
      turn(1),
      usage(300, 1),
      token('Looking it up.'),
      toolArgs('get_time', 'toolu_01Clock', '', undefined),
      toolArgs('get_time', 'toolu_01Clock', '{}', {}),
      toolUse('get_time', 'toolu_01Clock', 'ready', {}),
      usage(300, 40),
      turn(2),
      usage(980, 41),
      token('It is 10:00 in Oslo.'),
      usage(980, 52),
      done('msg_01L2', 'end_turn'),
    ]);
    const state = storeAfter(decoded);
    expect(state.messages.ids).toHaveLength(1);
    expect(state.turns.map((t) => t.turnNumber)).toEqual([1, 2]);
    expect(state.toolCalls.byId.toolu_01Clock).toMatchObject({ turn: 1, status: 'ready' });
    expect(state.usage).toMatchObject({
      inputTokens: inputTokensOf(first) + inputTokensOf(last),
      outputTokens: first.usage.output_tokens + last.usage.output_tokens,
    });
    expect(state.status).toBe('done');
  });

  it('completes a refused message with its stop reason', async () => {
    const message = await finalMessage(bytesOf('refusal.sse'));
    const decoded = runAdapter(anthropic, bytesOf('refusal.sse'));
    expect(decoded.items).toEqual([turn(1), usage(25, 1), token("I can't help with that."), usage(25, 8), done('msg_01R', message.stop_reason!)]);
    expect(storeAfter(decoded).done).toMatchObject({ stopReason: 'refusal' });
  });

  it('ends the run with a terminal error on an error event, where the SDK throws', async () => {
    const thrown = await finalMessage(bytesOf('error.sse')).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(APIError);
    const decoded = runAdapter(anthropic, bytesOf('error.sse'));
    expect(decoded.items).toEqual([
      turn(1),
      usage(25, 1),
      token('Partial'),
      { type: 'error', data: { errorType: (thrown as APIError).type, message: 'Overloaded', details: { type: 'overloaded_error', message: 'Overloaded' }, terminal: true } },
    ]);
    expect(decoded.endsRun).toBe(true);
    const state = storeAfter(decoded);
    expect(state.status).toBe('error');
    expect(state.messages.byId[state.messages.ids[0]!]).toMatchObject({ text: 'Partial', status: 'error' });
  });

  it('every fixture is a stream the SDK parser reads whole, pings left out', async () => {
    for (const name of FIXTURES.filter((n) => n !== 'error.sse')) {
      const events: RawMessageStreamEvent[] = [];
      for await (const event of Stream.fromSSEResponse<RawMessageStreamEvent>(sseResponse(bytesOf(name)), new AbortController())) events.push(event);
      expect(events.at(-1)?.type).toBe('message_stop');
    }
  });
});

describe('anthropic under any chunking', () => {
  it('gives the same events fed one byte at a time and for any split of the bytes', () => {
    expectSameEventsForAnySplit(anthropic, FIXTURES.map(bytesOf));
  });
});

describe('anthropic end of stream', () => {
  it('treats a close inside a message as a drop: a ready call stays ready, a streaming one is interrupted', () => {
    const decoded = runAdapter(
      anthropic,
      body(
        start,
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't1', name: 'f', input: {} } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't2', name: 'g', input: {} } },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      ),
    );
    expect(decoded.endsRun).toBe(false);
    const state = storeAfter(decoded);
    expect(state.toolCalls.byId.t1).toMatchObject({ status: 'ready', args: {} });
    expect(state.toolCalls.byId.t2).toMatchObject({ status: 'interrupted', argsText: '{"a":' });
  });

  it('ends at message_stop for a final stop reason, and ignores what follows the end', () => {
    const decoded = runAdapter(anthropic, body(start, ...stop('end_turn'), start));
    expect(eventsOf(decoded).map((event) => event.type)).toEqual(['turn', 'usage', 'usage', 'done']);
    expect(decoded.endsRun).toBe(true);
  });

  it('waits, after a stop for tools, for the next message or the close', () => {
    const decoder = anthropic.createDecoder();
    const items: unknown[] = [];
    const emit = (item: unknown) => void items.push(item);
    for (const event of [start, ...stop('pause_turn')]) decoder.decode({ event: String(event.type), data: JSON.stringify(event) }, emit);
    expect(items.some((item) => (item as AgentEvent).type === 'done')).toBe(false);
    expect(decoder.close(emit)).toBe(true);
    expect(items.at(-1)).toMatchObject({ type: 'done', data: { messageId: 'msg_1', stopReason: 'pause_turn' } });
  });
});

describe('anthropic blocks', () => {
  it('takes a tool input sent whole at the block start, {} when none streams, and refuses a call without id', () => {
    const decoded = runAdapter(
      anthropic,
      body(
        start,
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't2', name: 'g' } },
        { type: 'content_block_stop', index: 1 },
        { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', name: 'no_id' } },
        { type: 'content_block_stop', index: 2 },
      ),
    );
    expect(eventsOf(decoded).filter((event) => event.type === 'tool_use')).toEqual([toolUse('f', 't1', 'ready', { a: 1 }), toolUse('g', 't2', 'ready', {})]);
    expect(errorsOf(decoded)).toMatchObject([{ code: 'schema', message: 'anthropic: a tool_use block has no id' }]);
  });

  it('shows no encrypted thinking, and keeps unknown blocks, deltas and events as custom', () => {
    const block = { type: 'content_block_start', index: 0, content_block: { type: 'container_upload', file_id: 'f1' } };
    const delta = { type: 'content_block_delta', index: 0, delta: { type: 'future_delta', x: 1 } };
    const decoded = runAdapter(
      anthropic,
      body(start, { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy' } }, block, delta, { type: 'future_event', y: 2 }),
    );
    expect(decoded.items.slice(2)).toEqual([
      { type: 'custom', data: { type: 'container_upload', data: block } },
      { type: 'custom', data: { type: 'future_delta', data: delta } },
      { type: 'custom', data: { type: 'future_event', data: { type: 'future_event', y: 2 } } },
    ]);
  });
});

describe('anthropic bad frames', () => {
  it('reports bad JSON and wrong shapes, and goes on', () => {
    const decoded = runAdapter(
      anthropic,
      'event: message_start\ndata: {oops\n\n' +
        body(
          { type: 'message_start' },
          { type: 'content_block_start', index: 'x' },
          { type: 'content_block_delta', index: 0 },
          { type: 'content_block_delta', index: 7, delta: { type: 'input_json_delta', partial_json: '{' } },
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
        ) +
        'data: {"no":"type"}\n\n',
    );
    expect(errorsOf(decoded).map((error) => [error.code, error.eventType])).toEqual([
      ['parse', 'message_start'],
      ['schema', 'message_start'],
      ['schema', 'content_block_start'],
      ['schema', 'content_block_delta'],
      ['schema', 'content_block_delta'],
      ['schema', undefined],
    ]);
    expect(eventsOf(decoded)).toEqual([token('ok')]);
  });

  it('never throws, whatever the frames', () => {
    const type = fc.constantFrom('message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'error', 'ping', 'x');
    const frame = fc.record({
      event: fc.option(type, { nil: undefined }),
      data: fc.oneof(
        fc.string(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.record({ type, index: fc.jsonValue(), message: fc.jsonValue(), content_block: fc.jsonValue(), delta: fc.jsonValue(), usage: fc.jsonValue(), error: fc.jsonValue() }).map((v) => JSON.stringify(v)),
      ),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 8 }), (frames) => {
        const decoder = anthropic.createDecoder();
        for (const f of frames) decoder.decode(f, () => {});
        decoder.close(() => {});
      }),
      { numRuns: 300 },
    );
  });
});

describeDetect(
  anthropic,
  { fixtures: FIXTURES, frames: { 'an error first': { event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' } }, ownKeys: ['anthropic'] },
  () => {
    it('refuses an error event in the OpenAI shape', () => {
      expect(anthropic.detect!(sseProbe({ event: 'error', data: '{"type":"error","code":"server_error","message":"x"}' }))).toBe(false);
    });
  },
);
