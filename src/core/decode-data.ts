import { AgentStreamError } from './errors';

/** A decoded JSON object, as the field readers see it. */
export type WireObject = Record<string, unknown>;

/** True for a JSON object (not `null`, not an array). */
export const isWireObject = (value: unknown): value is WireObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** How a value is named in messages: its JSON kind. */
export const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * A problem with one frame, its message naming the frame (`Frame "tool_use" (id 7): …`): `parse`
 * when it has a `cause` (the JSON error), else `schema`; a warning leaves the frame decoded.
 */
export function frameProblem(type: string, id: string | undefined, detail: string, warning?: boolean, cause?: unknown): AgentStreamError {
  return new AgentStreamError(cause === undefined ? 'schema' : 'parse', `Frame "${type}"${id === undefined ? '' : ` (id ${id})`}: ${detail}`, {
    severity: warning ? 'warning' : 'error',
    eventType: type,
    eventId: id,
    cause,
  });
}

/**
 * What a field must be: a JSON kind, `id` (a required non-empty string), the allowed strings (the
 * first is the default), or the fields of a nested object.
 */
type FieldKind = 'string' | 'number' | 'object' | 'array' | 'id' | readonly string[] | Schema;

/**
 * One field: its wire (snake_case) name, its kind, and what absence or a wrong type reads as
 * (`undefined`: the field is left out). `object` and `array` fields read as a new `{}` or `[]`.
 */
type FieldSpec = readonly [wire: string, kind: FieldKind, fallback?: unknown];

interface Schema {
  fields: ReadonlyArray<readonly [wire: string, camel: string, kind: FieldKind, fallback: unknown]>;
  /** Both spellings of every field: the keys not copied as extras. */
  known: ReadonlySet<string>;
  /** Whether an absent field is left out rather than read as its fallback. */
  optional: boolean;
}

function schema(specs: readonly FieldSpec[], optional = false): Schema {
  const fields = specs.map(([wire, kind, fallback]) => [wire, wire.replace(/_(.)/g, (_, c: string) => c.toUpperCase()), kind, fallback] as const);
  return { fields, known: new Set(fields.flatMap(([wire, camel]) => [wire, camel])), optional };
}

// One call for the whole table, so that a `@__PURE__` mark leaves it out of bundles without the decoder.
const schemas = (specs: Record<string, FieldSpec[]>): Map<string, Schema> =>
  new Map(Object.entries(specs).map(([type, fields]) => [type, schema(fields)]));

// The Python reference's defaults. `sub_progress` keeps only the fields the frame carried.
const SUB_PROGRESS = /* @__PURE__ */ schema([['current', 'number', null], ['total', 'number', null], ['item_title', 'string']], true);

/** The fields of each structured event type, in the order of the decoded data. */
export const SCHEMAS: ReadonlyMap<string, Schema> = /* @__PURE__ */ schemas({
  tool_use: [['tool_name', 'string', ''], ['tool_use_id', 'id'], ['input_summary', 'string', ''], ['status', ['running']]],
  tool_result: [['tool_name', 'string', ''], ['tool_use_id', 'id'], ['output_summary', 'string', ''], ['duration_ms', 'number', 0], ['status', ['done', 'error']]],
  turn: [['turn_number', 'number', null], ['total_tools', 'number', 0]],
  progress: [['step', 'string', ''], ['percentage', 'number', null], ['message', 'string', ''], ['sub_progress', SUB_PROGRESS]],
  creation: [['creation_type', 'string', ''], ['count', 'number', null], ['tool_use_id', 'string', ''], ['items', 'array']],
  error: [['error_type', 'string', ''], ['message', 'string', ''], ['details', 'object']],
  done: [
    ['message_id', 'string', ''],
    ['num_turns', 'number', 0],
    ['tool_count', 'number', 0],
    ['duration_ms', 'number', 0],
    ['model', 'string', ''],
    ['total_cost_usd', 'number', 0],
  ],
  // A figure the frame does not carry is `null`, never a made-up 0.
  usage: [['input_tokens', 'number', null], ['output_tokens', 'number', null], ['total_cost_usd', 'number', null], ['model', 'string', null]],
});

/**
 * Reads `obj` by `schema` into camelCase data, each field under its wire name or else its camelCase
 * one. A field present with the wrong type reads as its fallback with a `schema` warning; `null`
 * reads as `null` where the field may be null (numbers, a `null` fallback) and as the fallback for
 * free-form objects and arrays (Python's `details or {}`). Unknown keys are kept as sent. Returns a
 * `schema` error for a missing `id` field, dropping this frame's field warnings.
 */
export function readFields(
  obj: WireObject,
  { fields, known, optional }: Schema,
  type: string,
  id: string | undefined,
  warnings: AgentStreamError[],
  prefix = '',
): WireObject | AgentStreamError {
  const warned = warnings.length;
  const warn = (wire: string, detail: string): void => void warnings.push(frameProblem(type, id, `field "${prefix}${wire}" ${detail}`, true));
  const data: WireObject = {};
  for (const [wire, camel, kind, spec] of fields) {
    let value = obj[wire] === undefined ? obj[camel] : obj[wire];
    if (value === undefined && optional) continue;
    const fallback = kind === 'object' ? {} : kind === 'array' ? [] : spec;
    if (kind === 'id') {
      if (typeof value !== 'string' || value === '') {
        warnings.length = warned;
        return frameProblem(type, id, `field "${wire}" must be a non-empty string`);
      }
    } else if (Array.isArray(kind)) {
      if (value === undefined) value = kind[0];
      else if (!kind.includes(value as string)) {
        warn(wire, `must be ${kind.map((allowed) => JSON.stringify(allowed)).join(' or ')}, got ${JSON.stringify(value)}; using "${kind[0]}"`);
        value = kind[0];
      }
    } else if (typeof kind === 'object') {
      if (!isWireObject(value)) {
        if (value != null) warn(wire, `must be an object, got ${kindOf(value)}; ignored`);
        continue;
      }
      value = readFields(value, kind as Schema, type, id, warnings, `${wire}.`);
    } else if (value === undefined) {
      value = fallback;
    } else if (value === null && (kind === 'number' || fallback === null)) {
      // Stays null: a number or a nullable string (a non-finite number arrives as null too).
    } else if (value === null || kindOf(value) !== kind) {
      // A null object or array is Python's `details or {}`: no warning.
      if (value !== null || kind === 'string') {
        const expected = `${kind === 'string' || kind === 'number' ? 'a' : 'an'} ${kind}`;
        warn(wire, `must be ${expected}, got ${kindOf(value)}; ${fallback === undefined ? 'ignored' : `using ${JSON.stringify(fallback)}`}`);
      }
      if (fallback === undefined) continue;
      value = fallback;
    } else if (kind === 'number' && !Number.isFinite(value)) {
      // JSON.parse reads an overflowing literal such as 1e400 as Infinity.
      warn(wire, 'is not a finite number; read as null');
      value = null;
    }
    data[camel] = value;
  }
  for (const key in obj) {
    if (known.has(key)) continue;
    // An own `__proto__` key (JSON.parse creates one) is defined, not assigned, so it cannot replace the prototype.
    Object.defineProperty(data, key, { value: obj[key], enumerable: true, writable: true, configurable: true });
  }
  return data;
}
