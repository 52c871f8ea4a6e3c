import { mockAgentStream, type MockAgentStreamOptions } from './mock-stream';
import type { AgentStreamScript } from './script';

/** A whole mocked answer: a script and the options to play it with (merged over the caller's). */
export interface MockAnswer {
  script: AgentStreamScript;
  options?: MockAgentStreamOptions;
}

/** What a resolver knows besides the request. */
export interface AnswerContext {
  /** How many requests this handler answered before this one, from 0: the first try is 0, a retry 1. */
  attempt: number;
}

/** Chooses the answer to one request, e.g. from its JSON body or its `Last-Event-ID` header. */
export type AnswerResolver = (
  request: Request,
  context: AnswerContext,
) => AgentStreamScript | MockAnswer | Promise<AgentStreamScript | MockAnswer>;

/** A fixed script, a fixed answer, or a resolver that picks one per request. */
export type AnswerSource = AgentStreamScript | MockAnswer | AnswerResolver;

/**
 * A function answering each request with {@link mockAgentStream}, counting attempts; the request's
 * own signal stops the stream unless `options.signal` is given.
 */
export function createResponder(
  source: AnswerSource,
  options: MockAgentStreamOptions = {},
): (request: Request) => Promise<Response> {
  let attempt = 0;
  return async (request) => {
    const context: AnswerContext = { attempt: attempt++ };
    const resolved = typeof source === 'function' ? await source(request, context) : source;
    const answer: MockAnswer = isScript(resolved) ? { script: resolved } : resolved;
    return mockAgentStream(answer.script, { signal: request.signal, ...options, ...answer.options });
  };
}

function isScript(value: AgentStreamScript | MockAnswer): value is AgentStreamScript {
  return Array.isArray(value);
}
