import { describe, expect, it } from 'vitest';
import { connectAgentStream } from '../../src/core/connection';
import type { ConnectOptions } from '../../src/core/connection-options';
import type { AgentState } from '../../src/core/state';
import { createAgentStore } from '../../src/core/store';
import { mockFetch } from '../../src/testing/mock-fetch';
import { mockAgentStream, type MockAgentStreamOptions } from '../../src/testing/mock-stream';
import { scenarios } from '../../src/testing/scenarios';
import { scriptEvents, type AgentStreamScript } from '../../src/testing/script';

const clock = (): number => 0;

/** The store a client ends with when it receives every event of `script` in one go. */
function expectedState(script: AgentStreamScript): AgentState {
  const store = createAgentStore({ now: clock });
  store.dispatch([{ type: 'client/run-start' }, { type: 'client/status', status: 'streaming' }, ...scriptEvents(script)]);
  return store.getSnapshot();
}

/** What the user sees; the run's bookkeeping (applied ids) differs with and without ids. */
function visible(state: AgentState) {
  const { status, messages, toolCalls, thinking, timeline, turns, progress, creations, usage, done, custom } = state;
  return { status, messages, toolCalls, thinking, timeline, turns, progress, creations, usage, done, custom, errors: state.errors.map((e) => e.code) };
}

function replay(fetch: typeof globalThis.fetch, options: ConnectOptions = {}): Promise<AgentState> {
  const store = createAgentStore({ now: clock });
  return connectAgentStream('http://localhost/api/chat', { transport: 'fetch', store, fetch, body: { message: 'Hi' }, retry: { baseDelayMs: 1 }, ...options }).done;
}

const replayScript = (script: AgentStreamScript, options: MockAgentStreamOptions = {}): Promise<AgentState> =>
  replay(async (_input, init) => mockAgentStream(script, { speed: Infinity, signal: init?.signal ?? undefined, ...options }));

describe('scenarios through connectAgentStream', () => {
  const single = ['longAnswer', 'manyToolCalls', 'toolError', 'thinkingThenAnswer', 'progressPipeline'] as const;

  it.each(single)('%s reduces to the store of its events', async (name) => {
    const { script } = scenarios[name];
    const state = await replayScript(script);
    expect(state.status).toBe('done');
    expect(visible(state)).toEqual(visible(expectedState(script)));
  });

  it('gives the same store at every split seed, with and without ids', async () => {
    const { script } = scenarios.manyToolCalls;
    const expected = visible(expectedState(script));
    for (let seed = 0; seed < 40; seed++) {
      const state = await replayScript(script, { split: { seed, maxChunk: 1 + (seed % 9) }, ids: seed % 2 === 0 });
      expect(visible(state)).toEqual(expected);
    }
  });

  it('shows the scenarios’ content in the store', async () => {
    const tools = await replayScript(scenarios.manyToolCalls.script);
    expect(tools.toolCalls.ids).toHaveLength(6);
    expect(new Set(Object.values(tools.toolCalls.byId).map((call) => call.name))).toStrictEqual(new Set(['search', 'fetch_url', 'read_file']));
    const failed = await replayScript(scenarios.toolError.script);
    expect(failed.toolCalls.byId.tu_1?.status).toBe('error');
    expect(failed.errors.map((error) => error.code)).toStrictEqual(['agent']);
    const thinking = await replayScript(scenarios.thinkingThenAnswer.script);
    expect(thinking.thinking.ids).toHaveLength(1);
    const pipeline = await replayScript(scenarios.progressPipeline.script);
    expect(pipeline.progress?.percentage).toBe(100);
    expect(pipeline.creations[0]?.items).toHaveLength(2);
  });

  it('dropAfter without ids ends interrupted with a network cause', async () => {
    const state = await replayScript(scenarios.longAnswer.script, { dropAfter: 5 });
    expect(state.status).toBe('error');
    expect(state.errors.map((error) => error.code)).toContain('interrupted');
  });

  it('dropAfter with ids resumes with Last-Event-ID to the full store', async () => {
    const requests: (string | null)[] = [];
    const { script } = scenarios.longAnswer;
    const state = await replay(async (input, init) => {
      const lastEventId = new Headers(init?.headers).get('last-event-id');
      requests.push(lastEventId);
      return mockAgentStream(script, { speed: Infinity, ids: true, ...(lastEventId === null ? { dropAfter: 5 } : { resumeFrom: lastEventId }) });
    });
    expect(requests).toStrictEqual([null, '5']);
    expect(state.status).toBe('done');
    expect(visible(state).messages).toEqual(visible(expectedState(script)).messages);
  });

  it('dropAndResume drops on the first request and resumes on the second', async () => {
    const fetch = mockFetch(scenarios.dropAndResume.answer, { speed: Infinity });
    const state = await replay(fetch);
    expect(state.status).toBe('done');
    expect(state.errors.map((error) => [error.code, error.severity])).toStrictEqual([['network', 'warning']]);
    const expected = visible(expectedState(scenarios.dropAndResume.script));
    expect({ ...visible(state), errors: [] }).toEqual({ ...expected, errors: [] });
  });

  it('rateLimit answers 429 with Retry-After, then the stream', async () => {
    const started = performance.now();
    const state = await replay(mockFetch(scenarios.rateLimit.answer, { speed: Infinity }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(state.status).toBe('done');
    expect(state.errors.map((error) => [error.code, error.status])).toStrictEqual([['http_status', 429]]);
    expect(visible(state).messages).toEqual(visible(expectedState(scenarios.rateLimit.script)).messages);
  });
});
