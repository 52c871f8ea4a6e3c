import type { BodyOption, HeadersOption } from './connection-options';
import { AgentStreamError } from './errors';
import { isRetryableStatus } from './retry';

const EVENT_STREAM = 'text/event-stream';

/** The request body as fetch takes it, and whether it was encoded as JSON. */
export interface EncodedBody {
  body: BodyInit | undefined;
  json: boolean;
}

/** Encodes a plain object or array as JSON; passes anything else through. */
export function encodeBody(body: BodyOption | undefined): EncodedBody {
  if (body === undefined || typeof body === 'string') return { body, json: false };
  if (Array.isArray(body)) return { body: JSON.stringify(body), json: true };
  const proto: unknown = Object.getPrototypeOf(body);
  if (proto === Object.prototype || proto === null) return { body: JSON.stringify(body), json: true };
  return { body: body as BodyInit, json: false };
}

/** The user's headers, resolved now and copied so later edits never reach the caller's object. */
export async function resolveHeaders(headers: HeadersOption | undefined): Promise<Record<string, string>> {
  const resolved = typeof headers === 'function' ? await headers() : headers;
  return { ...resolved };
}

/** Sets `name` unless a header of that name (in any case) is already there. */
export function defaultHeader(headers: Record<string, string>, name: string, value: string): void {
  if (findHeader(headers, name) === undefined) headers[name] = value;
}

/** Sets `name` to `value`, replacing a header of that name in any case. */
export function replaceHeader(headers: Record<string, string>, name: string, value: string): void {
  const existing = findHeader(headers, name);
  if (existing !== undefined) delete headers[existing];
  headers[name] = value;
}

function findHeader(headers: Record<string, string>, name: string): string | undefined {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return key;
  return undefined;
}

/**
 * Why a response cannot be streamed, or `null` when it can: a non-2xx status (retryable for 5xx,
 * 408 and 429) or a 2xx that is not `text/event-stream` (never retryable: retrying gets the same).
 */
export function checkResponse(response: Response): AgentStreamError | null {
  const { status } = response;
  if (status < 200 || status > 299) {
    const text = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
    return new AgentStreamError('http_status', text, { status, retryable: isRetryableStatus(status) });
  }
  const type = response.headers.get('content-type');
  const mime = type?.split(';', 1)[0]?.trim().toLowerCase();
  if (mime === EVENT_STREAM) return null;
  return new AgentStreamError(
    'content_type',
    `Expected ${EVENT_STREAM}, got HTTP ${status} with ${type ? `content-type ${type}` : 'no content-type'}`,
    { status },
  );
}

/** A copy of `error` with another severity (errors are immutable). */
export function withSeverity(error: AgentStreamError, severity: 'error' | 'warning'): AgentStreamError {
  if (error.severity === severity) return error;
  return new AgentStreamError(error.code, error.message, {
    severity,
    retryable: error.retryable,
    cause: error.cause,
    ...(error.status === undefined ? {} : { status: error.status }),
  });
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
