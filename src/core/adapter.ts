import type { AgentStreamError } from './errors';
import type { AgentEvent, SSEFrame } from './protocol';

/** Receives what an adapter decoded from a frame: store events, or errors that the stream goes on after. */
export type AdapterOutput = (item: AgentEvent | AgentStreamError) => void;

/** What `'auto'` shows an adapter to decide whether a stream speaks its protocol. */
export interface AdapterProbe {
  /** The response's `Content-Type`, lower-cased, without parameters; `null` when absent. */
  contentType: string | null;
  /** The response's headers. */
  headers: Headers;
  /** The first frame with data, or `null` when the body ended before one. */
  frame: SSEFrame | null;
}

/**
 * Reads one connection's stream, resumed attempts included: it may keep state (open tool calls,
 * the counters behind synthesised ids).
 */
export interface AdapterDecoder {
  /** Sees each accepted response before its first frame (`'auto'` reads the headers here). */
  open?(response: Omit<AdapterProbe, 'frame'>): void;
  /** Decodes one frame, handing each event or error to `emit`. Must not throw. */
  decode(frame: SSEFrame, emit: AdapterOutput): void;
  /**
   * The body ended cleanly. Emit any final events, and return `true` when that ends the run
   * (a protocol without an end marker) or `false` when the stream was cut short (a drop).
   */
  close(emit: AdapterOutput): boolean;
}

/**
 * Maps another system's stream onto the store (the `protocol` option of `connectAgentStream` and
 * `useAgentStream`). Built-in adapters live in `agent-event-stream/adapters`; write your own for
 * any backend.
 *
 * @example
 * const myBackend: ProtocolAdapter = {
 *   name: 'my-backend',
 *   createDecoder: () => ({
 *     decode(frame, emit) {
 *       const chunk = JSON.parse(frame.data);
 *       if (chunk.kind === 'text') emit({ type: 'token', data: { text: chunk.text } });
 *     },
 *     close: () => true, // this backend has no end marker: a clean close ends the run
 *   }),
 * };
 * useAgentStream('/api/chat', { protocol: myBackend });
 */
export interface ProtocolAdapter {
  /** The protocol's name, as the `protocol` option takes it (`'ai-sdk'`). */
  readonly name: string;
  /**
   * How a body that is not `text/event-stream` is read: `'lines'` splits it into frames `{ data:
   * line }` (each non-empty line); with `'sse'` such a body is refused (`content_type`). A
   * `text/event-stream` body is always read as SSE.
   * @default 'sse'
   */
  readonly framing?: 'sse' | 'lines';
  /** For `'auto'`: whether a response looks like this protocol. */
  detect?(probe: AdapterProbe): boolean;
  /** A fresh decoder for one connection. */
  createDecoder(): AdapterDecoder;
}
