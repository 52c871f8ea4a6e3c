import { SCHEMAS } from './decode-data';
import type { Draft } from './draft';
import type { ToolArgsData, ToolResultData, ToolUseData } from './protocol';
import { toDisplayText } from './display-text';
import { addTimelineItem, isToolCallSettled, putEntity } from './reducer-run';
import type { AgentState, RunState, ToolCall, ToolCallStatus } from './state';

const NO_RAW: Record<string, unknown> = /* @__PURE__ */ Object.freeze({}) as Record<string, unknown>;

type ToolData = ToolUseData | ToolResultData | ToolArgsData;

// Statuses before settling, in the only order a call may move through them.
const LIVE_ORDER: readonly ToolCallStatus[] = ['streaming-args', 'ready', 'running'];

/** The call `data` is about, as known, or first seen now: then added to the run's message and the timeline. */
function callOf(d: Draft, s: AgentState, run: RunState, data: ToolData, at: number | null, status: ToolCallStatus = 'running'): ToolCall {
  const known = s.toolCalls.byId[data.toolUseId];
  if (known) return known;
  const { toolUseId: id, toolName: name } = data;
  const call: ToolCall = {
    id,
    name,
    inputSummary: '',
    argsText: '',
    args: null,
    outputSummary: '',
    output: null,
    errorText: null,
    status,
    durationMs: null,
    startedAt: at,
    endedAt: null,
    messageId: run.messageId,
    turn: run.turn,
    raw: NO_RAW,
  };
  putEntity(d, s, 'toolCalls', call, true);
  addTimelineItem(d, s, { kind: 'tool', id, messageId: run.messageId });
  return call;
}

// The optional fields adapters set: the call's own, never extras.
const ADAPTER_FIELDS = /* @__PURE__ */ new Set(['args', 'output', 'errorText']);

/**
 * `raw` plus the fields of `data` beyond its type's own (the decoder's extras); `raw` itself when
 * there are none (the usual case).
 */
function withExtras(raw: Record<string, unknown>, data: ToolUseData | ToolResultData, type: 'tool_use' | 'tool_result'): Record<string, unknown> {
  const known = SCHEMAS.get(type)!.known;
  let merged: Record<string, unknown> | null = null;
  for (const key in data) if (!known.has(key) && !ADAPTER_FIELDS.has(key)) (merged ??= { ...raw })[key] = data[key];
  return merged ?? raw;
}

/** `next` when it comes after `current` among the live statuses; otherwise `current` (a settled call stays). */
function moveOn(current: ToolCallStatus, next: ToolCallStatus): ToolCallStatus {
  const from = LIVE_ORDER.indexOf(current);
  return from !== -1 && from < LIVE_ORDER.indexOf(next) ? next : current;
}

/** `tool_args` (adapters): a fragment of streamed arguments; creates the call as `streaming-args`. */
export function reduceToolArgs(d: Draft, s: AgentState, run: RunState, data: ToolArgsData, at: number | null): void {
  const base = callOf(d, s, run, data, at, 'streaming-args');
  if (isToolCallSettled(base.status)) return;
  putEntity(d, s, 'toolCalls', {
    ...base,
    name: base.name || data.toolName,
    argsText: base.argsText + data.delta,
    args: data.args === undefined ? base.args : data.args,
  });
}

/** `tool_use`: starts a call, or updates a known one without moving its status back. */
export function reduceToolUse(d: Draft, s: AgentState, run: RunState, data: ToolUseData, at: number | null): void {
  const status = data.status === 'ready' ? 'ready' : 'running';
  const base = callOf(d, s, run, data, at, status);
  const hasArgs = data.args !== undefined;
  putEntity(d, s, 'toolCalls', {
    ...base,
    name: data.toolName || base.name,
    inputSummary: data.inputSummary || base.inputSummary,
    argsText: base.argsText || (hasArgs ? toDisplayText(data.args) : ''),
    args: hasArgs ? data.args : base.args,
    // Monotonic: a live call only moves on (streaming-args, ready, running); a settled one stays.
    status: moveOn(base.status, status),
    raw: withExtras(base.raw, data, 'tool_use'),
  });
}

/**
 * `tool_result`: settles a call, creating it when its `tool_use` never came (arrival order is not
 * guaranteed across adapters). A call already settled keeps its outcome: a replayed result is a no-op.
 */
export function reduceToolResult(d: Draft, s: AgentState, run: RunState, data: ToolResultData, at: number | null): void {
  const base = callOf(d, s, run, data, at);
  if (isToolCallSettled(base.status)) return;
  const { status } = data;
  const measured = at !== null && base.startedAt !== null ? at - base.startedAt : null;
  putEntity(d, s, 'toolCalls', {
    ...base,
    name: base.name || data.toolName,
    outputSummary: data.outputSummary,
    output: data.output === undefined ? base.output : data.output,
    // The native protocol's error message is its output summary; adapters may send it apart.
    errorText: status === 'done' ? null : (data.errorText ?? (status === 'error' ? data.outputSummary : null)),
    status,
    // The sender's positive figure is the tool's own time; otherwise the client saw the interval.
    durationMs: data.durationMs !== null && data.durationMs > 0 ? data.durationMs : (measured ?? data.durationMs),
    endedAt: at,
    raw: withExtras(base.raw, data, 'tool_result'),
  });
}
