import fc from 'fast-check';
import OpenAI from 'openai';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { Response as OpenAIResponse, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { Stream } from 'openai/streaming';
import { describe, expect, it } from 'vitest';
import { openaiResponses } from '../../src/adapters/openai-responses';
import type { AgentEvent } from '../../src/core/protocol';
import { describeDetect, errorsOf, eventsOf, expectSameEventsForAnySplit, fetchReturning, readAdapterFixture, runAdapter, sseResponse, storeAfter } from '../helpers/adapter-run';

const FIXTURES = ['reasoning-text.sse', 'function-calls.sse', 'builtin-tools.sse', 'refusal.sse', 'failed.sse', 'incomplete.sse'];
const bytesOf = (name: string) => readAdapterFixture(`openai-responses/${name}`);

/**
 * What the OpenAI SDK's Responses stream helper makes of a fixture: its final response, and the
 * output its accumulator builds from the streamed events alone (before the terminal event restates it).
 */
async function readWithSdk(name: string) {
  const client = new OpenAI({ apiKey: 'test', maxRetries: 0, fetch: fetchReturning(bytesOf(name)) });
  const stream = client.responses.stream({ model: 'm', input: 'hi' });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const final = await stream.finalResponse();
  let streamed: OpenAIResponse | undefined;
  for (const event of events.slice(0, -1)) streamed = accumulateResponse(event, streamed);
  expect(final.output).toMatchObject(streamed!.output);
  return final;
}

/** A named-event SSE body of Responses events. */
const body = (...events: Record<string, unknown>[]) => events.map((event) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`).join('');
const created = { type: 'response.created', response: { id: 'resp_1', model: 'm', status: 'in_progress', output: [] } };
const completed = { type: 'response.completed', response: { id: 'resp_1', model: 'm', status: 'completed', output: [] } };

const toolUse = (toolName: string, toolUseId: string, status: 'running' | 'ready', args: unknown): AgentEvent => ({
  type: 'tool_use',
  data: { toolName, toolUseId, inputSummary: '', status, args },
});
const toolArgs = (toolName: string, toolUseId: string, delta: string, args: unknown): AgentEvent => ({ type: 'tool_args', data: { toolUseId, toolName, delta, args } });
const usage = (inputTokens: number, outputTokens: number, model: string): AgentEvent => ({ type: 'usage', data: { inputTokens, outputTokens, totalCostUsd: null, model } });
const done = (messageId: string, model: string, stopReason: string | null): AgentEvent => ({
  type: 'done',
  data: { messageId, numTurns: null, toolCount: null, durationMs: null, model, totalCostUsd: null, stopReason },
});

describe('openai-responses fixtures, as the OpenAI SDK reads them', () => {
  it('maps reasoning summaries to thinking (parts as paragraphs), output text to text, and the completed usage', async () => {
    const final = await readWithSdk('reasoning-text.sse');
    const decoded = runAdapter(openaiResponses, bytesOf('reasoning-text.sse'));
    expect(decoded.items).toEqual([
      { type: 'thinking', data: { text: '**Choosing a form**\n\nA haiku ' } },
      { type: 'thinking', data: { text: 'fits: three short lines.' } },
      { type: 'thinking', data: { text: '\n\n' } },
      { type: 'thinking', data: { text: '**Counting**\n\nFive, seven, ' } },
      { type: 'thinking', data: { text: 'five syllables.' } },
      { type: 'token', data: { text: 'Autumn moonlight—\n' } },
      { type: 'token', data: { text: 'a worm digs silently\n' } },
      { type: 'token', data: { text: 'into the chestnut. 🌰' } },
      usage(20, 60, 'o4-mini-2025-04-16'),
      done('resp_r1', 'o4-mini-2025-04-16', null),
    ]);
    expect(decoded.endsRun).toBe(true);

    const state = storeAfter(decoded);
    const reasoning = final.output.find((item) => item.type === 'reasoning');
    // One block: the summary's parts as paragraphs.
    expect(Object.values(state.thinking.byId).map((block) => block.text)).toEqual([reasoning?.type === 'reasoning' ? reasoning.summary.map((part) => part.text).join('\n\n') : null]);
    expect(state.messages.byId[state.messages.ids[0]!]).toMatchObject({ text: final.output_text, status: 'complete' });
    expect(state.usage).toEqual({ inputTokens: final.usage!.input_tokens, outputTokens: final.usage!.output_tokens, totalCostUsd: null, model: 'o4-mini-2025-04-16' });
    expect(state.status).toBe('done');
  });

  it('streams function call arguments by item and makes each call ready when its arguments are done', async () => {
    const final = await readWithSdk('function-calls.sse');
    const decoded = runAdapter(openaiResponses, bytesOf('function-calls.sse'));
    expect(decoded.items).toEqual([
      { type: 'token', data: { text: 'Checking both cities.' } },
      toolArgs('get_weather', 'call_paris', '', undefined),
      toolArgs('get_weather', 'call_paris', '{"ci', {}),
      toolArgs('get_weather', 'call_paris', 'ty": "Par', { city: 'Par' }),
      toolArgs('get_weather', 'call_paris', 'is"}', { city: 'Paris' }),
      toolUse('get_weather', 'call_paris', 'ready', { city: 'Paris' }),
      toolArgs('get_weather', 'call_oslo', '', undefined),
      toolArgs('get_weather', 'call_oslo', '{"city": "Oslo", ', { city: 'Oslo' }),
      toolArgs('get_weather', 'call_oslo', '"unit": "celsius"}', { city: 'Oslo', unit: 'celsius' }),
      toolUse('get_weather', 'call_oslo', 'ready', { city: 'Oslo', unit: 'celsius' }),
      usage(85, 48, 'gpt-4.1-2025-04-14'),
      done('resp_t1', 'gpt-4.1-2025-04-14', null),
    ]);

    const state = storeAfter(decoded);
    const calls = final.output.flatMap((item) => (item.type === 'function_call' ? [item] : []));
    expect(state.toolCalls.ids).toEqual(calls.map((call) => call.call_id));
    for (const call of calls) {
      expect(state.toolCalls.byId[call.call_id]).toMatchObject({ name: call.name, argsText: call.arguments, args: JSON.parse(call.arguments), status: 'ready' });
    }
    expect(state.messages.byId[state.messages.ids[0]!]!.text).toBe(final.output_text);
    expect(state.status).toBe('done');
  });

  it('runs built-in tools from running to their outcome, a failed MCP call as an error', async () => {
    const final = await readWithSdk('builtin-tools.sse');
    const decoded = runAdapter(openaiResponses, bytesOf('builtin-tools.sse'));
    expect(decoded.items).toEqual([
      toolUse('web_search', 'ws_1', 'running', { type: 'search', query: 'Oslo weather' }),
      toolUse('web_search', 'ws_1', 'running', { type: 'search', query: 'Oslo weather', sources: [{ type: 'url', url: 'https://weather.example/oslo' }] }),
      { type: 'tool_result', data: { toolName: 'web_search', toolUseId: 'ws_1', outputSummary: '', durationMs: null, status: 'done' } },
      toolUse('lookup_station', 'mcp_1', 'running', undefined),
      toolArgs('lookup_station', 'mcp_1', '{"station":', {}),
      toolArgs('lookup_station', 'mcp_1', '"OSL"}', { station: 'OSL' }),
      toolUse('lookup_station', 'mcp_1', 'running', { station: 'OSL' }),
      {
        type: 'tool_result',
        data: { toolName: 'lookup_station', toolUseId: 'mcp_1', outputSummary: 'Station service unavailable', durationMs: null, status: 'error', errorText: 'Station service unavailable' },
      },
      { type: 'token', data: { text: 'It is 4 °C in Oslo.' } },
      usage(310, 25, 'gpt-4.1-2025-04-14'),
      done('resp_b1', 'gpt-4.1-2025-04-14', null),
    ]);

    const state = storeAfter(decoded);
    const mcp = final.output.find((item) => item.type === 'mcp_call');
    expect(state.toolCalls.byId.ws_1).toMatchObject({ name: 'web_search', status: 'done' });
    expect(state.toolCalls.byId.mcp_1).toMatchObject({ name: 'lookup_station', status: 'error', errorText: mcp?.type === 'mcp_call' ? mcp.error : null, args: { station: 'OSL' } });
    expect(state.messages.byId[state.messages.ids[0]!]!.text).toBe(final.output_text);
  });

  it('reports a refusal once, whole, as an error', async () => {
    const final = await readWithSdk('refusal.sse');
    const decoded = runAdapter(openaiResponses, bytesOf('refusal.sse'));
    const part = final.output[0]?.type === 'message' ? final.output[0].content[0] : undefined;
    expect(decoded.items).toEqual([
      { type: 'error', data: { errorType: 'refusal', message: part?.type === 'refusal' ? part.refusal : null, details: {} } },
      usage(15, 9, 'gpt-4o-2024-08-06'),
      done('resp_x1', 'gpt-4o-2024-08-06', null),
    ]);
    const state = storeAfter(decoded);
    expect(state.messages.byId[state.messages.ids[0]!]!.text).toBe('');
    expect(state.status).toBe('done');
  });

  it('reports the error event, then ends the run with the terminal response.failed', async () => {
    // The SDK's helper rejects on the error event; its raw parser and accumulator read the failure.
    await expect(readWithSdk('failed.sse')).rejects.toMatchObject({ message: 'The model failed to generate a response.' });
    let snapshot: OpenAIResponse | undefined;
    for await (const event of Stream.fromSSEResponse<ResponseStreamEvent>(sseResponse(bytesOf('failed.sse')), new AbortController())) {
      snapshot = accumulateResponse(event, snapshot);
    }
    expect(snapshot).toMatchObject({ status: 'failed', error: { code: 'server_error' } });

    const decoded = runAdapter(openaiResponses, bytesOf('failed.sse'));
    const { message } = snapshot!.error!;
    expect(decoded.items).toEqual([
      { type: 'token', data: { text: 'Partial' } },
      { type: 'error', data: { errorType: 'server_error', message, details: { type: 'error', sequence_number: 4, code: 'server_error', message, param: null } } },
      { type: 'error', data: { errorType: 'server_error', message, details: { code: 'server_error', message }, terminal: true } },
    ]);
    expect(decoded.endsRun).toBe(true);
    const state = storeAfter(decoded);
    expect(state.errors.map((error) => error.message)).toEqual([message, message]);
    expect(state.status).toBe('error');
    expect(state.messages.byId[state.messages.ids[0]!]).toMatchObject({ text: 'Partial', status: 'error' });
  });

  it('completes an incomplete response with its reason', async () => {
    const final = await readWithSdk('incomplete.sse');
    const decoded = runAdapter(openaiResponses, bytesOf('incomplete.sse'));
    expect(decoded.items).toEqual([{ type: 'token', data: { text: 'Once upon a' } }, usage(11, 4, 'gpt-4.1-mini'), done('resp_i1', 'gpt-4.1-mini', final.incomplete_details!.reason!)]);
    const state = storeAfter(decoded);
    expect(state.done).toMatchObject({ stopReason: 'max_output_tokens' });
    expect(state.status).toBe('done');
  });
});

describe('openai-responses under any chunking', () => {
  it('gives the same events fed one byte at a time and for any split of the bytes', () => {
    expectSameEventsForAnySplit(openaiResponses, FIXTURES.map(bytesOf));
  });
});

describe('openai-responses end of stream', () => {
  it('treats a close before a terminal event as a drop', () => {
    const text = new TextDecoder().decode(bytesOf('function-calls.sse'));
    const cut = text.slice(0, text.indexOf('event: response.function_call_arguments.done'));
    const decoded = runAdapter(openaiResponses, cut);
    expect(decoded.endsRun).toBe(false);
    const state = storeAfter(decoded);
    expect(state.toolCalls.byId.call_paris).toMatchObject({ argsText: '{"city": "Paris"}', status: 'interrupted' });
  });

  it('takes a close right after an error event as the server ending the run', () => {
    const decoded = runAdapter(openaiResponses, body(created, { type: 'error', code: 'rate_limit_exceeded', message: 'Slow down.', param: null }));
    expect(decoded.endsRun).toBe(true);
    expect(storeAfter(decoded).status).toBe('error');
  });

  it('ignores what follows the terminal event', () => {
    const decoded = runAdapter(openaiResponses, body(created, completed, { type: 'response.output_text.delta', item_id: 'm', delta: 'late' }));
    expect(eventsOf(decoded)).toEqual([done('resp_1', 'm', null)]);
  });
});

describe('openai-responses items', () => {
  it('answers a client call with the output item the server ran it for', () => {
    const call = { id: 'sh_1', type: 'shell_call', call_id: 'call_sh', status: 'completed', action: { commands: ['ls'] } };
    const output = { id: 'sho_1', type: 'shell_call_output', call_id: 'call_sh', status: 'completed', output: [{ stdout: 'a.txt\n' }] };
    const decoded = runAdapter(
      openaiResponses,
      body(created, { type: 'response.output_item.added', output_index: 0, item: call }, { type: 'response.output_item.done', output_index: 0, item: call }, {
        type: 'response.output_item.done',
        output_index: 1,
        item: output,
      }),
    );
    expect(eventsOf(decoded)).toEqual([
      toolArgs('shell', 'call_sh', '', undefined),
      toolUse('shell', 'call_sh', 'ready', { commands: ['ls'] }),
      { type: 'tool_result', data: { toolName: 'shell', toolUseId: 'call_sh', outputSummary: '[{"stdout":"a.txt\\n"}]', durationMs: null, output: [{ stdout: 'a.txt\n' }], status: 'done' } },
    ]);
  });

  it('keeps a custom tool input as the text it is', () => {
    const item = { id: 'ct_1', type: 'custom_tool_call', call_id: 'call_ct', name: 'run_sql', input: '' };
    const decoded = runAdapter(
      openaiResponses,
      body(
        created,
        { type: 'response.output_item.added', output_index: 0, item },
        { type: 'response.custom_tool_call_input.delta', item_id: 'ct_1', output_index: 0, delta: 'SELECT 1' },
        { type: 'response.custom_tool_call_input.done', item_id: 'ct_1', output_index: 0, input: 'SELECT 1' },
      ),
    );
    expect(eventsOf(decoded).at(-1)).toEqual(toolUse('run_sql', 'call_ct', 'ready', 'SELECT 1'));
    // Even when the stream is then cut: a ready call is the client's, it stays ready.
    expect(storeAfter(decoded).toolCalls.byId.call_ct).toMatchObject({ argsText: 'SELECT 1', status: 'ready' });
  });

  it('keeps unmapped events and items as custom, and skips keep-alives', () => {
    const annotation = { type: 'response.output_text.annotation.added', item_id: 'm', output_index: 0, content_index: 0, annotation_index: 0, annotation: { type: 'url_citation' } };
    const approval = { id: 'mcpr_1', type: 'mcp_approval_request', name: 'delete', arguments: '{}', server_label: 's' };
    const decoded = runAdapter(
      openaiResponses,
      body(created, { type: 'keepalive' }, annotation, { type: 'response.output_item.done', output_index: 1, item: approval }, { type: 'response.future_thing', x: 1 }),
    );
    expect(decoded.items).toEqual([
      { type: 'custom', data: { type: 'response.output_text.annotation.added', data: annotation } },
      { type: 'custom', data: { type: 'mcp_approval_request', data: approval } },
      { type: 'custom', data: { type: 'response.future_thing', data: { type: 'response.future_thing', x: 1 } } },
    ]);
  });
});

describe('openai-responses bad frames', () => {
  it('reports bad JSON, missing types and objects, and deltas for unknown items, and goes on', () => {
    const decoded = runAdapter(
      openaiResponses,
      'event: response.created\ndata: {oops\n\n' +
        'data: {"no":"type"}\n\n' +
        body(
          { type: 'response.created' },
          { type: 'response.output_item.added', item: 'x' },
          { type: 'response.function_call_arguments.delta', item_id: 'nope', delta: '{' },
          { type: 'response.output_text.delta', item_id: 'm', delta: 'ok' },
        ),
    );
    expect(errorsOf(decoded).map((error) => [error.code, error.eventType])).toEqual([
      ['parse', 'response.created'],
      ['schema', undefined],
      ['schema', 'response.created'],
      ['schema', 'response.output_item.added'],
      ['schema', 'response.function_call_arguments.delta'],
    ]);
    expect(eventsOf(decoded)).toEqual([{ type: 'token', data: { text: 'ok' } }]);
  });

  it('never throws, whatever the frames', () => {
    const type = fc.constantFrom('response.created', 'response.completed', 'response.failed', 'response.output_item.added', 'response.output_item.done', 'response.function_call_arguments.delta', 'error', 'x');
    const frame = fc.record({ event: fc.option(type, { nil: undefined }), data: fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.record({ type, item: fc.jsonValue(), response: fc.jsonValue(), item_id: fc.jsonValue(), delta: fc.jsonValue() }).map((v) => JSON.stringify(v))) });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 8 }), (frames) => {
        const decoder = openaiResponses.createDecoder();
        for (const f of frames) decoder.decode(f, () => {});
        decoder.close(() => {});
      }),
      { numRuns: 300 },
    );
  });
});

describeDetect(openaiResponses, { fixtures: FIXTURES, frames: { 'a data-only response.created': { data: JSON.stringify(created) } }, ownKeys: ['openai-responses'] });
