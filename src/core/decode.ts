import {
  creationData,
  doneData,
  errorData,
  InvalidData,
  progressData,
  toolResultData,
  toolUseData,
  turnData,
  usageData,
} from './decode-data';
import { FieldReader, frameLabel, isWireObject, kindOf } from './decode-fields';
import { parseTolerantJson } from './decode-json';
import { AgentStreamError } from './errors';
import { NATIVE_EVENT_TYPES, type AgentEvent, type SSEFrame } from './protocol';

const NO_WARNINGS: readonly AgentStreamError[] = Object.freeze([]);

/** The outcome of decoding one frame: an event with its warnings, or the error that rejected it. */
export type DecodeResult =
  | { ok: true; event: AgentEvent; warnings: readonly AgentStreamError[] }
  | { ok: false; error: AgentStreamError };

/**
 * Decodes one SSE frame of the native protocol into a typed event with camelCase data. Returns
 * `null` for a heartbeat (empty data); never throws. Unknown event types become `custom` events.
 *
 * @example
 * const result = decodeEvent({ event: 'token', data: '{"text":"Hi"}' });
 * if (result?.ok) store.dispatch(result.event);
 */
export function decodeEvent(frame: SSEFrame): DecodeResult | null {
  const warnings: AgentStreamError[] = [];
  const decoded = decodeFrame(frame, warnings);
  if (decoded === null) return null;
  if (decoded instanceof AgentStreamError) return { ok: false, error: decoded };
  return { ok: true, event: decoded, warnings: warnings.length === 0 ? NO_WARNINGS : warnings };
}

/**
 * {@link decodeEvent} without the result wrapper, for the per-frame hot path: the event, the error
 * that rejected the frame, or `null` for a heartbeat; warnings are appended to `warnings`.
 */
export function decodeFrame(frame: SSEFrame, warnings: AgentStreamError[]): AgentEvent | AgentStreamError | null {
  const text = frame.data;
  if (text === '') return null;
  const type = frame.event || 'message';
  const id = frame.id || undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (syntaxError) {
    // Only a failed parse pays for the scan: Python's json.dumps writes NaN and Infinity bare.
    const tolerant = parseTolerantJson(text);
    if (tolerant === undefined) {
      if (!(NATIVE_EVENT_TYPES as readonly string[]).includes(type)) return withId({ type: 'custom', data: { type, data: text } }, id);
      const reason = syntaxError instanceof Error ? syntaxError.message : String(syntaxError);
      return fail('parse', `${frameLabel(type, id)}: data is not valid JSON: ${reason}; data: ${preview(text)}`, type, id, syntaxError);
    }
    value = tolerant.value;
    warnings.push(
      new AgentStreamError(
        'schema',
        `${frameLabel(type, id)}: non-finite number (NaN or Infinity) read as null at ${tolerant.paths.map((path) => `"${path}"`).join(', ')}`,
        { severity: 'warning', eventType: type, eventId: id },
      ),
    );
  }
  switch (type) {
    case 'token':
    case 'thinking': {
      if (!isWireObject(value)) return notAnObject(type, id, value);
      if (typeof value.text !== 'string') {
        return fail('schema', `${frameLabel(type, id)}: field "text" must be a string, got ${kindOf(value.text)}`, type, id);
      }
      // The parsed object is the data: extra keys stay on it, and no copy is made per token.
      const data = value as { text: string };
      return id === undefined ? { type, data } : { type, data, id };
    }
    case 'tool_use':
    case 'tool_result':
    case 'turn':
    case 'progress':
    case 'creation':
    case 'error':
    case 'done':
    case 'usage':
      return known(type, value, id, warnings);
    default:
      return withId({ type: 'custom', data: { type, data: value } }, id);
  }
}

type StructuredType = 'tool_use' | 'tool_result' | 'turn' | 'progress' | 'creation' | 'error' | 'done' | 'usage';

function known(type: StructuredType, value: unknown, id: string | undefined, warnings: AgentStreamError[]): AgentEvent | AgentStreamError {
  if (!isWireObject(value)) return notAnObject(type, id, value);
  const read = new FieldReader(value, type, id, warnings);
  switch (type) {
    case 'tool_use': {
      const data = toolUseData(read, value);
      if (data instanceof InvalidData) return fail('schema', `${frameLabel(type, id)}: ${data.detail}`, type, id);
      return withId({ type, data }, id);
    }
    case 'tool_result': {
      const data = toolResultData(read, value);
      if (data instanceof InvalidData) return fail('schema', `${frameLabel(type, id)}: ${data.detail}`, type, id);
      return withId({ type, data }, id);
    }
    case 'turn':
      return withId({ type, data: turnData(read, value) }, id);
    case 'progress':
      return withId({ type, data: progressData(read, value) }, id);
    case 'creation':
      return withId({ type, data: creationData(read, value) }, id);
    case 'error':
      return withId({ type, data: errorData(read, value) }, id);
    case 'done':
      return withId({ type, data: doneData(read, value) }, id);
    case 'usage':
      return withId({ type, data: usageData(read, value) }, id);
  }
}

function withId(event: AgentEvent, id: string | undefined): AgentEvent {
  if (id !== undefined) event.id = id;
  return event;
}

function notAnObject(type: string, id: string | undefined, value: unknown): AgentStreamError {
  return fail('schema', `${frameLabel(type, id)}: data must be a JSON object, got ${kindOf(value)}`, type, id);
}

function fail(code: 'parse' | 'schema', message: string, type: string, id: string | undefined, cause?: unknown): AgentStreamError {
  return new AgentStreamError(code, message, { eventType: type, eventId: id, cause });
}

const PREVIEW_LENGTH = 80;

function preview(text: string): string {
  return text.length <= PREVIEW_LENGTH ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, PREVIEW_LENGTH))}…`;
}
