import { AssistantStream, type AssistantStreamController, AssistantTransportEncoder, createAssistantStream, DataStreamEncoder } from 'assistant-stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assistantStream } from '../../src/adapters/assistant-stream';
import type { AdapterOutput } from '../../src/core/adapter';
import { isAgentStreamError } from '../../src/core/errors';
import { createLineByteParser } from '../../src/core/line-parser';
import type { AgentEvent, AgentEventOf } from '../../src/core/protocol';
import { type AdapterRun, comparable, describeDetect, expectSameEventsForAnySplit, readAdapterFixture, runAdapter, storeAfter } from '../helpers/adapter-run';
import { splitAt } from '../helpers/chunks';

/** A DataStream body (`text/plain`) cut at `points`, read as the connection reads it: line by line. */
function runLines(body: string | Uint8Array, points: readonly number[] = []): AdapterRun {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const decoder = assistantStream.createDecoder();
  const items: AdapterRun['items'] = [];
  const emit: AdapterOutput = (item) => void items.push(item);
  const parser = createLineByteParser((frame) => decoder.decode(frame, emit));
  for (const chunk of splitAt(bytes, points)) parser.feed(chunk);
  parser.end();
  return { items, endsRun: decoder.close(emit) };
}

const runSSE = (body: string | Uint8Array) => runAdapter(assistantStream, [body]);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const frames = (...chunks: unknown[]) => chunks.map((chunk) => `data: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`).join('');
const lastMessage = (s: ReturnType<typeof storeAfter>) => s.messages.byId[s.messages.ids.at(-1)!]!;
const kinds = (run: AdapterRun) => run.items.map((item) => (isAgentStreamError(item) ? item.code : item.type));

/** What `script` writes, encoded by `encoder`, as the response's text and headers. */
async function produce(script: (c: AssistantStreamController) => Promise<void>, encoder: DataStreamEncoder | AssistantTransportEncoder) {
  const response = AssistantStream.toResponse(createAssistantStream(script), encoder);
  return { body: await response.text(), headers: response.headers };
}

/** One step of an agent, awaiting between writes as a model loop does (the controller merges parts asynchronously). */
async function agentStep(c: AssistantStreamController): Promise<void> {
  c.enqueue({ type: 'step-start', messageId: 'msg_1', path: [] });
  c.appendReasoning('Let me think');
  await tick();
  c.appendText('Hello');
  await tick();
  c.withParentId('src_1').appendText(' (cited)');
  await tick();
  const search = c.addToolCallPart({ toolCallId: 'call_1', toolName: 'search' });
  search.argsText.append('{"q":');
  await tick();
  search.argsText.append('"Zürich"}');
  search.argsText.close();
  await tick();
  search.setResponse({ result: { hits: 3 } });
  await tick();
  const book = c.addToolCallPart({ toolCallId: 'call_2', toolName: 'book', args: { id: 1 } });
  await tick();
  book.setResponse({ result: 'sold out', isError: true });
  await tick();
  c.appendData({ type: 'data', name: 'progress', data: { pct: 50 } });
  await tick();
  c.appendSource({ type: 'source', sourceType: 'url', id: 's1', url: 'https://example.com', title: 'Example' });
  await tick();
  c.appendFile({ type: 'file', data: 'aGk=', mimeType: 'text/plain' });
  await tick();
  c.enqueue({ type: 'update-state', path: [], operations: [{ type: 'set', path: ['status'], value: 'done' }] });
  c.enqueue({ type: 'step-finish', path: [], finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 7 }, isContinued: false });
  await tick();
  c.enqueue({ type: 'error', path: [], error: 'Cache unavailable' });
  await tick();
  c.enqueue({ type: 'message-finish', path: [], finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 7 } });
  await tick();
}

const AGENT_STEP_EVENTS: AgentEvent[] = [
  { type: 'turn', data: { turnNumber: 1, totalTools: null } },
  { type: 'thinking', data: { text: 'Let me think' } },
  { type: 'token', data: { text: 'Hello' } },
  { type: 'token', data: { text: ' (cited)' } },
  { type: 'tool_args', data: { toolUseId: 'call_1', toolName: 'search', delta: '', args: undefined } },
  { type: 'tool_args', data: { toolUseId: 'call_1', toolName: 'search', delta: '{"q":', args: {} } },
  { type: 'tool_args', data: { toolUseId: 'call_1', toolName: 'search', delta: '"Zürich"}', args: { q: 'Zürich' } } },
  { type: 'tool_use', data: { toolName: 'search', toolUseId: 'call_1', inputSummary: '', status: 'ready', args: { q: 'Zürich' } } },
  { type: 'tool_result', data: { toolName: 'search', toolUseId: 'call_1', outputSummary: '{"hits":3}', durationMs: null, status: 'done', output: { hits: 3 } } },
  { type: 'tool_args', data: { toolUseId: 'call_2', toolName: 'book', delta: '', args: undefined } },
  { type: 'tool_args', data: { toolUseId: 'call_2', toolName: 'book', delta: '{"id":1}', args: { id: 1 } } },
  { type: 'tool_use', data: { toolName: 'book', toolUseId: 'call_2', inputSummary: '', status: 'ready', args: { id: 1 } } },
  {
    type: 'tool_result',
    data: { toolName: 'book', toolUseId: 'call_2', outputSummary: 'sold out', durationMs: null, status: 'error', output: 'sold out', errorText: 'sold out' },
  },
  { type: 'custom', data: { type: 'data-progress', data: { pct: 50 } } },
  { type: 'custom', data: { type: 'source', data: { sourceType: 'url', id: 's1', url: 'https://example.com', title: 'Example' } } },
  { type: 'creation', data: { creationType: 'file', count: 1, toolUseId: '', items: [{ data: 'aGk=', mimeType: 'text/plain' }] } },
  { type: 'custom', data: { type: 'update-state', data: [{ type: 'set', path: ['status'], value: 'done' }] } },
  { type: 'usage', data: { inputTokens: 5, outputTokens: 7, totalCostUsd: null, model: null, mode: 'add' } },
  { type: 'error', data: { errorType: 'error', message: 'Cache unavailable', details: {} } },
  { type: 'usage', data: { inputTokens: 5, outputTokens: 7, totalCostUsd: null, model: null } },
  { type: 'done', data: { messageId: 'msg_1', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null, finishReason: 'stop' } },
];

describe('assistant-stream: DataStream (createAssistantStream + DataStreamEncoder)', async () => {
  const { body, headers } = await produce(agentStep, new DataStreamEncoder());
  const result = runLines(body);

  it('is the wire the fixture documents', async () => {
    expect(headers.get('content-type')).toBe('text/plain; charset=utf-8');
    await expect(body).toMatchFileSnapshot('../fixtures/adapters/assistant-stream/data-stream.txt');
  });

  it('maps each line to what the script wrote, in order, completing the finished message on the clean close', () => {
    expect(result.items).toStrictEqual(AGENT_STEP_EVENTS);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with the reasoning, the text, both calls, the step, the file and the customs', () => {
    const s = storeAfter(result);
    const message = lastMessage(s);
    expect(s.status).toBe('done');
    expect(message).toMatchObject({ text: 'Hello (cited)', status: 'complete' });
    expect(s.thinking.byId[s.thinking.ids[0]!]).toMatchObject({ text: 'Let me think' });
    expect(s.toolCalls.byId.call_1).toMatchObject({ name: 'search', status: 'done', outputSummary: '{"hits":3}', errorText: null });
    expect(s.toolCalls.byId.call_2).toMatchObject({ name: 'book', status: 'error', errorText: 'sold out' });
    expect(s.turns.map((turn) => turn.turnNumber)).toEqual([1]);
    expect(s.creations).toEqual([expect.objectContaining({ creationType: 'file', items: [{ data: 'aGk=', mimeType: 'text/plain' }] })]);
    expect(s.custom.map((c) => c.type)).toEqual(['data-progress', 'source', 'update-state']);
    expect(s.errors).toEqual([expect.objectContaining({ code: 'agent', message: 'Cache unavailable' })]);
    expect(s.done).toMatchObject({ messageId: 'msg_1', finishReason: 'stop' });
  });

  it("keeps the streamed arguments and structured results, and the message's usage as the run's", () => {
    const s = storeAfter(result);
    expect(s.toolCalls.byId.call_1).toMatchObject({ argsText: '{"q":"Zürich"}', args: { q: 'Zürich' }, output: { hits: 3 } });
    expect(s.toolCalls.byId.call_2).toMatchObject({ argsText: '{"id":1}', args: { id: 1 }, output: 'sold out' });
    expect(s.usage).toEqual({ inputTokens: 5, outputTokens: 7, totalCostUsd: null, model: null });
  });

  it('gives the same items however the bytes are split', () => {
    expectSameEventsForAnySplit(runLines, body, { endsRun: true });
  });
});

describe('assistant-stream: AssistantTransport (createAssistantStream + AssistantTransportEncoder)', async () => {
  const { body, headers } = await produce(agentStep, new AssistantTransportEncoder());
  const result = runSSE(body);

  it('is the wire the fixture documents', async () => {
    expect(headers.get('content-type')).toBe('text/event-stream');
    await expect(body).toMatchFileSnapshot('../fixtures/adapters/assistant-stream/transport.sse');
  });

  it('gives the events the DataStream gives, done coming at [DONE]', () => {
    expect(result.items).toStrictEqual(AGENT_STEP_EVENTS);
    expect(result.endsRun).toBe(true);
  });

  it('gives the same store as the DataStream', async () => {
    const viaLines = storeAfter(runLines((await produce(agentStep, new DataStreamEncoder())).body));
    expect(storeAfter(result)).toEqual(viaLines);
  });

  it('gives the same items however the bytes are split', () => {
    expectSameEventsForAnySplit(assistantStream, body, { endsRun: true });
  });
});

describe('assistant-stream: a frontend tool (no result in the stream)', async () => {
  const script = async (c: AssistantStreamController) => {
    c.appendText('Shall I book it?');
    await tick();
    // Closed without a response: the client runs it.
    await c.addToolCallPart({ toolCallId: 'call_c', toolName: 'confirm', args: { text: 'Book?' } }).close();
  };
  const lines = runLines((await produce(script, new DataStreamEncoder())).body);
  const sse = runSSE((await produce(script, new AssistantTransportEncoder())).body);

  it('is ready once its arguments are complete, and nothing settles it, on both wires', () => {
    for (const run of [lines, sse]) {
      const calls = run.items.filter((item): item is AgentEventOf<'tool_use' | 'tool_result'> => !isAgentStreamError(item) && (item.type === 'tool_use' || item.type === 'tool_result'));
      expect(calls.map((call) => [call.type, call.data.status])).toEqual([['tool_use', 'ready']]);
      expect(run.endsRun).toBe(true);
    }
  });

  it('stays ready in the store', () => {
    for (const run of [lines, sse]) expect(storeAfter(run).toolCalls.byId.call_c).toMatchObject({ status: 'ready', args: { text: 'Book?' } });
  });
});

describe('assistant-stream: the Python encoders', () => {
  it('reads the Python AssistantTransport output (message chunks without a path, the result before the args end)', () => {
    const result = runSSE(readAdapterFixture('assistant-stream/python-transport.sse'));
    expect(result.items.filter(isAgentStreamError)).toEqual([]);
    expect(kinds(result)).toEqual([
      'turn', 'thinking', 'token', 'token', 'tool_args', 'tool_args', 'tool_args', 'custom', 'tool_result', 'custom', 'custom', 'custom',
      'token', 'creation', 'usage', 'done',
    ]);
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s).text).toBe('Checking now.It is sunny.');
    expect(s.toolCalls.byId.call_1).toMatchObject({ name: 'get_weather', status: 'done', output: { temp: 70 }, args: { city: 'NYC' } });
    expect(s.custom.map((c) => c.type)).toEqual(['update-state', 'data', 'annotations', 'source']);
    expect(s.usage).toMatchObject({ inputTokens: 12, outputTokens: 34 });
    expect(s.done).toMatchObject({ messageId: 'msg_1' });
  });

  it('reads the flat chunk dialect of Python servers up to 0.0.34', () => {
    const result = runSSE(readAdapterFixture('assistant-stream/python-legacy-transport.sse'));
    expect(result.items.filter(isAgentStreamError)).toEqual([]);
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s).text).toBe('Looking up two hits.');
    expect(s.thinking.byId[s.thinking.ids[0]!]).toMatchObject({ text: 'Check the index.' });
    expect(s.toolCalls.byId.c1).toMatchObject({ name: 'search', status: 'done', output: { hits: 2 }, args: { q: 'café' } });
    expect(s.toolCalls.byId.c2).toMatchObject({ name: 'book', status: 'error', errorText: 'sold out', args: {} });
    expect(s.custom).toEqual([
      expect.objectContaining({ type: 'data', data: { progress: 1 } }),
      expect.objectContaining({ type: 'source', data: { sourceType: 'url', id: 's1', url: 'https://example.com', title: null, parentId: null } }),
    ]);
    expect(s.usage).toMatchObject({ inputTokens: 9, outputTokens: 4 });
  });

  it('reads the Python DataStream output (data wrapped in one-element arrays, no finish-message line)', () => {
    const body = ['f:{"messageId": "m"}', '0:"Hi"', '2:[{"pct": 10}]', 'e:{"finishReason": "stop", "usage": {"inputTokens": 1, "outputTokens": 2}, "isContinued": false}', ''].join('\n');
    const result = runLines(body);
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'turn', data: { turnNumber: 1, totalTools: null } },
      { type: 'token', data: { text: 'Hi' } },
      { type: 'custom', data: { type: 'data', data: [{ pct: 10 }] } },
      { type: 'usage', data: { inputTokens: 1, outputTokens: 2, totalCostUsd: null, model: null, mode: 'add' } },
    ]);
    expect(result.endsRun).toBe(true);
  });
});

describe('assistant-stream: DataStream lines no encoder writes today', () => {
  it('reads a whole tool call (9:), AI SDK 4 token names, redacted reasoning and unknown codes', () => {
    const result = runLines(
      [
        '9:{"toolCallId":"t1","toolName":"lookup","args":{"id":7}}',
        'a:{"toolCallId":"t1","result":{"ok":true},"artifact":{"chart":"c1"}}',
        'd:{"finishReason":"stop","usage":{"promptTokens":11,"completionTokens":3}}',
        'i:{"data":"redacted"}',
        'z:{"future":true}',
      ].join('\r\n'),
    );
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'tool_use', data: { toolName: 'lookup', toolUseId: 't1', inputSummary: '', status: 'ready', args: { id: 7 } } },
      {
        type: 'tool_result',
        data: { toolName: 'lookup', toolUseId: 't1', outputSummary: '{"ok":true}', durationMs: null, status: 'done', output: { ok: true }, artifact: { chart: 'c1' } },
      },
      { type: 'usage', data: { inputTokens: 11, outputTokens: 3, totalCostUsd: null, model: null } },
      { type: 'custom', data: { type: 'redacted-reasoning', data: { data: 'redacted' } } },
      { type: 'custom', data: { type: 'z', data: { future: true } } },
      { type: 'done', data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null, finishReason: 'stop' } },
    ]);
  });
});

describe('assistant-stream: end of run', () => {
  it('treats an AssistantTransport stream cut before [DONE] as a drop', () => {
    const result = runSSE(frames({ type: 'part-start', part: { type: 'text' }, path: [] }, { type: 'text-delta', path: [0], textDelta: 'Hel' }));
    expect(result.endsRun).toBe(false);
    expect(storeAfter(result).status).toBe('error');
  });

  it('ends a DataStream run in error when an error line was the last word', () => {
    const result = runLines('0:"Partial"\n3:"Model overloaded"\n');
    expect(result.endsRun).toBe(false);
    expect(storeAfter(result).status).toBe('error');
  });

  it('completes a DataStream run whose message finished, even when a late error line follows', () => {
    const result = runLines('0:"Answer"\nd:{"finishReason":"stop","usage":{"inputTokens":1,"outputTokens":1}}\n3:"late warning"\n');
    expect(kinds(result)).toEqual(['token', 'usage', 'error', 'done']);
    expect(result.endsRun).toBe(true);
    expect(storeAfter(result).status).toBe('done');
  });

  it('applies [DONE] once', () => {
    expect(kinds(runSSE(frames('[DONE]', '[DONE]')))).toEqual(['done']);
  });
});

describe('assistant-stream: bad frames', () => {
  it('reports bad DataStream lines and goes on', () => {
    const result = runLines(['no prefix', '0:"unterminated', '0:42', 'b:{"toolCallId":"x"}', '2:{"not":"an array"}', '0:"ok"'].join('\n'));
    expect(comparable(result.items)).toEqual([
      { error: 'schema', severity: 'error', message: 'assistant-stream: a line without a "code:" prefix: "no prefix"' },
      { error: 'parse', severity: 'error', message: expect.stringContaining('assistant-stream: ') },
      { error: 'schema', severity: 'error', message: 'assistant-stream: the value of a "0:" line is not a JSON string' },
      { error: 'schema', severity: 'error', message: 'assistant-stream: a "b" chunk without a string "toolName"' },
      { error: 'schema', severity: 'error', message: 'assistant-stream: the value of a "2:" line is not a JSON array' },
      { type: 'token', data: { text: 'ok' } },
    ]);
  });

  it('reports AssistantTransport chunks that address no part, nested parts and chunks without a type, and keeps unknown types', () => {
    const future = { type: 'part-update', path: [0] };
    const result = runSSE(
      frames(
        { type: 'text-delta', path: [3], textDelta: 'x' },
        { type: 'part-start', part: { type: 'text' }, path: [0] },
        { type: 'part-start', part: { type: 'file', data: 'aGk=', mimeType: 'text/plain' }, path: [] },
        { type: 'text-delta', path: [0], textDelta: 'x' },
        { path: [] },
        future,
        'not json',
      ),
    );
    expect(comparable(result.items)).toEqual([
      { error: 'schema', severity: 'error', message: 'assistant-stream: a "text-delta" chunk whose path [3] names no part' },
      { error: 'schema', severity: 'error', message: 'assistant-stream: a nested "part-start"' },
      { type: 'creation', data: { creationType: 'file', count: 1, toolUseId: '', items: [{ data: 'aGk=', mimeType: 'text/plain' }] } },
      { error: 'schema', severity: 'error', message: 'assistant-stream: a "text-delta" for a part that takes no text' },
      { error: 'schema', severity: 'error', message: 'assistant-stream: a chunk without a string "type"' },
      { type: 'custom', data: { type: 'part-update', data: future } },
      { error: 'parse', severity: 'error', message: expect.stringContaining('assistant-stream: ') },
    ]);
  });

  it('never throws on arbitrary lines or chunks', () => {
    const code = fc.constantFrom('0', 'a', 'b', 'c', '9', 'e', 'd', 'k', 'aui-data', 'aui-state', 'x');
    const line = fc.tuple(code, fc.jsonValue()).map(([c, value]) => `${c}:${JSON.stringify(value)}`);
    const type = fc.constantFrom('part-start', 'text-delta', 'result', 'part-finish', 'tool-call-args-text-finish', 'step-finish', 'tool-result');
    const chunk = fc.record({ type, path: fc.option(fc.jsonValue()), part: fc.option(fc.jsonValue()), textDelta: fc.option(fc.string()) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.array(chunk, { maxLength: 10 }), (lines, chunks) => {
        expect(() => runLines(lines.join('\n'))).not.toThrow();
        expect(() => runSSE(frames(...chunks.map((c) => JSON.stringify(c))))).not.toThrow();
      }),
    );
  });
});

describeDetect(assistantStream, { fixtures: ['transport.sse', 'python-transport.sse', 'python-legacy-transport.sse'], ownKeys: ['assistant-stream transport'] }, () => {
  it('claims a DataStream by its header or its first line', async () => {
    const dataStream = await produce(agentStep, new DataStreamEncoder());
    expect(assistantStream.detect?.({ contentType: 'text/plain', headers: dataStream.headers, frame: null })).toBe(true);
    expect(assistantStream.detect?.({ contentType: 'text/plain', headers: new Headers(), frame: { data: '0:"Hello"' } })).toBe(true);
  });

  it('refuses plain text lines that are not DataStream lines', () => {
    for (const line of ['Hello world', 'a: plain text', 'note:{"json":true}']) {
      expect(assistantStream.detect?.({ contentType: 'text/plain', headers: new Headers(), frame: { data: line } }), line).toBe(false);
    }
  });
});
