import type { BodyOption, HeadersOption } from './connection-options';
import { AgentStreamError } from './errors';
import { isRetryableStatus } from './retry';

/** The only content type a stream is read from. */
export const EVENT_STREAM = 'text/event-stream';

/** The request body as fetch takes it, and whether it was encoded as JSON. */
export interface EncodedBody {
  body: BodyInit | undefined;
  json: boolean;
}

/** Encodes a plain object or array as JSON; passes anything else through. */
export function encodeBody(body: BodyOption | undefined): EncodedBody {
  const proto: unknown = typeof body === 'object' ? Object.getPrototypeOf(body) : undefined;
  const json = Array.isArray(body) || proto === Object.prototype || proto === null;
  return { body: json ? JSON.stringify(body) : (body as BodyInit | undefined), json };
}

/**
 * The user's headers, resolved now, with `defaults` set where the user has no header of that
 * name (in any case) and `overrides` replacing theirs; a fresh object, so later edits never reach
 * the caller's.
 */
export async function resolveHeaders(
  headers: HeadersOption | undefined,
  defaults: Record<string, string>,
  overrides: Record<string, string | null>,
): Promise<Record<string, string>> {
  const resolved = new Headers(typeof headers === 'function' ? await headers() : headers);
  for (const [name, value] of Object.entries(defaults)) if (!resolved.has(name)) resolved.set(name, value);
  for (const [name, value] of Object.entries(overrides)) if (value !== null) resolved.set(name, value);
  return Object.fromEntries(resolved);
}

/**
 * Why a response cannot be streamed, or `null` when it can: a non-2xx status (retryable for 5xx,
 * 408 and 429) or a 2xx that is not `text/event-stream`, nor a line-delimited type when the
 * protocol `acceptsLines` (never retryable: retrying gets the same).
 */
export function checkResponse(response: Response, acceptsLines = false): AgentStreamError | null {
  const { status, statusText, headers } = response;
  if (status < 200 || status > 299) {
    return new AgentStreamError('http_status', `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, { status, retryable: isRetryableStatus(status) });
  }
  const mime = mimeOf(response);
  if (mime === EVENT_STREAM || (acceptsLines && mime !== null && LINE_TYPES.includes(mime))) return null;
  const type = headers.get('content-type');
  const expected = acceptsLines ? `${EVENT_STREAM} or ${LINE_TYPES.join(', ')}` : EVENT_STREAM;
  return new AgentStreamError('content_type', `Expected ${expected}, got HTTP ${status} with ${type ? `content-type ${type}` : 'no content-type'}`, { status });
}

// Newline-delimited bodies an adapter with `framing: 'lines'` reads (assistant-stream's DataStream is text/plain).
const LINE_TYPES = ['text/plain', 'application/x-ndjson', 'application/jsonl'];

/** The response's media type, lower-cased, without parameters; `null` without a `Content-Type`. */
export function mimeOf({ headers }: Response): string | null {
  return headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? null;
}

/** A copy of `error` with another severity (errors are immutable). */
export function withSeverity(error: AgentStreamError, severity: 'error' | 'warning'): AgentStreamError {
  return error.severity === severity ? error : new AgentStreamError(error.code, error.message, { ...error, cause: error.cause, severity });
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
