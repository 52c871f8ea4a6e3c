import type { AdapterDecoder, AdapterOutput, ProtocolAdapter } from '../core/adapter';
import type { AgentEventOf, SSEFrame } from '../core/protocol';
import {
  customEvent,
  doneEvent,
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

const NAME = 'shipit';

/** Events shown as progress: the run's housekeeping, each with its human message. */
const PROGRESS_TYPES = new Set(['planning_started', 'planning_completed', 'context_snapshot', 'llm_retry', 'tool_retry']);

/**
 * shipit_agent (`sse_event_packet` frames: `event: <type>` and `{message, payload, type}`):
 * `step_started` as turns, `reasoning_completed` as one whole thinking block, tool calls (whole
 * arguments) and their outcomes, `run_completed` as the answer (whole, once) with token usage,
 * `rag_sources` as a creation, planning, context and retry events as progress. Everything else
 * (`mcp_attached`, `interactive_request`, `agent_result`, other agents' types) is kept as `custom`.
 *
 * The protocol has no tool-call ids: calls are matched to outcomes first in, first out per tool
 * name and iteration (ids such as `shipit:1:weather#2`); a tool that fails gives one call with
 * status `error`. Errors are not events (the body just stops), so a close before `run_completed`
 * is a drop. The run completes at the docs' `event: done` marker or when the body closes after
 * `run_completed` (sources may follow the answer). No cost, no streamed text.
 *
 * @example
 * useAgentStream('/stream', { protocol: shipit });
 */
export const shipit: ProtocolAdapter = {
  name: NAME,
  detect: ({ frame }) => {
    if (frame?.event === undefined) return false;
    const event = readObject(frame, () => {}, NAME);
    return event?.type === frame.event && typeof event.message === 'string' && isObject(event.payload);
  },
  createDecoder: () => new ShipitDecoder(),
};

class ShipitDecoder implements AdapterDecoder {
  /** Synthesised ids, one set per iteration: a call left open in one step never takes a later step's result. */
  readonly #ids = new Map<string, SynthesizedToolIds>();
  /** Calls whose failure was reported; the `tool_completed` that follows it adds nothing. */
  readonly #failed = new Set<string>();
  #turn = 0;
  /** The completion, from `run_completed`, held until the marker or the close so sources after the answer stay in the run. */
  #completion: AgentEventOf<'done'> | null = null;
  #done = false;

  decode(frame: SSEFrame, emit: AdapterOutput): void {
    const event = readObject(frame, emit, NAME);
    if (event === undefined) return;
    // `agent_result` (an AgentResult) and the docs' `done` marker have no `type` of their own.
    const type = typeof event.type === 'string' ? event.type : frame.event;
    if (type === undefined) return emit(schemaError(NAME, 'an event without a type'));
    // The run is over: anything after its end would belong to no run.
    if (this.#done) return;
    const payload = isObject(event.payload) ? event.payload : {};
    const message = stringOr(event.message);
    switch (type) {
      case 'run_started':
      case 'reasoning_started':
        return;
      case 'step_started': {
        this.#turn = numberOrNull(payload.iteration) ?? this.#turn + 1;
        return emit({ type: 'turn', data: { turnNumber: this.#turn, totalTools: null } });
      }
      case 'reasoning_completed':
        if (typeof payload.content === 'string' && payload.content !== '') emit({ type: 'thinking', data: { text: payload.content } });
        return;
      case 'tool_called':
      case 'tool_completed':
      case 'tool_failed':
        return this.#tool(type, event, payload, message, emit);
      case 'run_completed':
        return this.#runCompleted(payload, emit);
      case 'rag_sources':
        if (!Array.isArray(payload.sources)) return emit(schemaError(NAME, 'a "rag_sources" event without a "sources" array', type));
        return emit({ type: 'creation', data: { creationType: 'rag_sources', count: payload.sources.length, toolUseId: '', items: payload.sources } });
      case 'done':
        // The docs' FastAPI example ends the body with `event: done` once the agent's stream is over.
        return this.#finish(emit, this.#completion ?? doneEvent());
      default:
        if (PROGRESS_TYPES.has(type)) return emit({ type: 'progress', data: { step: type, percentage: null, message, payload } });
        emit(customEvent(type, event));
    }
  }

  close(emit: AdapterOutput): boolean {
    if (this.#completion !== null) this.#finish(emit, this.#completion);
    return this.#done;
  }

  #finish(emit: AdapterOutput, done: AgentEventOf<'done'>): void {
    if (this.#done) return;
    this.#done = true;
    emit(done);
  }

  #runCompleted(payload: JsonObject, emit: AdapterOutput): void {
    // The answer is sent whole, once: `content` is the formatted text, `output` the same or, for
    // other agents, any value.
    const text = typeof payload.content === 'string' ? payload.content : payload.output;
    if (typeof text === 'string' && text !== '') emit({ type: 'token', data: { text } });
    const { usage } = payload;
    // The run's totals: they replace the run's figures.
    if (isObject(usage)) emit(usageEvent({ inputTokens: numberOrNull(usage.prompt_tokens), outputTokens: numberOrNull(usage.completion_tokens) }));
    this.#completion = doneEvent({ numTurns: numberOrNull(payload.iterations) });
  }

  #tool(type: 'tool_called' | 'tool_completed' | 'tool_failed', event: JsonObject, payload: JsonObject, message: string, emit: AdapterOutput): void {
    // 1.0.6 names the tool only in the message ("Tool called: weather"); later runtimes add
    // `tool` and `tool_call_id` to the payload.
    const colon = message.indexOf(': ');
    const name = stringOr(payload.tool) || stringOr(payload.tool_name) || (colon === -1 ? '' : message.slice(colon + 2));
    // Other agents reuse the type names for other things (`tool_called {task, agent}`).
    if (name === '') return emit(customEvent(type, event));
    const realId = stringOr(payload.tool_call_id) || undefined;
    const ids = this.#idsOf(payload);
    if (type === 'tool_called') return emit(toolUseEvent(realId ?? ids.start(name), name, 'running', payload.arguments));
    if (type === 'tool_completed') {
      const id = realId ?? ids.finish(name);
      if (!this.#failed.delete(id)) emit(toolResultEvent(id, name, { status: 'done', output: payload.output }));
      return;
    }
    // A call that fails after its retries is reported `tool_failed` and then `tool_completed`
    // (the output "Error running tool …"): it stays open for that completion. A tool that is not
    // registered was never called, and only `tool_failed` comes.
    let id = realId ?? ids.peek(name);
    if (id === undefined) id = ids.finish(name);
    else if (realId === undefined) this.#failed.add(id);
    emit(toolResultEvent(id, name, { status: 'error', errorText: stringOr(payload.error) || message }));
  }

  #idsOf(payload: JsonObject): SynthesizedToolIds {
    const iteration = numberOrNull(payload.iteration);
    const key = iteration === null ? '' : `${iteration}:`;
    let ids = this.#ids.get(key);
    if (ids === undefined) this.#ids.set(key, (ids = new SynthesizedToolIds(`${NAME}:${key}`)));
    return ids;
  }
}
