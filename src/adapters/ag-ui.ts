import type { AdapterDecoder, AdapterOutput, AdapterProbe, ProtocolAdapter } from '../core/adapter';
import type { SSEFrame } from '../core/protocol';
import {
  customEvent,
  doneEvent,
  errorEvent,
  isObject,
  type JsonObject,
  parsePartialArgs,
  readObject,
  requireStrings,
  schemaError,
  stringOr,
  tokenCounts,
  ToolArgsBuffer,
  toolResultEvent,
  toolUseEvent,
  usageEvent,
} from './support';

const NAME = 'ag-ui';

/** Event types that carry nothing the store keeps beyond what their neighbours carry. */
const BRACKETS = new Set([
  'TEXT_MESSAGE_END', 'STEP_FINISHED', 'REASONING_START', 'REASONING_END', 'REASONING_MESSAGE_START',
  'REASONING_MESSAGE_END', 'THINKING_START', 'THINKING_END', 'THINKING_TEXT_MESSAGE_START', 'THINKING_TEXT_MESSAGE_END',
]);

/** Event types the adapter maps (1.0 names, plus the THINKING_* names of 0.0.x servers). */
const MAPPED = new Set([
  ...BRACKETS, 'RUN_STARTED', 'RUN_FINISHED', 'RUN_ERROR', 'STEP_STARTED', 'TEXT_MESSAGE_START', 'TEXT_MESSAGE_CONTENT',
  'TEXT_MESSAGE_CHUNK', 'REASONING_MESSAGE_CONTENT', 'REASONING_MESSAGE_CHUNK', 'THINKING_TEXT_MESSAGE_CONTENT',
  'TOOL_CALL_START', 'TOOL_CALL_ARGS', 'TOOL_CALL_END', 'TOOL_CALL_CHUNK', 'TOOL_CALL_RESULT',
]);

/** The 1.0 event types kept as `custom` (state, snapshots, activities, sub-agents, raw and custom events). */
const KEPT = new Set([
  'STATE_SNAPSHOT', 'STATE_DELTA', 'MESSAGES_SNAPSHOT', 'ACTIVITY_SNAPSHOT', 'ACTIVITY_DELTA', 'RAW', 'CUSTOM',
  'REASONING_ENCRYPTED_VALUE', 'SUBAGENT_STARTED', 'SUBAGENT_FINISHED', 'SUBAGENT_ERROR',
]);

function isAgUiFrame(frame: SSEFrame | null): boolean {
  if (!frame || (frame.event !== undefined && frame.event !== 'message')) return false;
  try {
    const event: unknown = JSON.parse(frame.data);
    return isObject(event) && typeof event.type === 'string' && (MAPPED.has(event.type) || KEPT.has(event.type));
  } catch {
    return false;
  }
}

/**
 * The AG-UI protocol 1.0 over SSE (`data:` JSON events with an UPPER_SNAKE `type`, as
 * `EventEncoder.encodeSSE` writes them). `RUN_FINISHED` completes the run (its usage first) and
 * `RUN_ERROR` ends it in error. Tool calls are `ready` once their arguments end: a backend tool's
 * result settles them, a frontend tool (no result in the run) stays `ready`. AG-UI has no tool
 * error flag and no cost, so neither ever shows.
 *
 * @example
 * useAgentStream('/api/agent', { protocol: agUi });
 */
export const agUi: ProtocolAdapter = {
  name: NAME,
  detect: ({ contentType, frame }: AdapterProbe) => contentType === 'text/event-stream' && isAgUiFrame(frame),
  createDecoder: () => new AgUiDecoder(),
};

class AgUiDecoder implements AdapterDecoder {
  readonly #args = new ToolArgsBuffer();
  readonly #names = new Map<string, string>();
  /** Each text message's role: only assistant text is the agent's answer. */
  readonly #roles = new Map<string, string>();
  /** The call `TOOL_CALL_CHUNK`s are writing; any other event ends it (as the AG-UI client expands chunks). */
  #chunkedCall: string | null = null;
  #steps = 0;
  #ended = false;

  decode(frame: SSEFrame, emit: AdapterOutput): void {
    const event = readObject(frame, emit, NAME);
    if (!event) return;
    const { type } = event;
    if (typeof type !== 'string') return emit(schemaError(NAME, 'an event without a string "type"', frame.event));
    if (this.#chunkedCall !== null && type !== 'TOOL_CALL_CHUNK') this.#endCall(this.#chunkedCall, emit);
    if (BRACKETS.has(type)) return;
    this.#event(type, event, emit);
  }

  close(emit: AdapterOutput): boolean {
    if (this.#chunkedCall !== null) this.#endCall(this.#chunkedCall, emit);
    return this.#ended;
  }

  #event(type: string, event: JsonObject, emit: AdapterOutput): void {
    const need = <K extends string>(...keys: K[]) => requireStrings(event, keys, emit, NAME, type);
    switch (type) {
      case 'RUN_STARTED':
        // A stream may hold several runs: each counts its own steps.
        this.#steps = 0;
        this.#ended = false;
        return;
      case 'RUN_FINISHED':
        return this.#finish(event, emit);
      case 'RUN_ERROR':
        // Terminal even when malformed: a run that failed must not look as if it went on.
        this.#usage(event.usage, emit);
        this.#ended = true;
        return emit(errorEvent(stringOr(event.code, type), stringOr(event.message, 'The run failed.'), {}, true));
      case 'STEP_STARTED':
        return emit({ type: 'turn', data: { turnNumber: ++this.#steps, totalTools: null, stepName: stringOr(event.stepName) } });
      case 'TEXT_MESSAGE_START': {
        const f = need('messageId');
        if (f) this.#roles.set(f.messageId, stringOr(event.role, 'assistant'));
        return;
      }
      case 'TEXT_MESSAGE_CONTENT': {
        const f = need('messageId', 'delta');
        return f && this.#text(this.#roles.get(f.messageId), f.delta, event, emit);
      }
      case 'TEXT_MESSAGE_CHUNK': {
        const role = typeof event.role === 'string' ? event.role : this.#roles.get(stringOr(event.messageId));
        if (typeof event.messageId === 'string' && role !== undefined) this.#roles.set(event.messageId, role);
        return typeof event.delta === 'string' && event.delta !== '' ? this.#text(role, event.delta, event, emit) : undefined;
      }
      case 'REASONING_MESSAGE_CONTENT':
      case 'THINKING_TEXT_MESSAGE_CONTENT': {
        const f = need('delta');
        return f && emit({ type: 'thinking', data: { text: f.delta } });
      }
      case 'REASONING_MESSAGE_CHUNK':
        return typeof event.delta === 'string' && event.delta !== '' ? emit({ type: 'thinking', data: { text: event.delta } }) : undefined;
      case 'TOOL_CALL_START': {
        const f = need('toolCallId', 'toolCallName');
        return f && this.#startCall(f.toolCallId, f.toolCallName, emit);
      }
      case 'TOOL_CALL_ARGS': {
        const f = need('toolCallId', 'delta');
        return f && emit(this.#args.append(f.toolCallId, this.#name(f.toolCallId), f.delta));
      }
      case 'TOOL_CALL_END': {
        const f = need('toolCallId');
        return f && this.#endCall(f.toolCallId, emit);
      }
      case 'TOOL_CALL_CHUNK':
        return this.#callChunk(event, emit);
      case 'TOOL_CALL_RESULT': {
        const f = need('toolCallId');
        if (!f) return;
        // AG-UI results carry no error flag: a result is a tool's output, whatever it says.
        return emit(toolResultEvent(f.toolCallId, this.#name(f.toolCallId), { status: 'done', output: event.content }));
      }
      default:
        return emit(customEvent(type, event));
    }
  }

  #name(toolCallId: string): string {
    return this.#names.get(toolCallId) ?? '';
  }

  /** Text of a message whose role is not the assistant's (a user echo, a system note) is kept apart. */
  #text(role: string | undefined, delta: string, event: JsonObject, emit: AdapterOutput): void {
    emit(role === undefined || role === 'assistant' ? { type: 'token', data: { text: delta } } : customEvent(stringOr(event.type), event));
  }

  #startCall(toolCallId: string, toolName: string, emit: AdapterOutput): void {
    this.#names.set(toolCallId, toolName);
    emit(this.#args.append(toolCallId, toolName, ''));
  }

  #endCall(toolCallId: string, emit: AdapterOutput): void {
    if (this.#chunkedCall === toolCallId) this.#chunkedCall = null;
    // Complete arguments: a backend tool's result settles the call, a frontend tool's never comes.
    emit(toolUseEvent(toolCallId, this.#name(toolCallId), 'ready', parsePartialArgs(this.#args.text(toolCallId))));
  }

  #callChunk(event: JsonObject, emit: AdapterOutput): void {
    const id = typeof event.toolCallId === 'string' ? event.toolCallId : this.#chunkedCall;
    if (id === null) return emit(schemaError(NAME, 'a "TOOL_CALL_CHUNK" without a "toolCallId" and no call open', 'TOOL_CALL_CHUNK'));
    if (id !== this.#chunkedCall) {
      if (this.#chunkedCall !== null) this.#endCall(this.#chunkedCall, emit);
      this.#chunkedCall = id;
      this.#startCall(id, stringOr(event.toolCallName), emit);
    }
    if (typeof event.delta === 'string' && event.delta !== '') emit(this.#args.append(id, this.#name(id), event.delta));
  }

  /** `done`, keeping the run's `outcome` (pending frontend tools, interrupts) and `result` when sent. */
  #finish(event: JsonObject, emit: AdapterOutput): void {
    this.#usage(event.usage, emit);
    this.#ended = true;
    const done = doneEvent();
    if (isObject(event.outcome)) done.data.outcome = event.outcome;
    if (event.result !== undefined) done.data.result = event.result;
    emit(done);
  }

  /** `usage` is one entry per provider and model: the run's totals are their sums. */
  #usage(usage: unknown, emit: AdapterOutput): void {
    if (!Array.isArray(usage)) return;
    const entries = usage.map((entry) => ({ counts: tokenCounts(entry), model: isObject(entry) ? stringOr(entry.model) : '' }));
    const counted = entries.filter((entry) => entry.counts !== undefined);
    if (counted.length === 0) return;
    const sum = (key: 'inputTokens' | 'outputTokens') =>
      counted.some((entry) => entry.counts?.[key] !== null) ? counted.reduce((total, entry) => total + (entry.counts?.[key] ?? 0), 0) : null;
    const models = new Set(entries.map((entry) => entry.model));
    const model = models.size === 1 ? [...models][0] || null : null;
    emit(usageEvent({ inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens'), model }));
  }
}
