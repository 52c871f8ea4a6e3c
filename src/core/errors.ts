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
  override readonly name = 'AgentStreamError';
  // Optional context is `declare`d so an error without it has no own `undefined` properties.
  /** What went wrong. */
  readonly code: AgentStreamErrorCode;
  /** `warning` when the stream went on, `error` otherwise. */
  readonly severity: AgentStreamErrorSeverity;
  /** Whether trying again may succeed. */
  readonly retryable: boolean;
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
    this.code = code;
    this.severity = init.severity ?? 'error';
    this.retryable = init.retryable ?? false;
    if (init.status !== undefined) this.status = init.status;
    if (init.eventType !== undefined) this.eventType = init.eventType;
    if (init.eventId !== undefined) this.eventId = init.eventId;
    if (init.errorType !== undefined) this.errorType = init.errorType;
    if (init.details !== undefined) this.details = init.details;
  }
}

/** True for any {@link AgentStreamError}, also across copies of the library. */
export function isAgentStreamError(value: unknown): value is AgentStreamError {
  return value instanceof AgentStreamError || (value instanceof Error && value.name === 'AgentStreamError');
}
