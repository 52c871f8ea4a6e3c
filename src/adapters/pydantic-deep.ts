import type { AdapterDecoder, AdapterOutput, ProtocolAdapter } from '../core/adapter';
import { toDisplayText } from '../core/display-text';
import type { AgentEventOf, SSEFrame } from '../core/protocol';
import {
  customEvent,
  doneEvent,
  errorEvent,
  isObject,
  type JsonObject,
  numberOrNull,
  readObject,
  schemaError,
  stringOr,
  SynthesizedToolIds,
  toolResultEvent,
  toolUseEvent,
  usageEvent,
} from './support';

const NAME = 'pydantic-deep';

/** A `StreamEvent` in the docs' JSON form: `{event_type, timestamp, data}`. */
type StreamEvent = JsonObject & { event_type: string; data: JsonObject };
const isStreamEvent = (value: JsonObject | undefined): value is StreamEvent => typeof value?.event_type === 'string' && isObject(value.data);

/**
 * pydantic-deep's `StreamEvent`s (legacy `pydantic_deep.streaming`), one JSON object
 * `{event_type, timestamp, data}` per `data:` frame: `llm_chunk` text, tools by name
 * (`tool_start`/`tool_end`, ids synthesised first in, first out per name, such as
 * `pydantic-deep:read_file#1`; `tool_end.error` gives status `error`), `progress` (iterations,
 * and running totals of tokens and cost, which replace the run's figures), `error`, and
 * `agent_end` as the end of the run, whose `success: false` ends it with status `error`.
 * `partial_result` and unknown types are kept as `custom`.
 *
 * Also reads the docs' FastAPI variant, where each `data:` is raw text and `event: done` ends the
 * run: a stream whose first frame is not a `StreamEvent` is read that way. `detect` recognises
 * only the JSON form. The protocol has no reasoning and no ids; the token usage is a total, not
 * split into input and output (it is kept as the `usage` event's `totalTokens`).
 *
 * @example
 * useAgentStream('/chat', { protocol: pydanticDeep });
 */
export const pydanticDeep: ProtocolAdapter = {
  name: NAME,
  detect: ({ frame }) =>
    frame !== null && (frame.event === undefined || frame.event === 'message') && isStreamEvent(readObject(frame, () => {}, NAME)),
  createDecoder: () => new PydanticDeepDecoder(),
};

class PydanticDeepDecoder implements AdapterDecoder {
  readonly #ids = new SynthesizedToolIds(`${NAME}:`);
  /** JSON `StreamEvent`s or raw text, decided by the stream's first frame. */
  #rawText: boolean | undefined;
  /**
   * The last `error`, held for one event: the generators follow an error that stops the agent with
   * `agent_end(success: false)`, and the two become one terminal error.
   */
  #pendingError: AgentEventOf<'error'> | null = null;
  #ended = false;

  decode(frame: SSEFrame, emit: AdapterOutput): void {
    // Nothing belongs to the run after its end (the FastAPI variant's `done` may follow `agent_end`).
    if (this.#ended) return;
    if (frame.event === 'done') return this.#end(readObject(frame, () => {}, NAME) ?? {}, emit);
    this.#rawText ??= !isStreamEvent(readObject(frame, () => {}, NAME));
    if (this.#rawText) {
      if (frame.event !== undefined && frame.event !== 'message') return emit(customEvent(frame.event, frame.data));
      if (frame.data !== '') emit({ type: 'token', data: { text: frame.data } });
      return;
    }
    const event = readObject(frame, emit, NAME);
    if (event === undefined) return;
    if (!isStreamEvent(event)) return emit(schemaError(NAME, 'expected a StreamEvent with a string "event_type" and a "data" object', frame.event));
    const { event_type: type, data } = event;
    if (type === 'agent_end') return this.#end(data, emit);
    this.#flushError(emit);
    switch (type) {
      case 'agent_start':
        return;
      case 'llm_chunk':
        if (typeof data.text !== 'string') return emit(schemaError(NAME, 'an "llm_chunk" without a string "text"', type));
        if (data.text !== '') emit({ type: 'token', data: { text: data.text } });
        return;
      case 'tool_start':
      case 'tool_end': {
        const name = data.tool_name;
        if (typeof name !== 'string' || name === '') return emit(schemaError(NAME, `a ${JSON.stringify(type)} without a "tool_name"`, type));
        if (type === 'tool_start') return emit(toolUseEvent(this.#ids.start(name), name, 'running', data.args));
        return emit(toolEnd(this.#ids.finish(name), name, data));
      }
      case 'progress':
        return progress(data, emit);
      case 'error':
        this.#pendingError = errorEvent(stringOr(data.exception_type) || 'error', stringOr(data.error) || toDisplayText(data), data);
        return;
      default:
        // `partial_result` (a preview of the output, not an artifact) and types added later.
        emit(customEvent(type, event));
    }
  }

  close(emit: AdapterOutput): boolean {
    this.#flushError(emit);
    // `agent_end` (or the FastAPI `done`) is the end marker: a close before it is a drop.
    return this.#ended;
  }

  #flushError(emit: AdapterOutput): void {
    if (this.#pendingError !== null) emit(this.#pendingError);
    this.#pendingError = null;
  }

  /** `agent_end` (or `event: done`): usage, then `done`, or a terminal error when the run failed. */
  #end(data: JsonObject, emit: AdapterOutput): void {
    this.#ended = true;
    emitUsage(data, emit);
    if (data.success === false) {
      const error = this.#pendingError ?? errorEvent('agent_failed', 'The agent run did not succeed', data);
      this.#pendingError = null;
      return emit({ ...error, data: { ...error.data, terminal: true } });
    }
    this.#flushError(emit);
    const numTurns = numberOrNull(data.total_iterations);
    emit(doneEvent({ numTurns, durationMs: milliseconds(data.duration_seconds), totalCostUsd: numberOrNull(data.total_cost_usd) }));
  }
}

function milliseconds(seconds: unknown): number | null {
  const value = numberOrNull(seconds);
  return value === null ? null : Math.round(value * 1000);
}

/** `tool_end`: the result, or status `error` with the tool's error when `error` is set. */
function toolEnd(id: string, name: string, data: JsonObject): AgentEventOf<'tool_result'> {
  const failed = data.error !== undefined && data.error !== null;
  const event = toolResultEvent(id, name, { status: failed ? 'error' : 'done', output: data.result, errorText: failed ? toDisplayText(data.error) : undefined });
  event.data.durationMs = milliseconds(data.duration_seconds);
  return event;
}

/**
 * `progress`: the iteration as progress (`subProgress` counts iterations against
 * `max_iterations`), and the run's running totals of tokens and cost as usage. It is not a turn
 * boundary: the generators send it after the iteration's work.
 */
function progress(data: JsonObject, emit: AdapterOutput): void {
  emitUsage(data, emit);
  const current = numberOrNull(data.iteration);
  if (current === null) return emit(schemaError(NAME, 'a "progress" without a number "iteration"', 'progress'));
  emit({ type: 'progress', data: { step: 'iteration', percentage: null, message: '', subProgress: { current, total: numberOrNull(data.max_iterations) } } });
}

/** `total_tokens`/`total_cost_usd`, the run's totals so far, as a `usage` that replaces the run's figures. */
function emitUsage(data: JsonObject, emit: AdapterOutput): void {
  const totalTokens = numberOrNull(data.total_tokens);
  const totalCostUsd = numberOrNull(data.total_cost_usd);
  if (totalTokens !== null || totalCostUsd !== null) emit(usageEvent({ totalCostUsd, totalTokens }));
}
