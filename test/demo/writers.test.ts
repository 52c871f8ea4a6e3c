import { afterEach, expect, it } from 'vitest';
import type { EarlyEnd } from '../../demo/steps';
import { WRITERS } from '../../demo/writers';
import { inputSummaryOf } from '../../demo/write-native';
import { connectAgentStream } from '../../src/core/connection';
import { selectMessages, selectToolCalls } from '../../src/core/selectors';
import { createAgentStore } from '../../src/core/store';
import { startSSEServer, type SSEServer } from '../helpers/sse-server';

let server: SSEServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The frames of a run cut short after a turn, some text and a tool call, as `format` writes them. */
async function framesOf(format: 'ai-sdk' | 'ag-ui', early: EarlyEnd): Promise<string[]> {
  const frames: string[] = [];
  const writer = WRITERS[format].create({ append: (frame) => frames.push(frame), runId: 'run-1', idPrefix: 'r1' });
  writer.write({ type: 'turn', turnNumber: 1, toolCount: 0 });
  writer.write({ type: 'text', text: 'Looking' });
  writer.write({ type: 'tool-call', toolCallId: 't1', toolName: 'search_notes', input: { query: 'x' } });
  await writer.close(early);
  return frames;
}

/** The state a client reaches on `frames`, served with the format's headers. */
async function clientState(format: 'ai-sdk' | 'ag-ui', frames: string[]) {
  server = await startSSEServer({ '/': { headers: WRITERS[format].headers, chunks: frames } });
  return connectAgentStream(server.url('/'), { protocol: format, transport: 'fetch', store: createAgentStore(), retry: { maxRetries: 0 } }).done;
}

it.each([
  ['ai-sdk', 'cancelled', 'error', [['abort', 'The run was cancelled.']]],
  ['ai-sdk', 'failed', 'error', [['error', 'An error occurred.'], [undefined, 'The stream ended before "done"']]],
  ['ag-ui', 'cancelled', 'done', []],
  ['ag-ui', 'failed', 'error', [['internal_error', 'The run failed on the server.']]],
] as const)('a %s run that ends %s says so in its format; the client ends %s', async (format, early, status, errors) => {
  const frames = await framesOf(format, early);
  // `close` resolves once the last frame is written.
  expect(frames.at(-1)).toMatch(format === 'ai-sdk' ? /^data: \[DONE\]\n\n$/ : early === 'cancelled' ? /"outcome":\{"type":"cancelled"\}/ : /RUN_ERROR/);
  const state = await clientState(format, frames);
  expect(state.status).toBe(status);
  expect(state.errors.map((error) => [error.errorType, error.message])).toEqual(errors);
  expect(selectMessages(state)[0]?.text).toBe('Looking');
  expect(selectToolCalls(state).map((tool) => [tool.name, tool.args])).toEqual([['search_notes', { query: 'x' }]]);
});

it('writes a tool input as the native one-line summary', () => {
  expect(inputSummaryOf({ query: 'Q3 "launch"', rows: 4 })).toBe('query="Q3 \\"launch\\"" rows=4');
});
