import type { AgentEvent, AgentEventType } from '../core/protocol';
import { stringifyData } from './json';

/** How {@link encodeEvent} writes a frame. */
export interface EncodeEventOptions {
  /** Adds an `id:` line, so a client can resume with `Last-Event-ID`; it must not hold CR, LF or NUL. */
  id?: string;
}

type WireNames = ReadonlyMap<string, string>;

// Maps, not object literals: an extra key such as `constructor` must not find Object.prototype's.
const names = (pairs: Record<string, string>): WireNames => new Map(Object.entries(pairs));

// Decoded (camelCase) name -> wire (snake_case) name, per type: the inverse of src/core/decode-data.ts.
// Keys not listed (extras, and names equal on both sides) are written as they are.
const WIRE_NAMES: Partial<Record<AgentEventType, WireNames>> = {
  tool_use: names({ toolName: 'tool_name', toolUseId: 'tool_use_id', inputSummary: 'input_summary' }),
  tool_result: names({
    toolName: 'tool_name',
    toolUseId: 'tool_use_id',
    outputSummary: 'output_summary',
    durationMs: 'duration_ms',
  }),
  turn: names({ turnNumber: 'turn_number', totalTools: 'total_tools' }),
  progress: names({ subProgress: 'sub_progress' }),
  creation: names({ creationType: 'creation_type', toolUseId: 'tool_use_id' }),
  error: names({ errorType: 'error_type' }),
  done: names({
    messageId: 'message_id',
    numTurns: 'num_turns',
    toolCount: 'tool_count',
    durationMs: 'duration_ms',
    totalCostUsd: 'total_cost_usd',
  }),
  usage: names({ inputTokens: 'input_tokens', outputTokens: 'output_tokens', totalCostUsd: 'total_cost_usd' }),
};
const SUB_PROGRESS_NAMES = names({ itemTitle: 'item_title' });

/**
 * Encodes a decoded event as one native SSE frame, `event: <type>\ndata: <json>\n\n` (after an
 * `id:` line when given), with the wire's snake_case field names: `decodeEvent` of the frame gives
 * the event back. A `custom` event is written with its own type and data.
 *
 * The data is JSON.stringify's JSON, except that a `bigint` is written as its digits (as Python
 * writes an `int`) and U+0085, U+2028 and U+2029 as `\u` escapes; `NaN` and `Infinity` become
 * `null`, `undefined` and functions are left out of objects.
 *
 * @throws TypeError when the event type or the id holds a line break (or the id a NUL): such a
 *   frame could not be read back; or when the data holds a cycle.
 * @example
 * response.write(encodeEvent({ type: 'token', data: { text: 'Hello' } }, { id: '1' }));
 * // 'id: 1\nevent: token\ndata: {"text":"Hello"}\n\n'
 */
export function encodeEvent(event: AgentEvent, options?: EncodeEventOptions): string {
  let type: string;
  let payload: unknown;
  if (event.type === 'custom') {
    type = event.data.type;
    payload = event.data.data;
    if (!isFieldValue(type)) throw new TypeError(`Cannot encode event type ${JSON.stringify(type)}: it holds a line break`);
  } else {
    type = event.type;
    // token and thinking need no renaming; their data is written as it is, extras included.
    const names = WIRE_NAMES[event.type];
    payload = names === undefined ? event.data : toWire(event.data, names, event.type === 'progress');
  }
  // JSON escapes every CR and LF inside strings, so the data is always one line.
  const data = `event: ${type}\ndata: ${stringifyData(payload, type)}\n\n`;
  const id = options?.id;
  if (id === undefined) return data;
  if (!isFieldValue(id) || id.includes('\0')) throw new TypeError(`Cannot encode event id ${JSON.stringify(id)}`);
  return `id: ${id}\n${data}`;
}

/**
 * Encodes an SSE comment, `: <text>\n\n`, which clients ignore; servers send one as a heartbeat so
 * proxies keep an idle stream open. Each line of a multi-line text becomes its own comment line.
 *
 * @example
 * setInterval(() => response.write(encodeComment('keep-alive')), 15_000);
 */
export function encodeComment(text: string): string {
  if (isFieldValue(text)) return `: ${text}\n\n`;
  return `: ${text.split(/\r\n|\r|\n/).join('\n: ')}\n\n`;
}

function isFieldValue(text: string): boolean {
  return !text.includes('\n') && !text.includes('\r');
}

function toWire(data: object, names: WireNames, isProgress: boolean): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  const source = data as Record<string, unknown>;
  for (const key in source) {
    let value = source[key];
    if (isProgress && key === 'subProgress' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      value = toWire(value, SUB_PROGRESS_NAMES, false);
    }
    const name = names.get(key) ?? key;
    if (name === '__proto__') {
      // An own `__proto__` key from JSON.parse: defined, so it is written rather than replacing the prototype.
      Object.defineProperty(wire, name, { value, enumerable: true, writable: true, configurable: true });
    } else {
      wire[name] = value;
    }
  }
  return wire;
}
