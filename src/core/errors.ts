/** What went wrong, as a closed set a UI can switch on. */
export type AgentStreamErrorCode =
  | 'parse'
  | 'schema'
  | 'agent'
  | 'http_status'
  | 'content_type'
  | 'network'
  | 'interrupted'
  | 'aborted';

/** How bad it is: a `warning` leaves the stream going; an `error` is a real failure. */
export type AgentStreamErrorSeverity = 'error' | 'warning';

/** Everything an {@link AgentStreamError} can carry beyond its code and message. */
export interface AgentStreamErrorInit {
  /** @default 'error' */
  severity?: AgentStreamErrorSeverity;
  /** Whether trying again may succeed. @default false */
  retryable?: boolean;
  /** HTTP status, for `http_status` and `content_type`. */
  status?: number;
  /** The wire event type of the frame concerned. */
  eventType?: string;
  /** The SSE id of the frame concerned. */
  eventId?: string;
  /** The agent's `error_type`, for `agent` errors. */
  errorType?: string;
  /** The agent's free-form `details`, for `agent` errors. */
  details?: Record<string, unknown>;
  /** The underlying error or value. */
  cause?: unknown;
}

/**
 * The one error type of the library: decoding problems, agent `error` events, HTTP and network
 * failures. Errors are state first: they land in `state.errors` and are never thrown into React.
 *
 * @example
 * if (error.code === 'http_status' && error.status === 401) redirectToLogin();
 */
export class AgentStreamError extends Error {
  // Fields are `declare`d and set in the constructor: optional context the error was not given
  // stays absent rather than an own `undefined` property.
  declare readonly name: 'AgentStreamError';
  /** What went wrong. */
  declare readonly code: AgentStreamErrorCode;
  /** `warning` when the stream went on, `error` otherwise. */
  declare readonly severity: AgentStreamErrorSeverity;
  /** Whether trying again may succeed. */
  declare readonly retryable: boolean;
  /** HTTP status, for `http_status` and `content_type`. */
  declare readonly status?: number;
  /** The wire event type of the frame concerned. */
  declare readonly eventType?: string;
  /** The SSE id of the frame concerned. */
  declare readonly eventId?: string;
  /** The agent's `error_type`, for `agent` errors. */
  declare readonly errorType?: string;
  /** The agent's `details`, for `agent` errors. */
  declare readonly details?: Record<string, unknown>;

  constructor(code: AgentStreamErrorCode, message: string, init: AgentStreamErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    const { cause: _cause, severity = 'error', retryable = false, ...context } = init;
    Object.assign(this, { name: 'AgentStreamError', code, severity, retryable });
    for (const [key, value] of Object.entries(context)) if (value !== undefined) Object.assign(this, { [key]: value });
  }
}

/** True for any {@link AgentStreamError}, also across copies of the library. */
export function isAgentStreamError(value: unknown): value is AgentStreamError {
  return value instanceof AgentStreamError || (value instanceof Error && value.name === 'AgentStreamError');
}
