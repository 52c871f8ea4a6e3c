import type { AgentStreamError } from './errors';
import type { AgentEvent } from './protocol';

/** How a run ended. `done` without a `done` event is a protocol's clean close. */
export type RunEndReason = 'done' | 'error' | 'interrupted' | 'aborted';

/**
 * Lifecycle actions the connection (or a test) dispatches beside decoded events. Their types
 * start with `client/`, which no decoded event can have (unknown wire types become `custom`).
 */
export type ClientAction =
  /** Adds a user message (the start of a `send`). */
  | { type: 'client/user-message'; text: string }
  /** Starts a new run: a new, empty assistant message; status `connecting`. */
  | { type: 'client/run-start' }
  /** A connection status change. */
  | { type: 'client/status'; status: 'connecting' | 'reconnecting' | 'streaming' }
  /** A client-side error or warning (decode, HTTP, network); recorded in `errors` only. */
  | { type: 'client/error'; error: AgentStreamError }
  /** Ends the run that is in progress; `error`, when given, is recorded too. */
  | { type: 'client/run-end'; reason: RunEndReason; error?: AgentStreamError };

/** Anything the store's reducer accepts. */
export type AgentAction = AgentEvent | ClientAction;
