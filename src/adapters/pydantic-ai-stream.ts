import type { AdapterDecoder, AdapterOutput, ProtocolAdapter } from '../core/adapter';
import { decodeEvent } from '../core/decode';
import { toDisplayText } from '../core/display-text';
import type { AgentEvent, SSEFrame } from '../core/protocol';
import {
  customEvent,
  doneEvent,
  errorEvent,
  isObject,
  type JsonObject,
  numberOrNull,
  readObject,
  requireStrings,
  schemaError,
  stringOr,
  toolResultEvent,
  toolUseEvent,
} from './support';

const NAME = 'pydantic-ai-stream';
const RECORD_TYPES = new Set(['begin', 'event', 'error', 'info', 'end']);
const TEXT_EVENTS = { text: 'token', thinking: 'thinking' } as const;
type TextKind = keyof typeof TEXT_EVENTS;
const isTextKind = (value: unknown): value is TextKind => value === 'text' || value === 'thinking';

/**
 * pydantic-ai-stream (`Deps.listen()` records sent as `data: {"type", "origin", "body"}`): text
 * and thinking parts, tool calls whole when their part ends (`tool_use` with `args`), tool returns
 * (sent at the next model request), one `turn` per model request, `info` records as progress when
 * they look like it, and `error` records. There is no end marker: a clean close ends the run,
 * unless the last record was an error. The protocol carries no usage, cost or tool errors (a
 * failing tool's call never gets a result and ends `interrupted`).
 *
 * Each event's `id` is its record's position since `begin`, which every `listen` starts with: a
 * client that re-listens after a drop gets the records again from the start, and the store
 * applies each one once.
 *
 * @example
 * useAgentStream('/chat', { protocol: pydanticAiStream });
 */
export const pydanticAiStream: ProtocolAdapter = {
  name: NAME,
  detect: ({ frame }) => {
    if (frame === null || (frame.event !== undefined && frame.event !== 'message')) return false;
    const record = readObject(frame, () => {}, NAME);
    return record !== undefined && typeof record.origin === 'string' && RECORD_TYPES.has(record.type as string);
  },
  createDecoder: () => new PydanticAiStreamDecoder(),
};

class PydanticAiStreamDecoder implements AdapterDecoder {
  /** The position of the next record since `begin`. */
  #position = 0;
  #lastWasError = false;
  /** The kind of each text or thinking part, by `idx:event_idx`, for deltas that do not name it. */
  readonly #parts = new Map<string, TextKind>();

  decode(frame: SSEFrame, emit: AdapterOutput): void {
    const id = String(this.#position++);
    const record = readObject(frame, emit, NAME);
    if (record === undefined) return;
    const push = (event: AgentEvent): void => emit({ ...event, id });
    const { type, body } = record;
    this.#lastWasError = type === 'error';
    switch (type) {
      case 'begin':
        // Every listen starts here, a re-listen too: positions restart so replayed records keep their ids.
        this.#position = 1;
        this.#parts.clear();
        return;
      case 'end':
        // `listen` stops at `end` without sending it; a server that forwards it marks the end.
        return push(doneEvent());
      case 'event':
      case 'error':
      case 'info':
        if (!isObject(body)) return emit(schemaError(NAME, `a ${JSON.stringify(type)} record without a "body" object`, type));
        if (type === 'error') return push(recordError(body));
        if (type === 'info') return decodeInfo(record, body, push, emit);
        return this.#event(record, body, push, emit);
      default:
        if (typeof type !== 'string') return emit(schemaError(NAME, 'a record without a string "type"'));
        push(customEvent(type, record));
    }
  }

  close(): boolean {
    // No end marker: the body closing is the end of the run, unless an error was the last word.
    return !this.#lastWasError;
  }

  /** An `event` record's body: `llm-begin`, `part_start`, `part_delta`, `answer`, `llm-end`. */
  #event(record: JsonObject, body: JsonObject, push: Push, emit: AdapterOutput): void {
    switch (body.event) {
      case 'llm-begin': {
        const idx = numberOrNull(body.idx);
        return push({ type: 'turn', data: { turnNumber: idx === null ? null : idx + 1, totalTools: null } });
      }
      case 'part_start':
        return this.#partStart(record, body, push, emit);
      case 'part_delta': {
        // The code sends `part_delta_kind`; the README documents `part_kind`.
        const kind = body.part_delta_kind ?? body.part_kind ?? this.#parts.get(partKey(body));
        if (!isTextKind(kind)) return push(customEvent('part_delta', record));
        return pushText(kind, body.content_delta, 'content_delta', push, emit);
      }
      // `answer` marks the final result's part and `llm-end` the request's end: neither carries
      // anything the store shows.
      case 'answer':
      case 'llm-end':
        return;
      default:
        push(customEvent(typeof body.event === 'string' ? body.event : 'event', record));
    }
  }

  #partStart(record: JsonObject, body: JsonObject, push: Push, emit: AdapterOutput): void {
    const kind = body.part_kind;
    if (isTextKind(kind)) {
      this.#parts.set(partKey(body), kind);
      return pushText(kind, body.content, 'content', push, emit);
    }
    if (kind !== 'tool-call' && kind !== 'tool-return') return push(customEvent('part_start', record));
    const names = requireStrings(body, ['tool_name', 'tool_call_id'], emit, NAME, `part_start ${kind}`);
    if (names === undefined) return;
    const { tool_name: toolName, tool_call_id: toolUseId } = names;
    // The runner sends a call once its part has ended, its arguments parsed; it runs on the server.
    if (kind === 'tool-call') return push(toolUseEvent(toolUseId, toolName, 'running', body.args));
    push(toolResultEvent(toolUseId, toolName, { status: 'done', output: body.content }));
  }
}

type Push = (event: AgentEvent) => void;

const partKey = (body: JsonObject): string => `${String(body.idx)}:${String(body.event_idx)}`;

/** A `token` or `thinking` event for a part's text; nothing for empty or absent text. */
function pushText(kind: TextKind, text: unknown, field: string, push: Push, emit: AdapterOutput): void {
  // A signature-only thinking delta has `content_delta: null`.
  if (text === null || text === undefined || text === '') return;
  if (typeof text !== 'string') return emit(schemaError(NAME, `a ${kind} part's ${JSON.stringify(field)} is not a string`, 'event'));
  push({ type: TEXT_EVENTS[kind], data: { text } });
}

/**
 * An `error` record as an agent error. The runner's own (`canceled`, `crashed - …`) are written as
 * the agent stops, with only the stream's end after them: they end the run. Any other is the
 * application's report and the run goes on.
 */
function recordError(body: JsonObject): AgentEvent {
  const msg = stringOr(body.msg);
  const stop = msg === 'canceled' ? 'canceled' : msg.startsWith('crashed') ? 'crashed' : null;
  return errorEvent(stop ?? 'error', msg || toDisplayText(body), body, stop !== null);
}

/**
 * An `info` record (free-form, the application's): `progress` when its body has the native
 * progress fields (`step` or `percentage`), read as the native decoder reads them; otherwise `custom`.
 */
function decodeInfo(record: JsonObject, body: JsonObject, push: Push, emit: AdapterOutput): void {
  if (typeof body.step !== 'string' && typeof body.percentage !== 'number') return push(customEvent('info', record));
  const decoded = decodeEvent({ event: 'progress', data: JSON.stringify(body) });
  // A progress schema has no required field, so the body always decodes (warnings aside).
  if (decoded === null || !decoded.ok) return push(customEvent('info', record));
  for (const warning of decoded.warnings) emit(warning);
  push(decoded.event);
}
