import fc from 'fast-check';
import OpenAI, { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { openaiChat } from '../../src/adapters/openai-chat';
import { AgentStreamError } from '../../src/core/errors';
import { type AdapterRun, describeDetect, errorsOf, eventsOf, expectSameEventsForAnySplit, fetchReturning, readAdapterFixture, runAdapter, storeAfter } from '../helpers/adapter-run';

const FIXTURES = ['text-reasoning.sse', 'parallel-tools.sse', 'refusal.sse', 'error.sse'];
const bytesOf = (name: string) => readAdapterFixture(`openai-chat/${name}`);

/** What the OpenAI SDK's own stream helper makes of a fixture: the chunks it parsed and its final completion. */
async function readWithSdk(name: string) {
  const client = new OpenAI({ apiKey: 'test', maxRetries: 0, fetch: fetchReturning(bytesOf(name)) });
  const stream = client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: true } });
  let reasoning = '';
  stream.on('chunk', (chunk) => {
    reasoning += (chunk.choices[0]?.delta as { reasoning_content?: string | null } | undefined)?.reasoning_content ?? '';
  });
  const completion = await stream.finalChatCompletion();
  return { completion, message: completion.choices[0]!.message, reasoning };
}

/** A data-only SSE body of `chunks` (objects are JSON-encoded). */
const body = (...chunks: unknown[]) => chunks.map((chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`).join('');
const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, index = 0) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  model: 'm',
  choices: [{ index, delta, finish_reason: finishReason }],
});

describe('openai-chat fixtures, as the OpenAI SDK reads them', () => {
  it('maps reasoning_content to thinking, content to text, the usage chunk and [DONE]', async () => {
    const sdk = await readWithSdk('text-reasoning.sse');
    const decoded = runAdapter(openaiChat, bytesOf('text-reasoning.sse'));
    expect(decoded.items).toEqual([
      { type: 'thinking', data: { text: 'The user greets me in French' } },
      { type: 'thinking', data: { text: ' — answer in kind, briefly.' } },
      { type: 'token', data: { text: 'Bonjour' } },
      { type: 'token', data: { text: ' ! Ça va ? 👋' } },
      { type: 'usage', data: { inputTokens: 12, outputTokens: 30, totalCostUsd: null, model: 'deepseek-reasoner' } },
      {
        type: 'done',
        data: { messageId: 'chatcmpl-r1', numTurns: null, toolCount: null, durationMs: null, model: 'deepseek-reasoner', totalCostUsd: null, stopReason: 'stop' },
      },
    ]);
    expect(decoded.endsRun).toBe(true);

    const state = storeAfter(decoded);
    const message = state.messages.byId[state.messages.ids[0]!]!;
    expect(message).toMatchObject({ text: sdk.message.content, status: 'complete' });
    expect(Object.values(state.thinking.byId).map((block) => block.text)).toEqual([sdk.reasoning]);
    expect(state.usage).toEqual({ inputTokens: sdk.completion.usage!.prompt_tokens, outputTokens: sdk.completion.usage!.completion_tokens, totalCostUsd: null, model: 'deepseek-reasoner' });
    expect(state.status).toBe('done');
  });

  it('streams parallel tool calls by index and makes them ready at finish_reason tool_calls', async () => {
    const sdk = await readWithSdk('parallel-tools.sse');
    const decoded = runAdapter(openaiChat, bytesOf('parallel-tools.sse'));
    const args = (toolUseId: string, delta: string, value: unknown) => ({ type: 'tool_args', data: { toolUseId, toolName: 'get_weather', delta, args: value } });
    expect(decoded.items).toEqual([
      { type: 'token', data: { text: 'Checking both cities.' } },
      args('call_paris', '', undefined),
      args('call_paris', '{"ci', {}),
      args('call_paris', 'ty": "Par', { city: 'Par' }),
      args('call_paris', 'is"}', { city: 'Paris' }),
      args('call_oslo', '', undefined),
      args('call_oslo', '{"city": "Oslo", ', { city: 'Oslo' }),
      args('call_oslo', '"unit": "celsius"}', { city: 'Oslo', unit: 'celsius' }),
      { type: 'tool_use', data: { toolName: 'get_weather', toolUseId: 'call_paris', inputSummary: '', status: 'ready', args: { city: 'Paris' } } },
      { type: 'tool_use', data: { toolName: 'get_weather', toolUseId: 'call_oslo', inputSummary: '', status: 'ready', args: { city: 'Oslo', unit: 'celsius' } } },
      { type: 'usage', data: { inputTokens: 85, outputTokens: 48, totalCostUsd: null, model: 'gpt-4.1-2025-04-14' } },
      {
        type: 'done',
        data: { messageId: 'chatcmpl-t1', numTurns: null, toolCount: null, durationMs: null, model: 'gpt-4.1-2025-04-14', totalCostUsd: null, stopReason: 'tool_calls' },
      },
    ]);

    const state = storeAfter(decoded);
    const calls = sdk.message.tool_calls!.map((call) => (call.type === 'function' ? call : null)!);
    expect(state.toolCalls.ids).toEqual(calls.map((call) => call.id));
    for (const call of calls) {
      expect(state.toolCalls.byId[call.id]).toMatchObject({
        name: call.function.name,
        argsText: call.function.arguments,
        args: JSON.parse(call.function.arguments),
        // The client runs them: they stay ready when the run is done.
        status: 'ready',
      });
    }
    expect(state.messages.byId[state.messages.ids[0]!]!.text).toBe(sdk.message.content);
    expect(state.usage).toMatchObject({ inputTokens: 85, outputTokens: 48 });
    expect(state.status).toBe('done');
  });

  it('reports a refusal once, whole, as an error beside the empty answer', async () => {
    const sdk = await readWithSdk('refusal.sse');
    const decoded = runAdapter(openaiChat, bytesOf('refusal.sse'));
    expect(eventsOf(decoded).map((event) => event.type)).toEqual(['error', 'done']);
    expect(decoded.items[0]).toEqual({ type: 'error', data: { errorType: 'refusal', message: sdk.message.refusal, details: {} } });

    const state = storeAfter(decoded);
    expect(state.messages.byId[state.messages.ids[0]!]!.text).toBe('');
    expect(state.errors).toHaveLength(1);
    expect(state.errors[0]).toMatchObject({ code: 'agent', errorType: 'refusal', message: "I'm sorry, I can't help with that." });
    expect(state.status).toBe('done');
  });

  it('ends the run with a terminal error on an error chunk, where the SDK throws', async () => {
    const thrown = await readWithSdk('error.sse').catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(APIError);
    const decoded = runAdapter(openaiChat, bytesOf('error.sse'));
    expect(decoded.items).toEqual([
      { type: 'token', data: { text: 'Partial answer' } },
      {
        type: 'error',
        data: {
          errorType: 'server_error',
          message: (thrown as APIError).message,
          details: { message: (thrown as APIError).message, type: 'server_error', param: null, code: null },
          terminal: true,
        },
      },
    ]);
    // The error was the server's last word: not a drop to retry.
    expect(decoded.endsRun).toBe(true);
    const state = storeAfter(decoded);
    expect(state.status).toBe('error');
    expect(state.messages.byId[state.messages.ids[0]!]!).toMatchObject({ text: 'Partial answer', status: 'error' });
  });
});

describe('openai-chat under any chunking', () => {
  it('gives the same events fed one byte at a time and for any split of the bytes', () => {
    expectSameEventsForAnySplit(openaiChat, FIXTURES.map(bytesOf));
  });
});

describe('openai-chat end of stream', () => {
  it('treats a close before [DONE] as a drop: calls still streaming end interrupted', () => {
    const text = new TextDecoder().decode(bytesOf('parallel-tools.sse'));
    const frames = text.split('\n\n').filter(Boolean);
    const cut = `${frames.slice(0, 5).join('\n\n')}\n\n`;
    const decoded = runAdapter(openaiChat, cut);
    expect(decoded.endsRun).toBe(false);
    const state = storeAfter(decoded);
    expect(state.toolCalls.byId.call_paris).toMatchObject({ argsText: '{"city": "Par', args: { city: 'Par' }, status: 'interrupted' });
    expect(state.messages.byId[state.messages.ids[0]!]!.status).toBe('interrupted');
  });

  it('settles open calls at [DONE] when no finish_reason came, and ignores frames after it', () => {
    const decoded = runAdapter(
      openaiChat,
      body(chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }), '[DONE]', chunk({ content: 'late' })),
    );
    expect(eventsOf(decoded).map((event) => event.type)).toEqual(['tool_args', 'tool_use', 'done']);
    expect(decoded.items[1]).toMatchObject({ data: { toolUseId: 'call_1', status: 'ready', args: { a: 1 } } });
    expect(decoded.endsRun).toBe(true);
  });

  it('leaves the token counts empty when no usage chunk came (no include_usage)', () => {
    const decoded = runAdapter(openaiChat, body(chunk({ content: 'Hi' }, 'stop'), '[DONE]'));
    expect(eventsOf(decoded).map((event) => event.type)).toEqual(['token', 'done']);
    expect(storeAfter(decoded).usage).toEqual({ inputTokens: null, outputTokens: null, totalCostUsd: null, model: 'm' });
  });
});

describe('openai-chat variants of compatible servers', () => {
  it('reads the non-standard reasoning field as thinking', () => {
    const decoded = runAdapter(openaiChat, body(chunk({ reasoning: 'Hmm.' }), chunk({ content: 'Yes.' })));
    expect(eventsOf(decoded)).toEqual([
      { type: 'thinking', data: { text: 'Hmm.' } },
      { type: 'token', data: { text: 'Yes.' } },
    ]);
  });

  it('follows the first choice only', () => {
    const decoded = runAdapter(openaiChat, body(chunk({ content: 'A' }), chunk({ content: 'B' }, null, 1)));
    expect(eventsOf(decoded)).toEqual([{ type: 'token', data: { text: 'A' } }]);
  });

  it('gives calls without ids stable ids by name and order, the same on every read', () => {
    const stream = body(
      chunk({ tool_calls: [{ index: 0, function: { name: 'search', arguments: '{"q":"a"}' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { name: 'search', arguments: '{"q":"b"}' } }] }),
      chunk({}, 'tool_calls'),
      '[DONE]',
    );
    const ids = (decoded: AdapterRun) => eventsOf(decoded).flatMap((event) => (event.type === 'tool_use' ? [event.data.toolUseId] : []));
    expect(ids(runAdapter(openaiChat, stream))).toEqual(['search#1', 'search#2']);
    expect(ids(runAdapter(openaiChat, stream))).toEqual(['search#1', 'search#2']);
  });

  it('takes a new id at a known index as a new call (servers that send every call at index 0)', () => {
    const decoded = runAdapter(
      openaiChat,
      body(
        chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ),
    );
    expect(storeAfter(decoded).toolCalls.ids).toEqual(['a', 'b']);
  });

  it('reads the legacy function_call as a call with a synthesised id', () => {
    const decoded = runAdapter(
      openaiChat,
      body(chunk({ function_call: { name: 'lookup', arguments: '{"id":' } }), chunk({ function_call: { arguments: '7}' } }), chunk({}, 'function_call')),
    );
    expect(eventsOf(decoded).at(-1)).toEqual({ type: 'tool_use', data: { toolName: 'lookup', toolUseId: 'lookup#1', inputSummary: '', status: 'ready', args: { id: 7 } } });
  });

  it('takes an error given as a string', () => {
    const decoded = runAdapter(openaiChat, body({ error: 'rate limited' }));
    expect(decoded.items).toEqual([{ type: 'error', data: { errorType: 'error', message: 'rate limited', details: { error: 'rate limited' }, terminal: true } }]);
  });
});

describe('openai-chat bad frames', () => {
  it('reports non-JSON and non-object data, and goes on', () => {
    const decoded = runAdapter(openaiChat, body('not json', '[1,2]', chunk({ content: 'ok' })));
    expect(errorsOf(decoded).map((error) => error.code)).toEqual(['parse', 'schema']);
    expect(eventsOf(decoded)).toEqual([{ type: 'token', data: { text: 'ok' } }]);
  });

  it('reports wrong shapes as schema errors and keeps what is readable', () => {
    const decoded = runAdapter(
      openaiChat,
      body({ object: 'chat.completion.chunk', choices: 'x' }, chunk({ content: 5, tool_calls: 'x' }), chunk({ tool_calls: [1] }), { choices: [null] }, chunk({ content: 'ok' })),
    );
    expect(errorsOf(decoded)).toHaveLength(5);
    for (const error of errorsOf(decoded)) expect(error).toBeInstanceOf(AgentStreamError);
    expect(errorsOf(decoded).map((error) => error.code)).toEqual(['schema', 'schema', 'schema', 'schema', 'schema']);
    expect(eventsOf(decoded)).toEqual([{ type: 'token', data: { text: 'ok' } }]);
  });

  it('keeps a chunk of another kind as custom, named by its object', () => {
    const decoded = runAdapter(openaiChat, body({ object: 'list', data: [] }, { hello: 1 }));
    expect(decoded.items).toEqual([
      { type: 'custom', data: { type: 'list', data: { object: 'list', data: [] } } },
      { type: 'custom', data: { type: 'message', data: { hello: 1 } } },
    ]);
  });

  it('never throws, whatever the frames', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ event: fc.option(fc.string(), { nil: undefined }), data: fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))) }), { maxLength: 8 }), (frames) => {
        const decoder = openaiChat.createDecoder();
        for (const frame of frames) decoder.decode(frame, () => {});
        decoder.close(() => {});
      }),
      { numRuns: 300 },
    );
  });
});

describeDetect(openaiChat, { fixtures: FIXTURES, ownKeys: ['openai-chat'] });
