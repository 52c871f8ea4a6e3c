import { createResponder, type AnswerSource } from './answer';
import type { MockAgentStreamOptions } from './mock-stream';

/**
 * A `fetch` that answers every request with {@link mockAgentStream}, for code that takes a `fetch`
 * option; needs no `msw`. Relative URLs resolve against `http://localhost`.
 *
 * @example
 * const connection = connectAgentStream('/api/chat', {
 *   transport: 'fetch',
 *   fetch: mockFetch(scenarios.rateLimit.answer),
 * });
 */
export function mockFetch(source: AnswerSource, options?: MockAgentStreamOptions): typeof globalThis.fetch {
  const respond = createResponder(source, options);
  return async (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? new URL(input, 'http://localhost') : input;
    return respond(new Request(url, init));
  };
}
