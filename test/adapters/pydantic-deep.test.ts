import { describe, expect, it } from 'vitest';
import { pydanticDeep } from '../../src/adapters/pydantic-deep';
import type { AgentEvent } from '../../src/core/protocol';
import { comparable, describeDetect, expectSameEventsForAnySplit, firstFrame, readAdapterFixture, runAdapter, sseProbe, storeAfter } from '../helpers/adapter-run';

const FIXTURES = ['run-stream.sse', 'tools.sse', 'failed.sse', 'fastapi-text.sse'];
const fixture = (name: string) => readAdapterFixture(`pydantic-deep/${name}`);
const run = (...chunks: (string | Uint8Array)[]) => runAdapter(pydanticDeep, chunks);
const streamEvent = (eventType: string, data: Record<string, unknown>, timestamp = '2026-01-05T10:00:00') => ({ event_type: eventType, timestamp, data });
const frame = (eventType: string, data: Record<string, unknown>) => `data: ${JSON.stringify(streamEvent(eventType, data))}\n\n`;
const lastMessage = (s: ReturnType<typeof storeAfter>) => s.messages.byId[s.messages.ids.at(-1)!]!;
const usage = (totalTokens: number | null, totalCostUsd: number | null = null) =>
  ({ type: 'usage', data: { inputTokens: null, outputTokens: null, totalCostUsd, model: null, totalTokens } }) as const;
const iteration = (current: number, total: number | null = null) =>
  ({ type: 'progress', data: { step: 'iteration', percentage: null, message: '', subProgress: { current, total } } }) as const;
const done = (fields: Record<string, unknown> = {}) =>
  ({ type: 'done', data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null, ...fields } }) as const;

describe('pydantic-deep: run_stream', () => {
  const result = run(fixture('run-stream.sse'));

  it('maps text chunks, the iteration, the running token total and agent_end', () => {
    expect(result.items).toStrictEqual<AgentEvent[]>([
      { type: 'token', data: { text: 'Hel' } },
      { type: 'token', data: { text: 'lo, Zoë! 👋' } },
      { type: 'token', data: { text: '\nHow can I help?' } },
      usage(42),
      iteration(1),
      usage(42),
      done({ numTurns: 1, durationMs: 1000 }),
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with the text, a done run and no made-up token split', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s)).toMatchObject({ text: 'Hello, Zoë! 👋\nHow can I help?', status: 'complete' });
    expect(s.usage).toEqual({ inputTokens: null, outputTokens: null, totalCostUsd: null, model: null });
    expect(s.progress).toEqual(iteration(1).data);
    expect(s.done).toMatchObject({ numTurns: 1, durationMs: 1000 });
  });
});

describe('pydantic-deep: tools by name, a failing tool, cost', () => {
  const result = run(fixture('tools.sse'));
  const call = (id: string, name: string, args: unknown) => ({ type: 'tool_use', data: { toolName: name, toolUseId: id, inputSummary: '', status: 'running', args } });

  it('matches tool ends to starts first in, first out per name, and maps the rest', () => {
    const lines = { lines: 2, text: '# B\nbeta' };
    expect(result.items).toStrictEqual([
      call('pydantic-deep:read_file#1', 'read_file', { file_path: '/notes/a.md' }),
      call('pydantic-deep:read_file#2', 'read_file', { file_path: '/notes/b.md' }),
      {
        type: 'tool_result',
        data: { toolName: 'read_file', toolUseId: 'pydantic-deep:read_file#1', outputSummary: '# A\nalpha', durationMs: 500, status: 'done', output: '# A\nalpha' },
      },
      call('pydantic-deep:write_file#1', 'write_file', { file_path: '/out.md', content: '…' }),
      {
        type: 'tool_result',
        data: {
          toolName: 'write_file',
          toolUseId: 'pydantic-deep:write_file#1',
          outputSummary: 'PermissionError: /out.md',
          durationMs: 13,
          status: 'error',
          errorText: 'PermissionError: /out.md',
        },
      },
      {
        type: 'tool_result',
        data: { toolName: 'read_file', toolUseId: 'pydantic-deep:read_file#2', outputSummary: JSON.stringify(lines), durationMs: 750, status: 'done', output: lines },
      },
      {
        type: 'custom',
        data: { type: 'partial_result', data: streamEvent('partial_result', { result: { summary: 'alpha, beta' }, complete: false }, '2026-01-05T10:00:01.750001') },
      },
      { type: 'token', data: { text: 'Notes: alpha, beta. ' } },
      { type: 'token', data: { text: 'Could not write /out.md.' } },
      { type: 'custom', data: { type: 'checkpoint', data: streamEvent('checkpoint', { label: 'after-tools' }, '2026-01-05T10:00:02.500001') } },
      usage(150, 0.005),
      iteration(2, 10),
      usage(150, 0.005),
      done({ numTurns: 2, durationMs: 5200, totalCostUsd: 0.005 }),
    ]);
    expect(result.endsRun).toBe(true);
  });

  it('gives a store with each call settled, the failure as an error, and the cost', () => {
    const s = storeAfter(result);
    expect(s.status).toBe('done');
    expect(lastMessage(s).text).toBe('Notes: alpha, beta. Could not write /out.md.');
    expect(s.toolCalls.ids).toEqual(['pydantic-deep:read_file#1', 'pydantic-deep:read_file#2', 'pydantic-deep:write_file#1']);
    expect(s.toolCalls.byId['pydantic-deep:read_file#2']).toMatchObject({ status: 'done', durationMs: 750, output: { lines: 2, text: '# B\nbeta' } });
    expect(s.toolCalls.byId['pydantic-deep:write_file#1']).toMatchObject({ status: 'error', errorText: 'PermissionError: /out.md', durationMs: 13 });
    expect(s.usage.totalCostUsd).toBe(0.005);
    expect(s.custom.map((c) => c.type)).toEqual(['partial_result', 'checkpoint']);
  });
});

describe('pydantic-deep: how a run ends', () => {
  it('makes the error and agent_end(success: false) one terminal error', () => {
    const result = run(fixture('failed.sse'));
    expect(result.items).toStrictEqual([
      { type: 'token', data: { text: 'Reading' } },
      {
        type: 'error',
        data: {
          errorType: 'FileNotFoundError',
          message: 'File not found',
          details: { error: 'File not found', exception_type: 'FileNotFoundError' },
          terminal: true,
        },
      },
    ]);
    expect(result.endsRun).toBe(true);
    const s = storeAfter(result);
    expect(s.status).toBe('error');
    expect(lastMessage(s)).toMatchObject({ text: 'Reading', status: 'error' });
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatchObject({ code: 'agent', errorType: 'FileNotFoundError', message: 'File not found' });
  });

  it('fails the run on agent_end(success: false) alone', () => {
    const result = run(frame('agent_end', { agent_name: 'a', success: false }));
    expect(result.items).toStrictEqual([
      { type: 'error', data: { errorType: 'agent_failed', message: 'The agent run did not succeed', details: { agent_name: 'a', success: false }, terminal: true } },
    ]);
  });

  it('keeps an error the run goes on after, and one that is the last word before a close, as non-terminal', () => {
    const error = (message: string) => ({ type: 'error', data: { errorType: 'error', message, details: { error: message } } });
    const goesOn = run(frame('error', { error: 'flaky' }), frame('llm_chunk', { text: 'ok' }), frame('error', { error: 'cut' }));
    expect(goesOn.items).toStrictEqual([error('flaky'), { type: 'token', data: { text: 'ok' } }, error('cut')]);
    expect(goesOn.endsRun).toBe(false);
  });

  it('is a drop when the body closes before agent_end', () => {
    const result = run(frame('llm_chunk', { text: 'Hal' }));
    expect(result.endsRun).toBe(false);
    expect(storeAfter(result)).toMatchObject({ status: 'error' });
  });

  it('reads the FastAPI variant: raw text frames, then `event: done`', () => {
    const result = run(fixture('fastapi-text.sse'));
    expect(result.items).toStrictEqual([
      { type: 'token', data: { text: 'Hel' } },
      { type: 'token', data: { text: 'lo 👋' } },
      { type: 'token', data: { text: ' wörld' } },
      done(),
    ]);
    expect(result.endsRun).toBe(true);
    expect(lastMessage(storeAfter(result)).text).toBe('Hello 👋 wörld');
  });

  it('fails a FastAPI run whose `done` says success: false, keeps other named events, and ignores frames after the end', () => {
    const result = run('data: {"not": "a StreamEvent"}\n\n', 'event: status\ndata: busy\n\n', 'event: done\ndata: {"success": false}\n\n', 'data: late\n\n');
    expect(result.items).toStrictEqual([
      { type: 'token', data: { text: '{"not": "a StreamEvent"}' } },
      { type: 'custom', data: { type: 'status', data: 'busy' } },
      { type: 'error', data: { errorType: 'agent_failed', message: 'The agent run did not succeed', details: { success: false }, terminal: true } },
    ]);
  });

  it('ignores the FastAPI `done` after agent_end', () => {
    const result = run(frame('agent_end', { agent_name: 'a', success: true }), 'event: done\ndata: {"success": true}\n\n');
    expect(result.items).toStrictEqual([done()]);
  });
});

describe('pydantic-deep: bad frames', () => {
  it('reports bad JSON and wrong shapes as errors and goes on, once the stream is JSON', () => {
    const result = run(
      frame('agent_start', { agent_name: 'a', prompt: 'p' }),
      'data: {"event_type": "llm_chunk", "data": \n\n',
      'data: {"event_type": 7, "data": {}}\n\n',
      frame('llm_chunk', { content: 'x' }),
      frame('tool_start', { args: {} }),
      frame('progress', { total_tokens: 5 }),
      frame('tool_end', { tool_name: 'orphan', result: 1 }),
    );
    expect(comparable(result.items)).toEqual([
      { error: 'parse', severity: 'error', message: 'pydantic-deep: a frame\'s data is not JSON: "{\\"event_type\\": \\"llm_chunk\\", \\"data\\": "' },
      { error: 'schema', severity: 'error', message: 'pydantic-deep: expected a StreamEvent with a string "event_type" and a "data" object' },
      { error: 'schema', severity: 'error', message: 'pydantic-deep: an "llm_chunk" without a string "text"' },
      { error: 'schema', severity: 'error', message: 'pydantic-deep: a "tool_start" without a "tool_name"' },
      usage(5),
      { error: 'schema', severity: 'error', message: 'pydantic-deep: a "progress" without a number "iteration"' },
      { type: 'tool_result', data: { toolName: 'orphan', toolUseId: 'pydantic-deep:orphan#1', outputSummary: '1', durationMs: null, status: 'done', output: 1 } },
    ]);
  });
});

describe('pydantic-deep: any chunking', () => {
  it.each(FIXTURES)('%s gives the same events one byte at a time and split anywhere', (name) => {
    expectSameEventsForAnySplit(pydanticDeep, fixture(name), { numRuns: 150 });
  });
});

describeDetect(pydanticDeep, { fixtures: FIXTURES.filter((name) => name !== 'fastapi-text.sse'), ownKeys: ['pydantic-deep'] }, () => {
  it('leaves the raw-text variant, which has no shape to recognise, unclaimed', () => {
    expect(pydanticDeep.detect?.(sseProbe(firstFrame(fixture('fastapi-text.sse'))))).toBe(false);
  });
});
