// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { App } from '../../demo/App';
import { answerOf } from '../../demo/scripts';
import { startDemoServer, type DemoServer } from '../../demo/server';

let distDir: string;
let server: DemoServer;
let logs: string[];
let bodies: unknown[];

/** Serves the page's relative URLs ('/api/chat') from a demo server, as the browser would. */
async function start(tokenDelayMs: number): Promise<void> {
  server = await startDemoServer({ port: 0, distDir, tokenDelayMs, log: (line) => logs.push(line) });
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    if (input === '/api/chat' && typeof init?.body === 'string') bodies.push(JSON.parse(init.body));
    return realFetch(new URL(input, server.url), init);
  });
}

beforeEach(async () => {
  logs = [];
  bodies = [];
  distDir = await mkdtemp(join(tmpdir(), 'demo-app-'));
  // jsdom has no layout, so following the end of the conversation has nothing to scroll.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await server.close();
  await rm(distDir, { recursive: true, force: true });
});

function send(text: string): void {
  fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
}

const status = () => screen.getByRole('status', { name: 'Stream status' });

it('renders a whole run with the headless components: thinking, tool cards, notes, the answer, progress, timeline and cost', async () => {
  await start(0);
  render(<App />);
  const prompt = 'the Q3 launch <img src=x onerror=alert(1)>';
  send(prompt);
  await waitFor(() => expect(status().textContent).toMatch(/^Done · demo-sim-1 · \d/), { timeout: 5_000 });

  const reply = screen.getByRole('article', { name: 'Assistant' });
  // Agent and user text is text: the markup in the prompt shows as typed and never becomes an element.
  expect(document.querySelector('img')).toBeNull();
  expect(within(screen.getByRole('article', { name: 'You' })).getByText(prompt)).toBeTruthy();
  expect(reply.querySelector('[data-part="text"]')?.textContent).toBe(answerOf('research', prompt));

  expect(within(reply).getByRole('button', { name: 'Thought process' }).getAttribute('aria-expanded')).toBe('false');
  const tools = within(reply).getAllByRole('listitem');
  expect(tools.map((tool) => [tool.querySelector('.tool-name')?.textContent, tool.getAttribute('data-status'), tool.querySelector('.badge')?.textContent])).toEqual([
    ['search_notes', 'done', '✓ done'],
    ['fetch_url', 'error', '✕ failed'],
    ['create_note', 'done', '✓ done'],
  ]);
  expect(tools[1]?.querySelector('[data-error]')?.textContent).toContain('HTTP 503');
  expect(within(reply).getByRole('note').textContent).toBe('⚠ Agent error (tool_error): fetch_url failed; continuing with the notes only');
  expect(reply.querySelector('.creation')?.textContent).toMatch(/^\+ Created 1 note: Summary: the Q3 launch/);
  expect([...reply.querySelectorAll('.turn')].map((turn) => turn.textContent)).toEqual(['Turn 1', 'Turn 2']);

  const panel = screen.getByRole('complementary', { name: 'Run activity' });
  const progress = within(panel).getByRole('progressbar', { name: 'Progress' });
  expect(progress.getAttribute('aria-valuenow')).toBe('100');
  expect(progress.getAttribute('data-state')).toBe('complete');
  const rows = within(within(panel).getByRole('list', { name: 'Tool timeline' })).getAllByRole('listitem');
  expect(rows.map((row) => row.textContent?.replace(/\d.*$/, ''))).toEqual(['search_notes✓ done', 'fetch_url✕ failed', 'create_note✓ done']);
  expect(panel.querySelector('dl')?.getAttribute('data-state')).toBe('complete');
  expect(panel.querySelector('dd[data-figure="cost"]')?.textContent).toMatch(/^\$0\.0\d+$/);
  expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
  expect(bodies).toEqual([{ message: prompt, scenario: 'research', format: 'agent-event-stream' }]);
});

it('sends the scenario picked in the labelled select, and describes it', async () => {
  await start(0);
  render(<App />);
  const picker = screen.getByRole('combobox', { name: 'Scenario' });
  fireEvent.change(picker, { target: { value: 'failing-tool' } });
  expect(screen.getByText(/A query is refused/).id).toBe(picker.getAttribute('aria-describedby'));
  send('revenue by region');
  await waitFor(() => expect(status().textContent).toMatch(/^Done/), { timeout: 5_000 });
  expect(bodies).toEqual([{ message: 'revenue by region', scenario: 'failing-tool', format: 'agent-event-stream' }]);
  const statuses = [...document.querySelectorAll('article li.tool')].map((tool) => tool.getAttribute('data-status'));
  expect(statuses).toEqual(['error', 'done', 'done']);
  expect(screen.getAllByRole('button', { name: 'Thought process' })).toHaveLength(2);
});

it('sends the backend format picked in its labelled select, describes it, and reads the stream in that protocol', async () => {
  await start(0);
  render(<App />);
  const picker = screen.getByRole('combobox', { name: 'Backend format' });
  expect([...picker.querySelectorAll('option')].map((option) => option.textContent)).toEqual([
    'agent-event-stream (native)',
    'AI SDK UI message stream',
    'AG-UI',
  ]);
  fireEvent.change(picker, { target: { value: 'ag-ui' } });
  expect(document.getElementById(picker.getAttribute('aria-describedby')!)?.textContent).toMatch(/^AG-UI: .*no event ids/);
  send('the Q3 launch');
  // AG-UI's end carries no model or duration, so the status line says just that the run is done.
  await waitFor(() => expect(status().textContent).toBe('Done'), { timeout: 5_000 });
  expect(bodies).toEqual([{ message: 'the Q3 launch', scenario: 'research', format: 'ag-ui' }]);
  expect(logs.some((line) => /^run 1: research in ag-ui for "the Q3 launch"/.test(line))).toBe(true);
  const reply = screen.getByRole('article', { name: 'Assistant' });
  expect(reply.querySelector('[data-part="text"]')?.textContent).toBe(answerOf('research', 'the Q3 launch'));
  expect([...reply.querySelectorAll('li.tool')].map((tool) => tool.getAttribute('data-status'))).toEqual(['done', 'done', 'done']);
});

it('shows Stop while streaming; Stop ends the run, and the server cancels it by its run id', async () => {
  await start(5);
  render(<App />);
  send('stop me');
  await waitFor(() => expect(screen.getByRole('button', { name: 'Thinking…' })).toBeTruthy(), { timeout: 5_000 });
  expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
  await waitFor(() => expect(status().textContent).toBe('Stopped'));
  await waitFor(() => expect(logs).toContain('run 1: cancel requested'));
  await waitFor(() => expect(logs.some((line) => /^run 1: cancelled after \d+ events$/.test(line))).toBe(true));
  // A stop is what the status says; it is not listed as a connection problem.
  expect(screen.queryByRole('list', { name: 'Connection notices' })).toBeNull();
});

it('starts from a suggestion, and Clear empties the conversation and the panel', async () => {
  await start(0);
  render(<App />);
  fireEvent.click(screen.getByRole('button', { name: 'What did I decide about hiring?' }));
  await waitFor(() => expect(status().textContent).toMatch(/^Done/), { timeout: 5_000 });
  expect(screen.queryByRole('button', { name: 'What did I decide about hiring?' })).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
  expect(screen.queryByRole('article')).toBeNull();
  expect(screen.getByRole('list', { name: 'Tool timeline' }).getAttribute('data-state')).toBe('empty');
  expect(screen.getByText('Tool calls of the latest run appear here.')).toBeTruthy();
  expect(status().textContent).toBe('Ready');
});
