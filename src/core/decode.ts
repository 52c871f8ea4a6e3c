import { frameProblem, isWireObject, kindOf, readFields, SCHEMAS } from './decode-data';
import { parseTolerantJson } from './decode-json';
import { AgentStreamError } from './errors';
import type { AgentEvent, SSEFrame } from './protocol';

const NO_WARNINGS: readonly AgentStreamError[] = /* @__PURE__ */ Object.freeze([]);

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
  const isText = type === 'token' || type === 'thinking';
  const schema = isText ? undefined : SCHEMAS.get(type);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (syntaxError) {
    // Only a failed parse pays for the scan: Python's json.dumps writes NaN and Infinity bare.
    const tolerant = parseTolerantJson(text);
    if (tolerant) {
      value = tolerant.value;
      const at = tolerant.paths.map((path) => `"${path}"`).join(', ');
      warnings.push(frameProblem(type, id, `non-finite number (NaN or Infinity) read as null at ${at}`, true));
    } else if (schema || isText) {
      const quoted = JSON.stringify(text.slice(0, 80)) + (text.length > 80 ? '…' : '');
      return frameProblem(type, id, `data is not valid JSON: ${(syntaxError as Error).message}; data: ${quoted}`, false, syntaxError);
    } else {
      value = text;
    }
  }
  let data: unknown = value;
  if (!schema && !isText) {
    data = { type, data: value };
  } else if (!isWireObject(value)) {
    return frameProblem(type, id, `data must be a JSON object, got ${kindOf(value)}`);
  } else if (schema) {
    data = readFields(value, schema, type, id, warnings);
    if (data instanceof AgentStreamError) return data;
  } else if (typeof value.text !== 'string') {
    return frameProblem(type, id, `field "text" must be a string, got ${kindOf(value.text)}`);
  }
  // A token's parsed object is its data: extra keys stay on it, and no copy is made per token.
  const eventType = schema || isText ? type : 'custom';
  return (id === undefined ? { type: eventType, data } : { type: eventType, data, id }) as AgentEvent;
}
