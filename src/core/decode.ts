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

/** The outcome of decoding one frame: an event with its warnings, or the error that rejected it. */
export type DecodeResult =
  | { ok: true; event: AgentEvent; warnings: AgentStreamError[] }
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
  const text = frame.data;
  if (text === '') return null;
  const type = frame.event || 'message';
  const id = frame.id || undefined;
  const warnings: AgentStreamError[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (syntaxError) {
    // Only a failed parse pays for the scan: Python's json.dumps writes NaN and Infinity bare.
    const tolerant = parseTolerantJson(text);
    if (tolerant === undefined) {
      if (!(NATIVE_EVENT_TYPES as readonly string[]).includes(type)) return custom(type, text, id, warnings);
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
      const chunk = value.text;
      if (typeof chunk !== 'string') {
        return fail('schema', `${frameLabel(type, id)}: field "text" must be a string, got ${kindOf(chunk)}`, type, id);
      }
      const event: AgentEvent = { type, data: { text: chunk } };
      if (id !== undefined) event.id = id;
      return { ok: true, event, warnings };
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
      return custom(type, value, id, warnings);
  }
}

type StructuredType = 'tool_use' | 'tool_result' | 'turn' | 'progress' | 'creation' | 'error' | 'done' | 'usage';

function known(type: StructuredType, value: unknown, id: string | undefined, warnings: AgentStreamError[]): DecodeResult {
  if (!isWireObject(value)) return notAnObject(type, id, value);
  const read = new FieldReader(value, type, id, warnings);
  let event: AgentEvent;
  switch (type) {
    case 'tool_use': {
      const data = toolUseData(read, value);
      if (data instanceof InvalidData) return fail('schema', `${frameLabel(type, id)}: ${data.detail}`, type, id);
      event = { type, data };
      break;
    }
    case 'tool_result': {
      const data = toolResultData(read, value);
      if (data instanceof InvalidData) return fail('schema', `${frameLabel(type, id)}: ${data.detail}`, type, id);
      event = { type, data };
      break;
    }
    case 'turn':
      event = { type, data: turnData(read, value) };
      break;
    case 'progress':
      event = { type, data: progressData(read, value) };
      break;
    case 'creation':
      event = { type, data: creationData(read, value) };
      break;
    case 'error':
      event = { type, data: errorData(read, value) };
      break;
    case 'done':
      event = { type, data: doneData(read, value) };
      break;
    case 'usage':
      event = { type, data: usageData(read, value) };
      break;
  }
  if (id !== undefined) event.id = id;
  return { ok: true, event, warnings };
}

function custom(type: string, data: unknown, id: string | undefined, warnings: AgentStreamError[]): DecodeResult {
  const event: AgentEvent = { type: 'custom', data: { type, data } };
  if (id !== undefined) event.id = id;
  return { ok: true, event, warnings };
}

function notAnObject(type: string, id: string | undefined, value: unknown): DecodeResult {
  return fail('schema', `${frameLabel(type, id)}: data must be a JSON object, got ${kindOf(value)}`, type, id);
}

function fail(
  code: 'parse' | 'schema',
  message: string,
  type: string,
  id: string | undefined,
  cause?: unknown,
): DecodeResult {
  return { ok: false, error: new AgentStreamError(code, message, { eventType: type, eventId: id, cause }) };
}

const PREVIEW_LENGTH = 80;

function preview(text: string): string {
  return text.length <= PREVIEW_LENGTH ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, PREVIEW_LENGTH))}…`;
}
