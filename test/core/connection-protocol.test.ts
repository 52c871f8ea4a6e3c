import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProtocolAdapter } from '../../src/core/adapter';
import { connectAgentStream } from '../../src/core/connection';
import type { ConnectOptions } from '../../src/core/connection-options';
import type { ProtocolName } from '../../src/core/connection-protocol';
import { isAgentStreamError } from '../../src/core/errors';
import type { AgentState } from '../../src/core/state';
import { splitEvery } from '../helpers/chunks';
import { installDomGlobals, removeDomGlobals } from '../helpers/dom-globals';
import { startSSEServer, type ScriptedResponse, type SSEServer } from '../helpers/sse-server';

// The `protocol` option end to end: a real node:http server, the real transports and the adapters
// loaded lazily by name, as an app gets them.

let server: SSEServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function connect(response: ScriptedResponse | ScriptedResponse[], options: ConnectOptions): Promise<AgentState> {
  server = await startSSEServer({ '/stream': response });
  const state = await connectAgentStream(server.url('/stream'), { retry: { baseDelayMs: 1, maxDelayMs: 2 }, ...options }).done;
  await server.close();
  server = undefined;
  return state;
}

/** The state without what depends on the clock, errors as their code and message. */
function stable(state: AgentState): unknown {
  return JSON.parse(
    JSON.stringify(state, (key, value: unknown) => {
      if (key === 'startedAt' || key === 'endedAt' || key === 'durationMs') return undefined;
      return isAgentStreamError(value) ? { code: value.code, message: value.message } : value;
    }),
  );
}

const FIXTURES = new URL('../fixtures/adapters/', import.meta.url);
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) => readdirSync(new URL(`${dir.name}/`, FIXTURES)).map((file) => [dir.name as ProtocolName, file] as const))
  .filter(([, file]) => file.endsWith('.sse') || file.endsWith('.txt'));

// pydantic-deep's docs also show raw text in `data:` lines; nothing in it says which protocol it is.
const UNDETECTABLE = new Set(['pydantic-deep/fastapi-text.sse']);

const served = (protocol: string, file: string): ScriptedResponse => {
  const body = new Uint8Array(readFileSync(new URL(`${protocol}/${file}`, FIXTURES)));
  // Small chunks: frames and multi-byte characters split across reads.
  const headers: Record<string, string> = file.endsWith('.txt') ? { 'content-type': 'text/plain; charset=utf-8' } : {};
  return { headers, chunks: splitEvery(body, 7) };
};

describe('protocol option over HTTP', () => {
  it('has a fixture of every adapter', () => {
    expect(new Set(fixtures.map(([protocol]) => protocol))).toEqual(
      new Set(['ai-sdk', 'ag-ui', 'assistant-stream', 'openai-chat', 'openai-responses', 'anthropic', 'pydantic-ai-stream', 'shipit', 'pydantic-deep']),
    );
  });

  it.each(fixtures)('reads %s/%s by name, and "auto" detects it to the same state', async (protocol, file) => {
    const named = await connect(served(protocol, file), { protocol });
    expect(named.messages.ids.length).toBeGreaterThan(0);
    expect(['done', 'error']).toContain(named.status);
    const detected = await connect(served(protocol, file), { protocol: 'auto' });
    if (UNDETECTABLE.has(`${protocol}/${file}`)) expect(stable(detected)).not.toEqual(stable(named));
    else expect(stable(detected)).toEqual(stable(named));
  });

  it('reads a newline-delimited text/plain body (assistant-stream DataStream) and ends it on the clean close', async () => {
    const state = await connect({ headers: { 'content-type': 'text/plain; charset=utf-8' }, chunks: ['0:"Hel', 'lo"\n0:" world"\n'] }, { protocol: 'assistant-stream' });
    expect(state.status).toBe('done');
    expect(state.messages.byId[state.messages.ids[0]!]?.text).toBe('Hello world');
  });

  it('refuses a body that is neither SSE nor lines, naming what it expected', async () => {
    const state = await connect({ headers: { 'content-type': 'text/html' }, chunks: ['<html>'] }, { protocol: 'assistant-stream' });
    expect(state.status).toBe('error');
    expect(state.errors.at(-1)).toMatchObject({ code: 'content_type', message: expect.stringContaining('text/event-stream or text/plain') });
  });

  it('throws at once for a protocol name that does not exist', () => {
    expect(() => connectAgentStream('http://127.0.0.1:1/', { protocol: 'ai-sdk-v9' as ProtocolName })).toThrow(/Unknown protocol "ai-sdk-v9"/);
  });
});

describe.each(['fetch', 'fetch-event-source'] as const)('a custom adapter over the %s transport', (transport) => {
  beforeEach(() => {
    if (transport === 'fetch-event-source') installDomGlobals();
  });
  afterEach(removeDomGlobals);

  // One frame per line of `data`: `t:<text>` a token, `e:<message>` an error, `x` a terminal error.
  const lines = (endsOnClose: boolean): ProtocolAdapter => ({
    name: 'lines-test',
    createDecoder: () => ({
      decode(frame, emit) {
        const [kind, rest = ''] = [frame.data.slice(0, 1), frame.data.slice(2)];
        if (kind === 't') emit({ type: 'token', data: { text: rest } });
        else if (kind === 'e') emit({ type: 'error', data: { errorType: 'agent', message: rest, details: {} } });
        else if (kind === 'x') emit({ type: 'error', data: { errorType: 'fatal', message: 'gone', details: {}, terminal: true } });
      },
      close: () => endsOnClose,
    }),
  });
  const frames = (...data: string[]): ScriptedResponse => ({ chunks: data.map((d) => `data: ${d}\n\n`) });

  it('ends the run done on a clean close the adapter accepts', async () => {
    const state = await connect(frames('t:Hi', 't: there'), { transport, protocol: lines(true) });
    expect(state.status).toBe('done');
    expect(state.messages.byId[state.messages.ids[0]!]).toMatchObject({ text: 'Hi there', status: 'complete' });
    expect(state.done).toBeNull();
  });

  it('ends it error when an error was the last word before the clean close', async () => {
    const state = await connect(frames('t:Hi', 'e:quota'), { transport, protocol: lines(true) });
    expect(state.status).toBe('error');
  });

  it('treats a close the adapter does not accept as a drop: interrupted, no second request without ids', async () => {
    server = await startSSEServer({ '/stream': frames('t:Hi') });
    const state = await connectAgentStream(server.url('/stream'), { transport, protocol: lines(false) }).done;
    expect(state.status).toBe('error');
    expect(state.errors.at(-1)?.code).toBe('interrupted');
    expect(server.requests).toHaveLength(1);
  });

  it('stops reading at a terminal error, and never retries it', async () => {
    server = await startSSEServer({ '/stream': { ...frames('t:Hi', 'x', 't:after'), hold: true } });
    const state = await connectAgentStream(server.url('/stream'), { transport, protocol: lines(false) }).done;
    expect(state.status).toBe('error');
    expect(state.messages.byId[state.messages.ids[0]!]?.text).toBe('Hi');
    expect(server.requests).toHaveLength(1);
  });
});
