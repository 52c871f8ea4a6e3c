// @vitest-environment jsdom
// The README's components example, verbatim between the markers, rendered against the demo server.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../demo/server';
import {
  AgentStreamProvider,
  CostMeter,
  MessageList,
  ProgressBar,
  ThinkingBlock,
  ToolCallList,
  ToolTimeline,
  useAgentStream,
} from '../../../src/react';

// README example: start
import { useState } from 'react';

export function AgentChat({ api = '/api/chat' }: { api?: string }) {
  const stream = useAgentStream(api, { manual: true });
  const [draft, setDraft] = useState('');
  return (
    <AgentStreamProvider value={stream}>
      <MessageList />
      <aside aria-label="Agent activity">
        <ThinkingBlock />
        <ProgressBar aria-label="Agent progress" />
        <ToolCallList aria-label="Tool calls" />
        <ToolTimeline aria-label="Tool timeline" />
        <CostMeter />
      </aside>
      <form onSubmit={(e) => { e.preventDefault(); stream.send(draft); setDraft(''); }}>
        <textarea aria-label="Message" value={draft} onChange={(e) => setDraft(e.target.value)} />
        {stream.isStreaming ? <button type="button" onClick={stream.stop}>Stop</button> : <button>Send</button>}
      </form>
    </AgentStreamProvider>
  );
}
// README example: end

let server: DemoServer;

beforeEach(async () => {
  // The page is not served in this test; any existing folder will do.
  server = await startDemoServer({ port: 0, distDir: tmpdir(), tokenDelayMs: 0, log: () => {} });
});

afterEach(async () => {
  cleanup();
  await server.close();
});

it('renders a whole agent run: messages, thinking, tools (one failed), progress, timeline and cost', async () => {
  render(<AgentChat api={`${server.url}/api/chat`} />);
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Why is CI flaky?' } });
  act(() => fireEvent.click(screen.getByRole('button', { name: 'Send' })));

  await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy(), { timeout: 10_000 });
  const log = screen.getByRole('log');
  expect(within(log).getByText('Why is CI flaky?')).toBeTruthy();
  expect(log.textContent).toContain('Why is CI flaky?”');
  const tools = within(screen.getByRole('list', { name: 'Tool calls' })).getAllByRole('listitem');
  expect(tools.map((item) => item.getAttribute('data-status'))).toEqual(['done', 'error', 'done']);
  expect(screen.getByRole('progressbar', { name: 'Agent progress' }).getAttribute('aria-valuenow')).toBe('100');
  expect(within(screen.getByRole('list', { name: 'Tool timeline' })).getAllByRole('listitem')).toHaveLength(3);
  expect(screen.getByRole('button', { name: /thought process/i }).getAttribute('aria-expanded')).toBe('false');
  expect(screen.getByText(/\$0\.0\d+/)).toBeTruthy();
});
