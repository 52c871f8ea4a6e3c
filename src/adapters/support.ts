import { Allow, parse } from 'partial-json';
import type { AdapterOutput } from '../core/adapter';
import { AgentStreamError } from '../core/errors';
import { toDisplayText } from '../core/display-text';
import type { AgentEventOf, SSEFrame } from '../core/protocol';

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The string at `value`, or `fallback` when it is not one. */
export const stringOr = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** The finite number at `value`, or `null` ("not carried", never a made-up 0). */
export const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * The frame's data as a JSON object. Anything else is reported through `emit` as a `parse` error
 * (not JSON) or a `schema` error (JSON but not an object), naming the protocol, and gives `undefined`.
 */
export function readObject(frame: SSEFrame, emit: AdapterOutput, protocol: string): JsonObject | undefined {
  const value = readJson(frame.data, emit, protocol, frame.event);
  if (value === undefined) return undefined;
  if (isObject(value)) return value;
  emit(schemaError(protocol, `expected a JSON object, got ${preview(frame.data)}`, frame.event));
  return undefined;
}

/**
 * `text` parsed as JSON (any value). Anything else is reported through `emit` as a `parse` error
 * naming the protocol, and gives `undefined` (which no JSON text parses to).
 */
export function readJson(text: string, emit: AdapterOutput, protocol: string, eventType?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    emit(new AgentStreamError('parse', `${protocol}: a frame's data is not JSON: ${preview(text)}`, { eventType, cause }));
    return undefined;
  }
}

/** A `schema` error: the chunk is JSON but not what the protocol defines. The stream goes on. */
export function schemaError(protocol: string, detail: string, eventType?: string): AgentStreamError {
  return new AgentStreamError('schema', `${protocol}: ${detail}`, eventType === undefined ? {} : { eventType });
}

function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * Tool arguments parsed from incomplete JSON text, as far as they go (`{"city": "Os` gives
 * `{ city: 'Os' }`); `undefined` while nothing is readable yet. Never throws.
 */
export function parsePartialArgs(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return parse(text, Allow.ALL);
  } catch {
    return undefined;
  }
}

/** Accumulates each tool call's streamed argument text, for `tool_args` events. */
export class ToolArgsBuffer {
  readonly #texts = new Map<string, string>();

  /** Appends `delta` to the call's text and returns the `tool_args` event carrying both. */
  append(toolUseId: string, toolName: string, delta: string): AgentEventOf<'tool_args'> {
    const argsText = (this.#texts.get(toolUseId) ?? '') + delta;
    this.#texts.set(toolUseId, argsText);
    return { type: 'tool_args', data: { toolUseId, toolName, delta, args: parsePartialArgs(argsText) } };
  }

  /** The call's text so far (`''` when none). */
  text(toolUseId: string): string {
    return this.#texts.get(toolUseId) ?? '';
  }
}

/**
 * Stable ids for protocols that send none: the n-th call of a tool name gets `${prefix}${name}#${n}`,
 * and results are matched to the oldest open call of their name (first in, first out).
 */
export class SynthesizedToolIds {
  readonly #counts = new Map<string, number>();
  readonly #open = new Map<string, string[]>();

  constructor(readonly prefix: string) {}

  /** A new id for a call of `name`, now open. */
  start(name: string): string {
    const n = (this.#counts.get(name) ?? 0) + 1;
    this.#counts.set(name, n);
    const id = `${this.prefix}${name}#${n}`;
    const open = this.#open.get(name);
    if (open) open.push(id);
    else this.#open.set(name, [id]);
    return id;
  }

  /** The oldest open call of `name`, now closed; a new id when none is open (a result without a start). */
  finish(name: string): string {
    const id = this.#open.get(name)?.shift();
    return id ?? this.#finishUnstarted(name);
  }

  /** The oldest open call of `name`, left open; `undefined` when none. */
  peek(name: string): string | undefined {
    return this.#open.get(name)?.[0];
  }

  #finishUnstarted(name: string): string {
    const id = this.start(name);
    this.#open.get(name)?.pop();
    return id;
  }
}

/** A `done` event for a protocol's completion marker: what the protocol does not carry stays empty. */
export function doneEvent(fields: Partial<AgentEventOf<'done'>['data']> = {}): AgentEventOf<'done'> {
  return {
    type: 'done',
    data: { messageId: '', numTurns: null, toolCount: null, durationMs: null, model: '', totalCostUsd: null, ...fields },
  };
}

/** A `custom` event keeping a chunk this adapter does not map. */
export function customEvent(type: string, data: unknown): AgentEventOf<'custom'> {
  return { type: 'custom', data: { type, data } };
}

/**
 * A `usage` event; figures not given stay `null`. Without `mode` the figures are the run's running
 * totals (they replace the run's figures), as for a protocol whose usage is cumulative.
 */
export function usageEvent(fields: Partial<AgentEventOf<'usage'>['data']>): AgentEventOf<'usage'> {
  return { type: 'usage', data: { inputTokens: null, outputTokens: null, totalCostUsd: null, model: null, ...fields } };
}

/** An `error` event for a protocol's error chunk; a `terminal` one ends the run with status `error`. */
export function errorEvent(errorType: string, message: string, details: Record<string, unknown>, terminal = false): AgentEventOf<'error'> {
  return { type: 'error', data: terminal ? { errorType, message, details, terminal } : { errorType, message, details } };
}

/**
 * The strings at `keys` of a chunk of type `type`. When one is missing or not a string, a `schema`
 * error naming the chunk type and the key goes to `emit` and the result is `undefined`.
 */
export function requireStrings<K extends string>(
  chunk: JsonObject,
  keys: readonly K[],
  emit: AdapterOutput,
  protocol: string,
  type: string,
): Record<K, string> | undefined {
  const values = {} as Record<K, string>;
  for (const key of keys) {
    const value = chunk[key];
    if (typeof value !== 'string') {
      emit(schemaError(protocol, `a ${JSON.stringify(type)} chunk without a string ${JSON.stringify(key)}`, type));
      return undefined;
    }
    values[key] = value;
  }
  return values;
}

/**
 * Token counts under `inputTokens`/`outputTokens` (AI SDK 5+, assistant-stream, AG-UI; a count may
 * be an object with a `total`) or `promptTokens`/`completionTokens` (AI SDK 4 data streams);
 * `undefined` when `value` carries neither count.
 */
export function tokenCounts(value: unknown): { inputTokens: number | null; outputTokens: number | null } | undefined {
  if (!isObject(value)) return undefined;
  const count = (n: unknown) => numberOrNull(isObject(n) ? n.total : n);
  const inputTokens = count(value.inputTokens ?? value.promptTokens);
  const outputTokens = count(value.outputTokens ?? value.completionTokens);
  return inputTokens === null && outputTokens === null ? undefined : { inputTokens, outputTokens };
}

/** A `tool_use` event from a protocol without input summaries; `args` is left out when `undefined`. */
export function toolUseEvent(toolUseId: string, toolName: string, status: 'running' | 'ready', args?: unknown): AgentEventOf<'tool_use'> {
  const data: AgentEventOf<'tool_use'>['data'] = { toolName, toolUseId, inputSummary: '', status };
  if (args !== undefined) data.args = args;
  return { type: 'tool_use', data };
}

/** How a tool call ended, as a protocol tells it. */
export interface ToolOutcome {
  status: 'done' | 'error' | 'denied';
  /** The structured result, when the protocol gives one. */
  output?: unknown;
  /** The tool's error (or refusal) message, when the protocol sends one apart from the output. */
  errorText?: string;
}

/**
 * A `tool_result` event. `outputSummary` is the output as text ({@link toDisplayText}), or the error
 * text when there is no output; the protocol's duration is unknown (`null`).
 */
export function toolResultEvent(toolUseId: string, toolName: string, { status, output, errorText }: ToolOutcome): AgentEventOf<'tool_result'> {
  const outputSummary = output === undefined ? (errorText ?? '') : toDisplayText(output);
  const data: AgentEventOf<'tool_result'>['data'] = { toolName, toolUseId, outputSummary, durationMs: null, status };
  if (output !== undefined) data.output = output;
  if (errorText !== undefined) data.errorText = errorText;
  return { type: 'tool_result', data };
}
