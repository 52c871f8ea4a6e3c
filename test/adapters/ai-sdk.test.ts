import { createUIMessageStream, createUIMessageStreamResponse, jsonSchema, simulateReadableStream, stepCountIs, streamText, tool, type UIMessageChunk } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aiSdk } from '../../src/adapters/ai-sdk';
import { isAgentStreamError } from '../../src/core/errors';
import type { AgentEvent } from '../../src/core/protocol';
import { comparable, describeDetect, expectSameEventsForAnySplit, readAdapterFixture, runAdapter, storeAfter } from '../helpers/adapter-run';

/** What a language model's stream yields (`LanguageModelV3StreamPart`). */
type ModelPart = Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer P> ? P : never;

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});
const finish = (reason: 'stop' | 'tool-calls', input: number, output: number): ModelPart => ({ type: 'finish', finishReason: { unified: reason, raw: reason }, usage: usage(input, output) });

/** The body `streamText` answers with over a mock model that streams `steps`, one per model call. */
async function streamTextBody(steps: ModelPart[][], tools: Parameters<typeof streamText>[0]['tools']): Promise<Uint8Array[]> {
  let call = 0;
  const model = new MockLanguageModelV3({
    doStream: async () => ({ stream: simulateReadableStream({ chunks: steps[call++]!, chunkDelayInMs: null }) }),
  });
  const result = streamText({ model, prompt: 'Add 1 and 2.', tools, stopWhen: stepCountIs(4) });
  // The recipe the AI SDK documents for usage: the run's total usage as the finish chunk's metadata.
  return bodyChunks(
    result.toUIMessageStreamResponse({
      messageMetadata: ({ part }) => (part.type === 'finish' ? { totalUsage: part.totalUsage } : undefined),
      onError: (error) => (error instanceof Error ? error.message : String(error)),
    }),
  );
}

/** The body `createUIMessageStreamResponse` answers with for a stream written chunk by chunk. */
function writerBody(chunks: UIMessageChunk[]): Promise<Uint8Array[]> {
  return bodyChunks(createUIMessageStreamResponse({ stream: createUIMessageStream({ execute: ({ writer }) => chunks.forEach((chunk) => writer.write(chunk)) }) }));
}

/** A response body as the chunks it arrived in. */
async function bodyChunks(response: Response): Promise<Uint8Array[]> {
  expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks;
}

const joined = (chunks: Uint8Array[]) => new Uint8Array(chunks.flatMap((chunk) => [...chunk]));
const text = (chunks: Uint8Array[]) => new TextDecoder().decode(joined(chunks));
const run = (body: string | Uint8Array | Uint8Array[]) => runAdapter(aiSdk, Array.isArray(body) ? body : [body]);
const frames = (...chunks: unknown[]) => chunks.map((chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`).join('');
const lastMessage = (s: ReturnType<typeof storeAfter>) => s.messages.byId[s.messages.ids.at(-1)!]!;

const tools = {
  add: tool({ inputSchema: jsonSchema<{ a: number; b: number }>({ type: 'object' }), execute: async ({ a, b }) => a + b }),
  fail: tool({
    inputSchema: jsonSchema<Record<string, never>>({ type: 'object' }),
    execute: async (): Promise<number> => {
      throw new Error('quota exceeded');
    },
  }),
  ask: tool({ inputSchema: jsonSchema<{ question: string }>({ type: 'object' }) }),
};

const TWO_STEPS: ModelPart[][] = [
  [
    { type: 'stream-start', warnings: [] },
    { type: 'reasoning-start', id: 'r0' },
    { type: 'reasoning-delta', id: 'r0', delta: 'Use the tool.' },
    { type: 'reasoning-end', id: 'r0' },
    { type: 'tool-input-start', id: 'call_1', toolName: 'add' },
    { type: 'tool-input-delta', id: 'call_1', delta: '{"a":1,' },
    { type: 'tool-input-delta', id: 'call_1', delta: '"b":2}' },
    { type: 'tool-input-end', id: 'call_1' },
    { type: 'tool-call', toolCallId: 'call_1', toolName: 'add', input: '{"a":1,"b":2}' },
    { type: 'tool-call', toolCallId: 'call_2', toolName: 'fail', input: '{}' },
    finish('tool-calls', 5, 7),
  ],
  [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't0' },
    { type: 'text-delta', id: 't0', delta: '1 + 2 = ' },
    { type: 'text-delta', id: 't0', delta: '3 ✓' },
    { type: 'text-end', id: 't0' },
    finish('stop', 10, 3),
  ],
];

describe('ai-sdk: streamText with a streamed tool input, a failing tool, reasoning and two steps', async () => {
  const body = await streamTextBody(TWO_STEPS, { add: tools.add, fail: tools.fail });
  const result = run(body);
  const totalUsage = {
    inputTokens: 15,
    inputTokenDetails: { noCacheTokens: 15, cacheReadTokens: 0, cacheWriteTokens: 0 },
    outputTokens: 10,
    outputTokenDetails: { textTokens: 10, reasoningTokens: 0 },
    totalTokens: 25,
    reasoningTokens: 0,
    cachedInputTokens: 0,
  };

  it('is the wire the fixture documents', async () => {
    await expect(text(body)).toMatchFileSnapshot('../fixtures/adapters/ai-sdk/stream-text-tools.sse');
  });

  it('maps each chunk to what the model and the tools did, in order', () => {
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'turn', data: { turnNumber: 1, totalTools: null } },
      { type: 'thinking', data: { text: 'Use the tool.' } },
      { type: 'tool_args', data: { toolUseId: 'call_1', toolName: 'add', delta: '', args: undefined } },
      { type: 'tool_args', data: { toolUseId: 'call_1', toolName: 'add', delta: '{"a":1,', args: { a: 1 } } },
      { type: 'tool_args', data: { toolUseId: 'call_1', toolName: 'add', delta: '"b":2}', args: { a: 1, b: 2 } } },
      { type: 'tool_use', data: { toolName: 'add', toolUseId: 'call_1', inputSummary: '', status: 'ready', args: { a: 1, b: 2 } } },
      { type: 'tool_use', data: { toolName: 'fail', toolUseId: 'call_2', inputSummary: '', status: 'ready', args: {} } },
      {
        type: 'tool_result',
        data: { toolName: 'fail', toolUseId: 'call_2', outputSummary: 'quota exceeded', durationMs: null, status: 'error', errorText: 'quota exceeded' },
      },
      { type: 'tool_result', data: { toolName: 'add', toolUseId: 'call_1', outputSummary: '3', durationMs: null, status: 'done', output: 3 } },
      { type: 'turn', data: { turnNumber: 2, totalTools: null } },
      { type: 'token', data: { text: '1 + 2 = ' } },
      { type: 'token', data: { text: '3 ✓' } },
      { type: 'usage', data: { inputTokens: 15, outputTokens: 10, totalCostUsd: null, model: null } },
      {
        type: 'done',
        data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null, finishReason: 'stop', messageMetadata: { totalUsage } },
      },
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with the reasoning, both calls settled, two turns, the answer and the usage', () => {
    const s = storeAfter(result);
    const message = lastMessage(s);
    expect(s.status).toBe('done');
    expect(message).toMatchObject({ text: '1 + 2 = 3 ✓', status: 'complete' });
    expect(message.parts.map((part) => part.kind)).toEqual(['turn', 'thinking', 'tool', 'tool', 'turn', 'text']);
    expect(s.thinking.byId[s.thinking.ids[0]!]).toMatchObject({ text: 'Use the tool.', status: 'complete' });
    expect(s.turns.map((turn) => turn.turnNumber)).toEqual([1, 2]);
    expect(s.toolCalls.ids).toEqual(['call_1', 'call_2']);
    expect(s.toolCalls.byId.call_1).toMatchObject({ name: 'add', status: 'done', outputSummary: '3', errorText: null });
    expect(s.toolCalls.byId.call_2).toMatchObject({ name: 'fail', status: 'error', errorText: 'quota exceeded' });
    expect(s.usage).toEqual({ inputTokens: 15, outputTokens: 10, totalCostUsd: null, model: null });
    expect(s.done).toMatchObject({ messageId: '', finishReason: 'stop', totalCostUsd: null });
    expect(s.errors).toEqual([]);
  });

  it('keeps the streamed input text and its parsed value, and the structured output', () => {
    const s = storeAfter(result);
    expect(s.toolCalls.byId.call_1).toMatchObject({ argsText: '{"a":1,"b":2}', args: { a: 1, b: 2 }, output: 3 });
    expect(s.toolCalls.byId.call_2).toMatchObject({ args: {}, output: null });
  });

  it('gives the same items however the bytes are split', () => {
    expectSameEventsForAnySplit(aiSdk, joined(body), { endsRun: true });
  });
});

describe('ai-sdk: a client tool (no execute)', async () => {
  const body = await streamTextBody(
    [
      [
        { type: 'stream-start', warnings: [] },
        { type: 'tool-call', toolCallId: 'call_q', toolName: 'ask', input: '{"question":"Proceed?"}' },
        finish('tool-calls', 4, 2),
      ],
    ],
    { ask: tools.ask },
  );
  const result = run(body);

  it('is ready once its input is available, and nothing settles it', () => {
    expect(result.items.filter((item) => !isAgentStreamError(item) && (item.type === 'tool_use' || item.type === 'tool_result'))).toEqual([
      { type: 'tool_use', data: { toolName: 'ask', toolUseId: 'call_q', inputSummary: '', status: 'ready', args: { question: 'Proceed?' } } },
    ]);
    expect(result.items.at(-1)).toMatchObject({ type: 'done', data: { finishReason: 'tool-calls' } });
  });

  it('stays ready in the store after the run ends', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(s.toolCalls.byId.call_q).toMatchObject({ status: 'ready', args: { question: 'Proceed?' } });
  });
});

describe('ai-sdk: chunks written with createUIMessageStream', async () => {
  const written: UIMessageChunk[] = [
    { type: 'start', messageId: 'msg_1', messageMetadata: { model: 'mock-1' } },
    { type: 'start-step' },
    { type: 'data-progress', id: 'p1', data: { percent: 40 } },
    { type: 'tool-input-start', toolCallId: 'c1', toolName: 'lookup' },
    { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"q":"ca' },
    { type: 'tool-output-available', toolCallId: 'c1', output: { partial: true }, preliminary: true },
    { type: 'tool-input-error', toolCallId: 'c1', toolName: 'lookup', input: '{"q":"ca', errorText: 'Invalid JSON input' },
    { type: 'tool-input-available', toolCallId: 'c2', toolName: 'delete_file', input: { path: '/tmp/x' } },
    { type: 'tool-approval-request', approvalId: 'ap1', toolCallId: 'c2' },
    { type: 'tool-input-available', toolCallId: 'c3', toolName: 'send_mail', input: { to: 'a@b.c' } },
    { type: 'tool-output-denied', toolCallId: 'c3' },
    { type: 'source-url', sourceId: 's1', url: 'https://example.com', title: 'Example' },
    { type: 'source-document', sourceId: 's2', mediaType: 'application/pdf', title: 'Report' },
    { type: 'file', url: 'data:image/png;base64,iVBORw0KGgo=', mediaType: 'image/png' },
    { type: 'error', errorText: 'Search backend slow' },
    { type: 'message-metadata', messageMetadata: { usage: { inputTokens: 3, outputTokens: 4 } } },
    { type: 'text-start', id: 't1' },
    { type: 'text-delta', id: 't1', delta: 'Done.' },
    { type: 'text-end', id: 't1' },
    { type: 'finish-step' },
    { type: 'finish', finishReason: 'stop' },
  ];
  const body = await writerBody(written);
  const result = run(body);
  const chunk = (type: string) => written.find((c) => c.type === type);

  it('is the wire the fixture documents', async () => {
    await expect(text(body)).toMatchFileSnapshot('../fixtures/adapters/ai-sdk/ui-message-stream.sse');
  });

  it('maps every chunk type the writer wrote', () => {
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'turn', data: { turnNumber: 1, totalTools: null } },
      { type: 'custom', data: { type: 'data-progress', data: chunk('data-progress') } },
      { type: 'tool_args', data: { toolUseId: 'c1', toolName: 'lookup', delta: '', args: undefined } },
      { type: 'tool_args', data: { toolUseId: 'c1', toolName: 'lookup', delta: '{"q":"ca', args: { q: 'ca' } } },
      { type: 'tool_use', data: { toolName: 'lookup', toolUseId: 'c1', inputSummary: '', status: 'running' } },
      { type: 'custom', data: { type: 'tool-output-available', data: chunk('tool-output-available') } },
      { type: 'tool_use', data: { toolName: 'lookup', toolUseId: 'c1', inputSummary: '', status: 'ready', args: '{"q":"ca' } },
      {
        type: 'tool_result',
        data: { toolName: 'lookup', toolUseId: 'c1', outputSummary: 'Invalid JSON input', durationMs: null, status: 'error', errorText: 'Invalid JSON input' },
      },
      { type: 'tool_use', data: { toolName: 'delete_file', toolUseId: 'c2', inputSummary: '', status: 'ready', args: { path: '/tmp/x' } } },
      { type: 'custom', data: { type: 'tool-approval-request', data: chunk('tool-approval-request') } },
      { type: 'tool_use', data: { toolName: 'send_mail', toolUseId: 'c3', inputSummary: '', status: 'ready', args: { to: 'a@b.c' } } },
      { type: 'tool_result', data: { toolName: 'send_mail', toolUseId: 'c3', outputSummary: '', durationMs: null, status: 'denied' } },
      { type: 'custom', data: { type: 'source-url', data: chunk('source-url') } },
      { type: 'custom', data: { type: 'source-document', data: chunk('source-document') } },
      { type: 'creation', data: { creationType: 'file', count: 1, toolUseId: '', items: [chunk('file')] } },
      { type: 'error', data: { errorType: 'error', message: 'Search backend slow', details: {} } },
      { type: 'usage', data: { inputTokens: 3, outputTokens: 4, totalCostUsd: null, model: null } },
      { type: 'custom', data: { type: 'message-metadata', data: chunk('message-metadata') } },
      { type: 'token', data: { text: 'Done.' } },
      {
        type: 'done',
        data: {
          messageId: 'msg_1',
          numTurns: null,
          toolCount: null,
          durationMs: null,
          model: '',
          totalCostUsd: null,
          finishReason: 'stop',
          messageMetadata: { model: 'mock-1', usage: { inputTokens: 3, outputTokens: 4 } },
        },
      },
    ]);
  });

  it('gives a store with the failed, waiting and denied calls, the agent error, the file and the customs', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(s.toolCalls.byId.c1).toMatchObject({ status: 'error', errorText: 'Invalid JSON input', argsText: '{"q":"ca' });
    expect(s.toolCalls.byId.c2).toMatchObject({ status: 'ready', args: { path: '/tmp/x' } });
    expect(s.toolCalls.byId.c3).toMatchObject({ status: 'denied' });
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ code: 'agent', errorType: 'error', message: 'Search backend slow' });
    expect(s.creations).toEqual([expect.objectContaining({ creationType: 'file', items: [chunk('file')] })]);
    expect(s.custom.map((c) => c.type)).toEqual(['data-progress', 'tool-output-available', 'tool-approval-request', 'source-url', 'source-document', 'message-metadata']);
    expect(s.usage).toEqual({ inputTokens: 3, outputTokens: 4, totalCostUsd: null, model: null });
    expect(s.done).toMatchObject({ messageId: 'msg_1' });
    expect(lastMessage(s).text).toBe('Done.');
  });
});

describe('ai-sdk: AI SDK 7 chunks (hand-written, ai@7 needs Node 22)', () => {
  const result = run(readAdapterFixture('ai-sdk/v7-chunks.sse'));

  it('keeps v7-only chunks as custom, ties a refusal reason to the denied call and ends on finish', () => {
    const events = result.items as AgentEvent[];
    expect(result.items.filter(isAgentStreamError)).toEqual([]);
    expect(events.filter((e) => e.type === 'custom').map((e) => e.data.type)).toEqual([
      'custom',
      'reasoning-file',
      'tool-approval-request',
      'tool-approval-response',
      'reset-step',
      'steering-message',
      'text-end',
    ]);
    expect(events.find((e) => e.type === 'tool_result')?.data).toEqual({
      toolName: 'run_shell',
      toolUseId: 'call_s',
      outputSummary: 'Not on production',
      durationMs: null,
      status: 'denied',
      errorText: 'Not on production',
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { messageId: 'msg_7', finishReason: 'interrupted' } });
    expect(result.endsRun).toBe(true);
  });

  it('gives a store whose denied call carries the reason', () => {
    const s = storeAfter(result);
    expect(s.toolCalls.byId.call_s).toMatchObject({ status: 'denied', errorText: 'Not on production' });
    expect(lastMessage(s).text).toBe('Sorry, I cannot.');
  });
});

describe('ai-sdk: end of run', () => {
  const start = { type: 'start', messageId: 'm' };
  const hello = [start, { type: 'text-delta', id: 't', delta: 'Hello' }];

  it('ends on finish and [DONE], emitting done at [DONE] after anything sent between', () => {
    const result = run(frames(...hello, { type: 'finish' }, { type: 'error', errorText: 'late' }, '[DONE]'));
    expect(result.items.map((item) => (isAgentStreamError(item) ? item.code : item.type))).toEqual(['token', 'error', 'done']);
    expect(result.endsRun).toBe(true);
    expect(storeAfter(result).status).toBe('done');
  });

  it('ends on finish without [DONE], emitting done at the close', () => {
    const result = run(frames(...hello, { type: 'finish', finishReason: 'length' }));
    expect(result.items.at(-1)).toMatchObject({ type: 'done', data: { messageId: 'm', finishReason: 'length' } });
    expect(result.endsRun).toBe(true);
  });

  it('treats a close before finish and [DONE] as a drop', () => {
    const result = run(frames(...hello));
    expect(result.endsRun).toBe(false);
    const s = storeAfter(result);
    expect(s.status).toBe('error');
    expect(lastMessage(s).status).toBe('interrupted');
  });

  it('ends a failed stream (error, then [DONE] without finish) in error', async () => {
    const body = await bodyChunks(
      createUIMessageStreamResponse({
        stream: createUIMessageStream({
          execute: () => {
            throw new Error('model unavailable');
          },
        }),
      }),
    );
    const result = run(body);
    expect(result.items).toStrictEqual([{ type: 'error', data: { errorType: 'error', message: 'An error occurred.', details: {} } }]);
    expect(result.endsRun).toBe(false);
    expect(storeAfter(result).status).toBe('error');
  });

  it('ends a stream that sends [DONE] without finish, after no error, as complete', () => {
    const result = run(frames(...hello, '[DONE]'));
    expect(result.items.map((item) => (isAgentStreamError(item) ? item.code : item.type))).toEqual(['token']);
    expect(result.endsRun).toBe(true);
  });

  it('ends the run in error on abort', () => {
    const s = storeAfter(run(frames(...hello, { type: 'abort', reason: 'timeout' }, '[DONE]')));
    expect(s.status).toBe('error');
    expect(s.errors.at(-1)).toMatchObject({ code: 'agent', errorType: 'abort', message: 'timeout' });
    expect(lastMessage(s).status).toBe('error');
  });
});

describe('ai-sdk: bad frames', () => {
  it('reports non-JSON, non-objects, chunks without a type and chunks missing a field, and goes on', () => {
    const result = run(
      frames('{"type":"text-delta",', '[1,2]', { delta: 'x' }, { type: 'text-delta', id: 't' }, { type: 'tool-input-delta', toolCallId: 7 }, { type: 'text-delta', id: 't', delta: 'ok' }),
    );
    expect(comparable(result.items)).toEqual([
      { error: 'parse', severity: 'error', message: expect.stringContaining('ai-sdk: ') },
      { error: 'schema', severity: 'error', message: expect.stringContaining('expected a JSON object') },
      { error: 'schema', severity: 'error', message: 'ai-sdk: a chunk without a string "type"' },
      { error: 'schema', severity: 'error', message: 'ai-sdk: a "text-delta" chunk without a string "delta"' },
      { error: 'schema', severity: 'error', message: 'ai-sdk: a "tool-input-delta" chunk without a string "toolCallId"' },
      { type: 'token', data: { text: 'ok' } },
    ]);
  });

  it('keeps unknown chunk types as custom where the AI SDK client would throw', () => {
    const future = { type: 'tool-output-streaming', toolCallId: 'c', part: 1 };
    expect(run(frames(future)).items).toEqual([{ type: 'custom', data: { type: 'tool-output-streaming', data: future } }]);
  });

  it('never throws on arbitrary frames', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.json(), fc.string()), { maxLength: 12 }), (datas) => {
        const body = datas.map((data) => `data: ${data.replace(/[\r\n]/g, ' ')}\n\n`).join('');
        expect(() => run(body)).not.toThrow();
      }),
    );
  });
});

describeDetect(
  aiSdk,
  { fixtures: ['stream-text-tools.sse', 'v7-chunks.sse'], frames: { 'a data part first': { data: '{"type":"data-weather","data":{}}' } }, ownKeys: ['ai-sdk', 'ai-sdk bare start', 'ai-sdk error'] },
  () => {
    it('claims a response with the UI message stream header, whatever its first frame', () => {
      expect(aiSdk.detect?.({ contentType: 'text/event-stream', headers: new Headers({ 'x-vercel-ai-ui-message-stream': 'v1' }), frame: null })).toBe(true);
    });

    it('refuses a body that is not an event stream', () => {
      expect(aiSdk.detect?.({ contentType: 'text/plain', headers: new Headers(), frame: { data: '{"type":"start"}' } })).toBe(false);
    });
  },
);
