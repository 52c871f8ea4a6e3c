// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { App } from '../../demo/App';
import { startDemoServer, type DemoServer } from '../../demo/server';

let distDir: string;
let server: DemoServer;
let logs: string[];

/** Serves the page's relative URLs ('/api/chat') from a demo server, as the browser would. */
async function start(tokenDelayMs: number): Promise<void> {
  server = await startDemoServer({ port: 0, distDir, tokenDelayMs, log: (line) => logs.push(line) });
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(new URL(input, server.url), init));
}

beforeEach(async () => {
  logs = [];
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

it('renders a whole run: thinking, tool calls with their status in words, the answer and the cost', async () => {
  await start(0);
  const { container } = render(<App />);
  send('the Q3 launch <img src=x onerror=alert(1)>');
  await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Done · demo-sim-1/));

  // Agent and user text is text: the markup in the message shows as typed and never becomes an element.
  expect(container.querySelector('img')).toBeNull();
  expect(screen.getAllByText(/the Q3 launch <img src=x onerror=alert\(1\)>/).length).toBeGreaterThan(0);

  const thinking = container.querySelector('details.thinking') as HTMLDetailsElement;
  expect(thinking.open).toBe(false);
  expect(within(thinking).getByText('Thought process')).toBeTruthy();

  const tools = container.querySelectorAll('section.tool');
  expect([...tools].map((tool) => [tool.querySelector('.tool-name')?.textContent, tool.querySelector('.badge')?.textContent])).toEqual([
    ['search_notes', '✓done'],
    ['fetch_url', '✕failed'],
    ['summarise', '✓done'],
  ]);
  expect(tools[1]?.textContent).toContain('HTTP 503');
  expect(screen.getByRole('note').textContent).toContain('fetch_url failed');
  expect(container.querySelector('article[data-role="assistant"] p.text')?.textContent).toMatch(/^Here is what I found/);
  expect(screen.getByLabelText('Session usage').textContent).toMatch(/ in · .* out · .*\$0\.0\d{3}/);
  expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
});

it('shows progress and a Stop button while streaming; Stop ends the run and tells the server', async () => {
  await start(5);
  const { container } = render(<App />);
  send('stop me');
  await waitFor(() => expect(container.querySelector('progress')).not.toBeNull());
  expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Stopped'));
  expect(container.querySelector('progress')).toBeNull();
  await waitFor(() => expect(logs.some((line) => line.startsWith('cancel requested:'))).toBe(true));
  await waitFor(() => expect(logs.some((line) => /client went away after \d+ of \d+ events/.test(line))).toBe(true));
});
