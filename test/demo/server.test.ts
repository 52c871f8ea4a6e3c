import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FORMATS, type FormatName } from '../../demo/formats';
import { answerOf } from '../../demo/scripts';
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../demo/server';
import { tokensOf } from '../../demo/simulated-agent';
import { connectAgentStream } from '../../src/core/connection';
import { RUN_ID_HEADER, type AgentEvent, type ProgressData } from '../../src/core/protocol';
import { selectMessages, selectThinking, selectToolCalls } from '../../src/core/selectors';
import { createAgentStore } from '../../src/core/store';

let root: string;
let distDir: string;
let server: DemoServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'demo-server-'));
  distDir = join(root, 'dist');
  await mkdir(join(distDir, 'assets'), { recursive: true });
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>fixture page</title><div id="root"></div>');
  await writeFile(join(distDir, 'assets', 'index-abc123.js'), 'console.log("fixture");');
  await writeFile(join(distDir, 'assets', 'index-abc123.css'), 'body { margin: 0 }');
  await writeFile(join(root, 'secret.txt'), 'outside the dist directory');
  server = await startDemoServer({ port: 0, distDir, tokenDelayMs: 0, log: () => undefined });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** A server of its own for one test, with its own log lines; closed after it. */
async function withServer(options: DemoServerOptions, test: (target: DemoServer, lines: string[]) => Promise<void>): Promise<void> {
  const lines: string[] = [];
  const target = await startDemoServer({ port: 0, distDir, log: (line) => lines.push(line), ...options });
  try {
    await test(target, lines);
  } finally {
    await target.close();
  }
}

/** Runs one chat turn through the library's own connection, as the page does (minus the DOM). */
async function chat(target: DemoServer, message: string, scenario?: string, format?: FormatName) {
  const events: AgentEvent[] = [];
  const connection = connectAgentStream(`${target.url}/api/chat`, {
    body: { message, ...(scenario && { scenario }), ...(format && { format }) },
    protocol: format,
    transport: 'fetch',
    store: createAgentStore(),
    retry: { baseDelayMs: 10 },
    onEvent: (event) => events.push(event),
  });
  return { state: await connection.done, events };
}

function post(target: DemoServer, path: string, body: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return fetch(`${target.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal });
}

/** The `id:` of every frame in an SSE text, in order. */
function idsOf(text: string): number[] {
  return [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
}

/** Reads a streaming body until `enough(text)` holds, then aborts the request, as a client that drops does. */
async function readUntil(response: Response, controller: AbortController, enough: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The stream ended first:\n${text}`);
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  // Only whole frames count: the last one may have been cut mid-way.
  return text.slice(0, text.lastIndexOf('\n\n') + 2);
}

/** The first of `lines` that matches, once one does. */
async function logLine(lines: string[], pattern: RegExp): Promise<string> {
  return vi.waitFor(
    () => {
      const line = lines.find((entry) => pattern.test(entry));
      if (line === undefined) throw new Error(`no log line matches ${pattern}`);
      return line;
    },
    { timeout: 5_000 },
  );
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
  it('answers with the SSE headers, the run id, and frames numbered from 1 that end with done', async () => {
    const response = await post(server, '/api/chat', JSON.stringify({ message: 'headers' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toMatch(/^no-cache/);
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get(RUN_ID_HEADER)).toMatch(/^[0-9a-f]{8}-[0-9a-f-]{27}$/);
    const body = await response.text();
    expect(body.startsWith('id: 1\nevent: progress\ndata: {')).toBe(true);
    const ids = idsOf(body);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(body.trimEnd().split('\n\n').at(-1)).toMatch(/^id: \d+\nevent: done\ndata: \{.*\}$/);
  });

  it('plays the research scenario by default: thinking, two turns, tools with one failure, progress, a creation, usage, the answer', async () => {
    const message = 'the Q3 launch plan';
    const { state, events } = await chat(server, message);

    expect(state.status).toBe('done');
    expect(state.errors.map((error) => [error.code, error.errorType])).toEqual([['agent', 'tool_error']]);
    const tools = selectToolCalls(state);
    expect(tools.map((tool) => [tool.name, tool.status])).toEqual([
      ['search_notes', 'done'],
      ['fetch_url', 'error'],
      ['create_note', 'done'],
    ]);
    expect(tools[0]?.inputSummary).toBe('query="the Q3 launch plan"');
    expect(tools[1]?.errorText).toContain('503');
    // The two searches run side by side: the second starts before the first ends.
    const order = events.filter((e) => e.type === 'tool_use' || e.type === 'tool_result').map((e) => `${e.type}:${e.data.toolName}`);
    expect(order.slice(0, 4)).toEqual(['tool_use:search_notes', 'tool_use:fetch_url', 'tool_result:search_notes', 'tool_result:fetch_url']);

    expect(selectThinking(state).map((block) => block.status)).toEqual(['complete']);
    expect(state.turns.map((turn) => turn.turnNumber)).toEqual([1, 2]);
    expect(state.creations.map((creation) => [creation.creationType, creation.count, creation.toolUseId])).toEqual([['note', 1, tools[2]?.id]]);

    const subProgress = events
      .filter((event): event is { type: 'progress'; data: ProgressData } => event.type === 'progress')
      .map((event) => event.data.subProgress)
      .filter((sub) => sub !== undefined);
    expect(subProgress.map((sub) => [sub.current, sub.total, sub.itemTitle])).toEqual([
      [1, 3, 'search_notes'],
      [2, 3, 'fetch_url'],
      [3, 3, 'create_note'],
    ]);
    expect(state.progress?.percentage).toBe(100);

    const usages = events.filter((event) => event.type === 'usage');
    expect(usages).toHaveLength(2);
    expect(state.usage.model).toBe('demo-sim-1');
    expect(state.usage.inputTokens).toBeGreaterThan(1_850);
    expect(state.usage.totalCostUsd).toBeGreaterThan(0);
    expect(state.done).toMatchObject({ model: 'demo-sim-1', numTurns: 2, toolCount: 3, totalCostUsd: state.usage.totalCostUsd });

    const reply = selectMessages(state)[0];
    expect(reply?.status).toBe('complete');
    expect(reply?.text).toBe(answerOf('research', message));
    expect(reply?.text.split('\n\n')).toHaveLength(3);
    expect(reply?.parts.map((part) => part.kind)).toEqual(['thinking', 'turn', 'tool', 'tool', 'error', 'turn', 'tool', 'creation', 'text']);
  });

  it('batches answer tokens as a server does for a fast model: about two tokens per frame', async () => {
    const message = 'batching';
    const { events } = await chat(server, message);
    const frames = events.filter((event) => event.type === 'token').length;
    const tokens = tokensOf(answerOf('research', message)).length;
    expect(frames).toBe(Math.ceil(tokens / 2));
  });

  it('plays failing-tool: the query fails, the agent says so, thinks again and recovers', async () => {
    const { state } = await chat(server, 'revenue by region', 'failing-tool');
    expect(state.status).toBe('done');
    expect(selectToolCalls(state).map((tool) => [tool.name, tool.status])).toEqual([
      ['run_sql', 'error'],
      ['run_sql', 'done'],
      ['make_chart', 'done'],
    ]);
    expect(state.errors.map((error) => error.message)).toEqual(['run_sql failed: permission denied for table sales_2024']);
    expect(selectThinking(state)).toHaveLength(2);
    expect(state.creations.map((creation) => creation.creationType)).toEqual(['chart']);
    expect(selectMessages(state)[0]?.text).toBe(answerOf('failing-tool', 'revenue by region'));
  });

  it('plays long-answer: four sections, with progress naming each one as it is written', async () => {
    const { state, events } = await chat(server, 'the roadmap', 'long-answer');
    const sections = events
      .filter((event): event is { type: 'progress'; data: ProgressData } => event.type === 'progress' && event.data.step === 'write')
      .map((event) => event.data.subProgress?.itemTitle);
    expect(sections).toEqual(['Where things stand', 'What changed', 'Risks', 'Next steps', undefined]);
    expect(selectMessages(state)[0]?.text).toBe(answerOf('long-answer', 'the roadmap'));
  });

  it('gives every run its own tool ids, so a second run gets its own tool calls', async () => {
    const first = await chat(server, 'one');
    const second = await chat(server, 'two');
    const ids = [...selectToolCalls(first.state), ...selectToolCalls(second.state)].map((tool) => tool.id);
    expect(new Set(ids).size).toBe(6);
  });

  it('refuses bad requests with a status and a JSON reason', async () => {
    const refusal = async (response: Response) => [response.status, ((await response.json()) as { error: string }).error];
    expect(await refusal(await post(server, '/api/chat', 'not json'))).toEqual([400, 'Expected a JSON body']);
    expect((await refusal(await post(server, '/api/chat', JSON.stringify({ message: '  ' }))))[0]).toBe(400);
    expect(await refusal(await post(server, '/api/chat', JSON.stringify({ message: 'hi', scenario: 'nope' })))).toEqual([
      400,
      'Unknown scenario "nope"; expected one of research, failing-tool, drop-resume, long-answer',
    ]);
    expect(await refusal(await post(server, '/api/chat', JSON.stringify({ message: 'hi', format: 'sse' })))).toEqual([
      400,
      'Unknown format "sse"; expected one of agent-event-stream, ai-sdk, ag-ui',
    ]);
    expect((await refusal(await post(server, '/api/chat', JSON.stringify({ message: 'x'.repeat(70_000) }))))[0]).toBe(413);
    expect(await refusal(await post(server, '/api/chat', '{"message":"hi"}', { 'last-event-id': '12' }))).toEqual([
      400,
      'Last-Event-ID needs the Agent-Run-Id header of the run to resume',
    ]);
    expect((await refusal(await post(server, '/api/chat', '{}', { [RUN_ID_HEADER]: 'no-such-run' })))[0]).toBe(404);
    expect((await fetch(`${server.url}/api/chat`)).status).toBe(405);

    const started = await post(server, '/api/chat', '{"message":"hi"}');
    const runId = started.headers.get(RUN_ID_HEADER)!;
    await started.text();
    for (const bad of ['abc', '-1', '1.5', '99999']) {
      const [status, reason] = await refusal(await post(server, '/api/chat', '{}', { [RUN_ID_HEADER]: runId, 'last-event-id': bad }));
      expect([status, reason], bad).toEqual([400, expect.stringMatching(/is not an event of this run \(1 to \d+\)$/)]);
    }
    const aiSdkRun = await post(server, '/api/chat', '{"message":"hi","format":"ai-sdk"}');
    const aiSdkRunId = aiSdkRun.headers.get(RUN_ID_HEADER)!;
    await aiSdkRun.text();
    expect(await refusal(await post(server, '/api/chat', '{}', { [RUN_ID_HEADER]: aiSdkRunId, 'last-event-id': '1' }))).toEqual([
      400,
      `Run ${aiSdkRunId} is in ai-sdk, which has no event ids to resume from`,
    ]);
    expect(await refusal(await post(server, '/api/cancel', '{"messageId":"m"}'))).toEqual([400, 'Expected JSON { "runId": "…" }']);
    expect((await refusal(await post(server, '/api/cancel', '{"runId":"no-such-run"}')))[0]).toBe(404);
  });
});

describe('demo server: runs outlive their connections', () => {
  it('keeps producing when the client drops, and resumes with Agent-Run-Id and Last-Event-ID from the log, without a gap or a duplicate', async () => {
    await withServer({ tokenDelayMs: 1 }, async (target) => {
      const controller = new AbortController();
      const response = await post(target, '/api/chat', '{"message":"resume me"}', {}, controller.signal);
      const runId = response.headers.get(RUN_ID_HEADER)!;
      const first = await readUntil(response, controller, (text) => text.includes('event: tool_use'));
      const lastId = idsOf(first).at(-1)!;

      const rest = await (await post(target, '/api/chat', '{"message":"resume me"}', { [RUN_ID_HEADER]: runId, 'last-event-id': String(lastId) })).text();
      expect(idsOf(rest)[0]).toBe(lastId + 1);
      expect(rest).toMatch(/event: done\n.*\n\n$/);
      // Joining the run from the start (a run id, no Last-Event-ID) replays the same log whole.
      const whole = await (await post(target, '/api/chat', '{}', { [RUN_ID_HEADER]: runId })).text();
      expect(first + rest).toBe(whole);
      expect(idsOf(whole)).toEqual(idsOf(whole).map((_, i) => i + 1));
    });
  });

  it('drop-resume: the server cuts the socket mid-answer, the connection resumes, and the text arrives exactly once', async () => {
    await withServer({ tokenDelayMs: 1 }, async (target, lines) => {
      const message = 'the Q3 launch';
      const { state } = await chat(target, message, 'drop-resume');
      expect(state.status).toBe('done');
      expect(selectMessages(state)[0]?.text).toBe(answerOf('drop-resume', message));
      expect(state.errors.map((error) => [error.code, error.severity])).toEqual([['network', 'warning']]);
      expect(state.errors[0]?.message).toMatch(/resuming from id \d+$/);
      const dropped = Number(/after event (\d+)/.exec(await logLine(lines, /dropping the connection after event \d+$/))?.[1]);
      const resumed = Number(/resumed after event (\d+)$/.exec(await logLine(lines, /resumed after event \d+$/))?.[1]);
      expect(resumed).toBeGreaterThan(0);
      expect(resumed).toBeLessThanOrEqual(dropped);
    });
  });

  it('drop-resume really drops the socket: the body fails before done', async () => {
    await withServer({ tokenDelayMs: 1 }, async (target) => {
      const response = await post(target, '/api/chat', JSON.stringify({ message: 'cut', scenario: 'drop-resume' }));
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const read = async (): Promise<void> => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
        }
      };
      await expect(read()).rejects.toThrow();
      expect(text).toContain('event: token');
      expect(text).not.toContain('event: done');
    });
  });

  it('POST /api/cancel with the run id stops the producer; the log ends where it stood', async () => {
    await withServer({ tokenDelayMs: 5 }, async (target, lines) => {
      const connection = connectAgentStream(`${target.url}/api/chat`, {
        body: { message: 'stop me' },
        transport: 'fetch',
        store: createAgentStore(),
        cancel: `${target.url}/api/cancel`,
        onEvent: (event) => {
          if (event.type === 'tool_use') connection.stop();
        },
      });
      const stopped = await connection.done;
      expect(stopped.status).toBe('aborted');
      // Only a cancel that failed would add an error besides the stop's own warning.
      expect(stopped.errors.map((error) => error.code)).toEqual(['aborted']);

      const line = await logLine(lines, /^run \d+: cancelled after \d+ events$/);
      const [, number, sent] = /^run (\d+): cancelled after (\d+) events$/.exec(line) ?? [];
      expect(lines).toContain(`run ${number}: cancel requested`);
      const full = (await chat(server, 'stop me')).events.length;
      expect(Number(sent)).toBeLessThan(full / 2);
      const runId = /^run \d+: research in agent-event-stream for "stop me" \((.+)\)$/.exec(await logLine(lines, new RegExp(`^run ${number}: research`)))?.[1];
      const replay = await (await post(target, '/api/chat', '{}', { [RUN_ID_HEADER]: runId! })).text();
      expect(idsOf(replay)).toHaveLength(Number(sent));
      expect(replay).not.toContain('event: done');
    });
  });

  it('forgets a finished run after its time to live', async () => {
    await withServer({ tokenDelayMs: 0, runTtlMs: 20 }, async (target) => {
      const response = await post(target, '/api/chat', '{"message":"short-lived"}');
      const runId = response.headers.get(RUN_ID_HEADER)!;
      await response.text();
      await vi.waitFor(async () => {
        expect((await post(target, '/api/chat', '{}', { [RUN_ID_HEADER]: runId })).status).toBe(404);
      });
    });
  });
});

describe('demo server: the same run in the AI SDK and AG-UI formats', () => {
  /** What a run means on the page, whatever its wire format. */
  const meaning = (state: Awaited<ReturnType<typeof chat>>['state']) => ({
    status: state.status,
    text: selectMessages(state)[0]?.text,
    thinking: selectThinking(state).map((block) => [block.status, block.text]),
    tools: selectToolCalls(state).map((tool) => tool.name),
    turns: state.turns.map((turn) => turn.turnNumber),
  });

  it.each([
    ['ai-sdk', 'x-vercel-ai-ui-message-stream', 'v1'],
    ['ag-ui', 'content-type', 'text/event-stream'],
  ] as const)('answers in %s, with its own header, when the body asks for it', async (format, header, value) => {
    const response = await post(server, '/api/chat', JSON.stringify({ message: 'headers', format }));
    expect(response.headers.get(header)).toBe(value);
    expect(response.headers.get(RUN_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.text();
    expect(body).not.toMatch(/^(id|event):/m);
    expect(body.startsWith(format === 'ai-sdk' ? 'data: {"type":"start"' : 'data: {"type":"RUN_STARTED"')).toBe(true);
  });

  it.each(Object.keys(FORMATS).filter((format) => format !== 'agent-event-stream') as FormatName[])(
    'research in %s means what the native run means: the answer, the thinking, the tools and their inputs, the turns, the tokens',
    async (format) => {
      const message = 'the Q3 launch plan';
      const native = (await chat(server, message)).state;
      const { state } = await chat(server, message, 'research', format);

      expect(meaning(state)).toEqual(meaning(native));
      expect(meaning(state)).toMatchObject({ status: 'done', text: answerOf('research', message), thinking: [['complete', expect.any(String)]] });
      const tools = selectToolCalls(state);
      expect(tools.map((tool) => tool.args)).toEqual([
        { query: message },
        { url: `https://example.com/search?q=${encodeURIComponent(message)}` },
        { title: `Summary: ${message}` },
      ]);
      // AG-UI results have no error flag: the failed fetch is a result whose text says so.
      expect(tools.map((tool) => tool.status)).toEqual(format === 'ag-ui' ? ['done', 'done', 'done'] : selectToolCalls(native).map((tool) => tool.status));
      expect(JSON.stringify(tools[1]?.output ?? tools[1]?.errorText)).toContain('HTTP 503');
      // Tokens come in the message metadata (AI SDK) or on RUN_FINISHED (AG-UI); neither carries a cost.
      expect(state.usage).toMatchObject({ inputTokens: native.usage.inputTokens, outputTokens: native.usage.outputTokens, model: 'demo-sim-1', totalCostUsd: null });
      // Progress, creations and agent notes have no place in these formats.
      expect([state.progress, state.creations, state.errors]).toEqual([null, [], []]);
    },
  );

  it.each(['ai-sdk', 'ag-ui'] as const)('failing-tool in %s recovers like the native run', async (format) => {
    const { state } = await chat(server, 'revenue by region', 'failing-tool', format);
    expect(state.status).toBe('done');
    expect(selectToolCalls(state).map((tool) => [tool.name, tool.status])).toEqual([
      ['run_sql', format === 'ag-ui' ? 'done' : 'error'],
      ['run_sql', 'done'],
      ['make_chart', 'done'],
    ]);
    expect(selectThinking(state)).toHaveLength(2);
    expect(selectMessages(state)[0]?.text).toBe(answerOf('failing-tool', 'revenue by region'));
  });

  it.each(['ai-sdk', 'ag-ui'] as const)('drop-resume in %s ends interrupted: without event ids there is nothing to resume from', async (format) => {
    await withServer({ tokenDelayMs: 1 }, async (target, lines) => {
      const message = 'the Q3 launch';
      const { state } = await chat(target, message, 'drop-resume', format);
      expect(state.status).toBe('error');
      expect(state.errors.map((error) => error.code)).toEqual(['interrupted']);
      const reply = selectMessages(state)[0];
      expect(reply?.status).toBe('interrupted');
      expect(answerOf('drop-resume', message).startsWith(reply?.text ?? '-')).toBe(true);
      expect(lines.some((line) => /resumed/.test(line))).toBe(false);
    });
  });

  it('cancels an AI SDK run by its run id too', async () => {
    await withServer({ tokenDelayMs: 5 }, async (target, lines) => {
      const connection = connectAgentStream(`${target.url}/api/chat`, {
        body: { message: 'stop me', format: 'ai-sdk' },
        protocol: 'ai-sdk',
        store: createAgentStore(),
        cancel: `${target.url}/api/cancel`,
        onEvent: (event) => {
          if (event.type === 'tool_use') connection.stop();
        },
      });
      expect((await connection.done).status).toBe('aborted');
      await logLine(lines, /^run 1: cancelled after \d+ events$/);
      expect(lines).toContain('run 1: cancel requested');
    });
  });
});
