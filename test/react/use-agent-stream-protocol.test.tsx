// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { useAgentStream, type UseAgentStreamOptions } from '../../src/react/use-agent-stream';
import { startSSEServer, type SSEServer } from '../helpers/sse-server';

// The hook hands `protocol` to the connection: an AI SDK stream (the real producer's bytes) and an
// assistant-stream DataStream (lines, not SSE) reach the same store as the native protocol would.

let server: SSEServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
});

// Resolved from the package root: jsdom's URL does not read file: URLs as Node's does.
const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(resolve('test/fixtures/adapters', path)));

function Chat({ url, options }: { url: string; options: UseAgentStreamOptions }) {
  const { status, messages, toolCalls } = useAgentStream(url, options);
  return (
    <div>
      <p data-testid="status">{status}</p>
      <p data-testid="text">{messages.map((m) => m.text).join('|')}</p>
      <p data-testid="tools">{toolCalls.map((t) => `${t.name}:${t.status}`).join(',')}</p>
    </div>
  );
}

it('reads an AI SDK UI message stream with protocol "ai-sdk", loading the adapters on demand', async () => {
  server = await startSSEServer({ '/chat': { chunks: [fixture('ai-sdk/stream-text-tools.sse')] } });
  const view = render(<Chat url={server.url('/chat')} options={{ protocol: 'ai-sdk', body: { message: 'hi' } }} />);
  await waitFor(() => expect(view.getByTestId('status').textContent).toBe('done'));
  expect(view.getByTestId('text').textContent).not.toBe('');
  expect(view.getByTestId('tools').textContent).toMatch(/:(done|error)/);
});

it('reads a newline-delimited DataStream with protocol "assistant-stream"', async () => {
  server = await startSSEServer({ '/chat': { headers: { 'content-type': 'text/plain; charset=utf-8' }, chunks: ['0:"Hello', ' world"\n', '0:"!"\n'] } });
  const view = render(<Chat url={server.url('/chat')} options={{ protocol: 'assistant-stream', body: { message: 'hi' } }} />);
  await waitFor(() => expect(view.getByTestId('status').textContent).toBe('done'));
  expect(view.getByTestId('text').textContent).toBe('Hello world!');
});
