import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectAgentStream } from '../../src/core/connection';
import type { AgentState } from '../../src/core/state';
import { agentStreamHandler } from '../../src/testing/msw';
import { scenarios } from '../../src/testing/scenarios';
import { ev } from '../helpers/events';

const URL = 'http://api.test/api/chat';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const replyText = (state: AgentState): string => state.messages.byId[state.run?.messageId ?? '']?.text ?? '';

describe('agentStreamHandler with msw', () => {
  it('answers a POST with the script its resolver picks from the request body', async () => {
    const seen: unknown[] = [];
    server.use(
      agentStreamHandler('post', URL, async (request) => {
        const body = (await request.json()) as { message: string };
        seen.push(body);
        return [ev.token(`You said: ${body.message}`), ev.done()];
      }),
    );
    const state = await connectAgentStream(URL, { transport: 'fetch', body: { message: 'hello' } }).done;
    expect(seen).toStrictEqual([{ message: 'hello' }]);
    expect(state.status).toBe('done');
    expect(replyText(state)).toBe('You said: hello');
  });

  it('does not answer another method', async () => {
    server.use(agentStreamHandler('post', URL, [ev.done()]));
    await expect(fetch(URL)).rejects.toThrow();
  });

  it('resumes dropAndResume through real msw interception', async () => {
    const lastEventIds: (string | null)[] = [];
    server.use(
      agentStreamHandler('post', URL, (request, context) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        return scenarios.dropAndResume.answer(request, context);
      }, { speed: Infinity, split: { seed: 11, maxChunk: 6 } }),
    );
    const state = await connectAgentStream(URL, { transport: 'fetch', body: { message: 'resume' }, retry: { baseDelayMs: 1 } }).done;
    expect(lastEventIds).toStrictEqual([null, '8']);
    expect(state.status).toBe('done');
    expect(replyText(state)).toBe(
      'Resuming works because every event carries an id. The server replays everything after the last id the client saw.',
    );
    expect(state.toolCalls.byId.tu_1?.status).toBe('done');
  });

  it('passes the attempt number, so rateLimit answers 429 first', async () => {
    server.use(agentStreamHandler('post', URL, scenarios.rateLimit.answer, { speed: Infinity }));
    const first = await fetch(URL, { method: 'POST' });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    const second = await fetch(URL, { method: 'POST' });
    expect(second.headers.get('content-type')).toContain('text/event-stream');
    expect(await second.text()).toContain('event: done');
  });
});
