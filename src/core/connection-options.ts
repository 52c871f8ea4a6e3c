import type { AgentStreamError } from './errors';
import type { AgentEvent } from './protocol';
import type { RetryOptions } from './retry';
import type { AgentState } from './state';
import type { AgentStore } from './store';
import type { ProtocolOption } from './connection-protocol';
import type { TransportName } from './transport';

/** Request headers, or a function giving them, called again before every connect attempt. */
export type HeadersOption = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/** A request body: sent as is, except a plain object or array, which is sent as JSON. */
export type BodyOption = string | FormData | Blob | URLSearchParams | Record<string, unknown> | readonly unknown[];

/** What a cancel function is told about the run it should cancel on the server. */
export interface CancelContext {
  /** The stream's URL. */
  url: string;
  /** The run's assistant message id in the store (`state.run.messageId`); `null` if the store was reset. */
  messageId: string | null;
  /** The last event id received, `null` when the stream sent none. */
  lastEventId: string | null;
  /** The server's run id (its `Agent-Run-Id` response header, or `options.runId`); `null` when none. */
  runId: string | null;
  /** Aborts after 10 seconds, so a hanging cancel endpoint cannot hold the connection's `done`. */
  signal: AbortSignal;
}

/**
 * How `stop()` cancels the run on the server: a URL POSTed with the connection's headers and JSON
 * `{ messageId, lastEventId, runId }`, or a function that does it.
 */
export type CancelOption = string | ((context: CancelContext) => unknown);

/** Options of `connectAgentStream`. */
export interface ConnectOptions {
  /**
   * The store the stream is reduced into. The default publishes at most once per frame (and at once
   * on status changes, errors and the end), which keeps a long stream linear.
   * @default createAgentStore({ throttleMs: 'frame' })
   */
  store?: AgentStore;
  /** The HTTP method. @default 'POST' when `body` is given, else 'GET' */
  method?: string;
  /** Sent on every attempt; a function is called again on each one, so a refreshed token is used. */
  headers?: HeadersOption;
  /** The request body, re-sent as is on retries; a plain object or array is sent as JSON. */
  body?: BodyOption;
  /** `fetch`'s credentials mode. @default the fetch default, 'same-origin' */
  credentials?: RequestCredentials;
  /** The `fetch` to use, looked up when a request starts. @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** Aborting it detaches: the connection closes and the server run is not cancelled. */
  signal?: AbortSignal;
  /** Backoff and its bound; see {@link RetryOptions}. */
  retry?: RetryOptions;
  /** How `stop()` cancels the run on the server; without it `stop()` only closes the connection. */
  cancel?: CancelOption;
  /** Called after each decoded event is in the store; a throw is rethrown asynchronously and ignored here. */
  onEvent?: (event: AgentEvent) => void;
  /** Called after each error or warning is in the store; a throw is rethrown asynchronously and ignored here. */
  onError?: (error: AgentStreamError) => void;
  /**
   * The server run to join, sent as the `Agent-Run-Id` header from the first request on (with
   * `lastEventId` to resume it). Without it, the id a response announces in that header is used.
   */
  runId?: string;
  /** Resumes an existing stream after this event id: sent as `Last-Event-ID` on the first request. */
  lastEventId?: string;
  /**
   * Forces a transport: `fetch` reads the body with the built-in parser and runs anywhere;
   * `fetch-event-source` needs `document` and `window`.
   * @default 'auto' (`fetch-event-source` when `document` and `window` exist, else `fetch`)
   */
  transport?: TransportName;
  /**
   * The stream's protocol: a name (`'ai-sdk'`, `'ag-ui'`, `'anthropic'`, … or `'auto'`, which
   * detects it from the headers and the first frame) or an adapter object of your own. A name
   * loads `agent-event-stream/adapters` on first use. A protocol that may arrive as
   * newline-delimited lines (`'assistant-stream'`, `'auto'`) is read with the `fetch` transport.
   * @default 'agent-event-stream'
   */
  protocol?: ProtocolOption;
}

/** A live connection, returned by `connectAgentStream`. */
export interface AgentStreamConnection {
  /** The store the stream feeds. */
  store: AgentStore;
  /** The user's abort: closes the stream, ends the run `aborted` and calls `options.cancel`. No-op once ended. */
  stop(): void;
  /** Closes the stream without cancelling the server run (unmount); ends the run `aborted`. No-op once ended. */
  detach(): void;
  /** The final state once the connection has ended, whatever the reason (after the cancel request, if any); never rejects. */
  done: Promise<AgentState>;
}
