import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo/server';
import { connectAgentStream } from '../../src/core/connection';
import type { AgentEvent, ProgressData } from '../../src/core/protocol';
import { selectMessages, selectThinking, selectToolCalls } from '../../src/core/selectors';
import { createAgentStore } from '../../src/core/store';

let root: string;
let distDir: string;
let server: DemoServer;
const logs: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'demo-server-'));
  distDir = join(root, 'dist');
  await mkdir(join(distDir, 'assets'), { recursive: true });
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>fixture page</title><div id="root"></div>');
  await writeFile(join(distDir, 'assets', 'index-abc123.js'), 'console.log("fixture");');
  await writeFile(join(distDir, 'assets', 'index-abc123.css'), 'body { margin: 0 }');
  await writeFile(join(root, 'secret.txt'), 'outside the dist directory');
  server = await startDemoServer({ port: 0, distDir, tokenDelayMs: 0, log: (line) => logs.push(line) });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** Runs one chat turn through the library's own connection, as the page does (minus the DOM). */
async function chat(target: DemoServer, message: string) {
  const events: AgentEvent[] = [];
  const connection = connectAgentStream(`${target.url}/api/chat`, {
    body: { message },
    transport: 'fetch',
    store: createAgentStore(),
    onEvent: (event) => events.push(event),
  });
  return { state: await connection.done, events };
}

describe('demo server: the page', () => {
  it('serves index.html at / as HTML', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('fixture page');
  });

  it('serves built assets with their content types', async () => {
    const script = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("fixture");');
    const style = await fetch(`${server.url}/assets/index-abc123.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for missing files, directories and paths that leave the dist directory', async () => {
    for (const path of ['/missing.js', '/assets', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('outside');
    }
  });
});

describe('demo server: POST /api/chat', () => {
  it('answers with the SSE headers that keep proxies from buffering, and numbered frames', async () => {
    const response = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'headers' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const body = await response.text();
    expect(body.startsWith('id: 1\nevent: progress\ndata: {')).toBe(true);
    const ids = [...body.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(body.trimEnd().split('\n\n').at(-1)).toMatch(/^id: \d+\nevent: done\ndata: \{.*\}$/);
  });

  it('streams a run that connectAgentStream reduces to done, with every kind of part', async () => {
    const { state, events } = await chat(server, 'the Q3 launch plan');

    expect(state.status).toBe('done');
    expect(state.errors.map((error) => [error.code, error.errorType])).toEqual([['agent', 'tool_error']]);

    const tools = selectToolCalls(state);
    expect(tools.map((tool) => [tool.name, tool.status])).toEqual([
      ['search_notes', 'done'],
      ['fetch_url', 'error'],
      ['summarise', 'done'],
    ]);
    expect(tools[1]?.errorText).toContain('503');
    expect(tools[0]?.inputSummary).toBe('query="the Q3 launch plan"');

    const thinking = selectThinking(state);
    expect(thinking).toHaveLength(1);
    expect(thinking[0]?.status).toBe('complete');
    expect(thinking[0]?.text).toContain('the Q3 launch plan');

    const subProgress = events
      .filter((event): event is { type: 'progress'; data: ProgressData } => event.type === 'progress')
      .map((event) => event.data.subProgress)
      .filter((sub) => sub !== undefined);
    expect(subProgress.map((sub) => [sub.current, sub.total, sub.itemTitle])).toEqual([
      [1, 3, 'search_notes'],
      [2, 3, 'fetch_url'],
      [3, 3, 'summarise'],
    ]);
    expect(state.progress?.percentage).toBe(100);
    expect(state.turns.map((turn) => turn.turnNumber)).toEqual([1, 2]);

    expect(events.filter((event) => event.type === 'usage')).not.toHaveLength(0);
    expect(state.usage.model).toBe('demo-sim-1');
    expect(state.usage.inputTokens).toBeGreaterThan(0);
    expect(state.usage.outputTokens).toBeGreaterThan(0);
    expect(state.usage.totalCostUsd).toBeGreaterThan(0);
    expect(state.done?.model).toBe('demo-sim-1');
    expect(state.done?.totalCostUsd).toBe(state.usage.totalCostUsd);

    const [reply] = selectMessages(state);
    expect(reply?.status).toBe('complete');
    expect(reply?.text).toContain('“the Q3 launch plan”');
    expect(reply?.parts.map((part) => part.kind)).toEqual([
      'thinking',
      'turn',
      'tool',
      'tool',
      'error',
      'turn',
      'tool',
      'text',
    ]);
    expect(events.filter((event) => event.type === 'token').length).toBeGreaterThan(20);
  });

  it('keeps tool ids unique across runs, so a second run gets its own tool calls', async () => {
    const first = await chat(server, 'one');
    const second = await chat(server, 'two');
    const ids = [...selectToolCalls(first.state), ...selectToolCalls(second.state)].map((tool) => tool.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('refuses a body without a message (400) and a resume it cannot honour (410)', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ message: '  ' }))).status).toBe(400);
    expect((await post(JSON.stringify({ message: 'hi' }), { 'last-event-id': '12' })).status).toBe(410);
    expect((await fetch(`${server.url}/api/chat`)).status).toBe(405);
  });
});

describe('demo server: ending a stream early', () => {
  it('stops writing when the client goes away, then serves the next request', async () => {
    const slow = await startDemoServer({ port: 0, distDir, tokenDelayMs: 2, log: (line) => logs.push(line) });
    try {
      const connection = connectAgentStream(`${slow.url}/api/chat`, {
        body: { message: 'stop me' },
        transport: 'fetch',
        store: createAgentStore(),
        cancel: `${slow.url}/api/cancel`,
        onEvent: (event) => {
          if (event.type === 'tool_use') connection.stop();
        },
      });
      const stopped = await connection.done;
      expect(stopped.status).toBe('aborted');
      // Only a cancel that failed would add an error besides the stop's own warning.
      expect(stopped.errors.map((error) => error.code)).toEqual(['aborted']);

      const gone = await vi.waitFor(() => {
        const line = logs.find((entry) => /^run \d+: client went away after \d+ of \d+ events$/.test(entry));
        if (line === undefined) throw new Error('the server has not noticed yet');
        return line;
      });
      const [, sent, total] = /after (\d+) of (\d+)/.exec(gone) ?? [];
      expect(Number(sent)).toBeLessThan(Number(total));
      expect(logs.some((entry) => entry.startsWith('cancel requested: {"messageId":'))).toBe(true);

      const next = await chat(slow, 'and again');
      expect(next.state.status).toBe('done');
    } finally {
      await slow.close();
    }
  });

  it('answers POST /api/cancel with 204', async () => {
    const response = await fetch(`${server.url}/api/cancel`, { method: 'POST', body: '{"messageId":null,"lastEventId":"3"}' });
    expect(response.status).toBe(204);
    expect(logs).toContain('cancel requested: {"messageId":null,"lastEventId":"3"}');
  });
});
