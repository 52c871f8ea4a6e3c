import type { SSEFrame } from './protocol';
import { fetchEventSourceTransport } from './transport-fetch-event-source';
import { fetchTransport } from './transport-fetch';

/** One HTTP request a transport makes; aborting `init.signal` ends it. */
export interface TransportRequest {
  url: string;
  init: RequestInit & { headers: Record<string, string>; signal: AbortSignal };
  fetch: typeof globalThis.fetch;
}

/** What a transport reports while it reads one response. */
export interface TransportHandlers {
  /**
   * Sees the response before its body is read; throwing (or rejecting) refuses it. Returning
   * `'lines'` asks for the body as newline-delimited frames (the `fetch` transport only).
   */
  onOpen(response: Response): void | 'lines' | Promise<void | 'lines'>;
  /** Each frame with data, in stream order. */
  onFrame(frame: SSEFrame): void;
  /**
   * The resume cursor: called at the end of each frame that had an `id:` field, with or without
   * data, before its `onFrame`; `''` resets it (WHATWG commits the last event ID at that point).
   */
  onId(id: string): void;
  /** A valid `retry:` field, in ms. */
  onRetry(ms: number): void;
}

/**
 * Makes one request and reads its event stream: resolves when the body ends cleanly, rejects on
 * a refused response or a network error. After an abort it may do either; the caller knows.
 */
export type Transport = (request: TransportRequest, handlers: TransportHandlers) => Promise<void>;

/**
 * Which transport a connection uses: `fetch-event-source` (`@microsoft/fetch-event-source`, needs
 * `document` and `window`), `fetch` (a `fetch` body reader that runs anywhere: Node, workers,
 * browsers), or `auto`, which picks `fetch-event-source` when `document` and `window` exist.
 */
export type TransportName = 'auto' | 'fetch-event-source' | 'fetch';

/** The transport for `name`; `auto` looks for `document` and `window` now, not at module load. */
export function selectTransport(name: TransportName = 'auto'): Transport {
  if (name === 'fetch') return fetchTransport;
  if (name === 'fetch-event-source') return fetchEventSourceTransport;
  return typeof document !== 'undefined' && typeof window !== 'undefined' ? fetchEventSourceTransport : fetchTransport;
}
