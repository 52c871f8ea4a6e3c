// The one module of the testing entry that imports msw (an optional peer).
import { http, type HttpHandler } from 'msw';
import { createResponder, type AnswerSource } from './answer';
import type { MockAgentStreamOptions } from './mock-stream';

/** The HTTP methods an {@link agentStreamHandler} can match, as msw's `http` names them. */
export type HttpMethod = keyof typeof http;

/** What an {@link agentStreamHandler} matches: a path, a URL, a pattern such as `'/api/chat/:id'`, or a RegExp. */
export type HandlerPath = string | RegExp;

/**
 * An `msw` (v2) request handler that answers with {@link mockAgentStream}; unlike msw's own `sse()`
 * it matches any method, as agent streams are usually POST. A resolver gets the `Request` (read its
 * body to pick a script) and the attempt number.
 *
 * @example
 * const server = setupServer(
 *   agentStreamHandler('post', '/api/chat', async (request) => {
 *     const { message } = (await request.json()) as { message: string };
 *     return message.includes('tool') ? scenarios.manyToolCalls.script : scenarios.longAnswer.script;
 *   }),
 * );
 */
export function agentStreamHandler(
  method: HttpMethod,
  path: HandlerPath,
  source: AnswerSource,
  options?: MockAgentStreamOptions,
): HttpHandler {
  const respond = createResponder(source, options);
  return http[method](path, ({ request }) => respond(request));
}
