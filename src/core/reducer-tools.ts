import type { Draft } from './draft';
import type { ToolResultData, ToolUseData } from './protocol';
import { addTimelineItem, settleToolCall } from './reducer-run';
import type { AgentState, RunState, ToolCall, ToolCallStatus } from './state';

const TOOL_USE_KEYS = new Set(['toolName', 'toolUseId', 'inputSummary', 'status']);
const TOOL_RESULT_KEYS = new Set(['toolName', 'toolUseId', 'outputSummary', 'durationMs', 'status']);
const NO_RAW: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Order of the lifecycle; a call only ever moves to a higher rank. */
const RANK: Record<ToolCallStatus, number> = {
  'streaming-args': 0,
  ready: 1,
  running: 2,
  done: 3,
  error: 3,
  denied: 3,
  interrupted: 3,
};

/** `raw` plus the fields of `data` beyond `known`; `raw` itself when there are none (the usual case). */
function withExtras(raw: Record<string, unknown>, data: Record<string, unknown>, known: Set<string>): Record<string, unknown> {
  let merged: Record<string, unknown> | null = null;
  for (const key in data) {
    if (known.has(key)) continue;
    merged ??= { ...raw };
    merged[key] = data[key];
  }
  return merged ?? raw;
}

/** A call first seen now, added to the run's message and the timeline. */
function createToolCall(d: Draft, s: AgentState, run: RunState, id: string, name: string, at: number | null): ToolCall {
  const call: ToolCall = {
    id,
    name,
    inputSummary: '',
    argsText: '',
    args: null,
    outputSummary: '',
    output: null,
    errorText: null,
    status: 'running',
    durationMs: null,
    startedAt: at,
    endedAt: null,
    messageId: run.messageId,
    turn: run.turn,
    raw: NO_RAW,
  };
  const toolCalls = (s.toolCalls = d.obj(s.toolCalls));
  toolCalls.ids = d.arr(toolCalls.ids);
  toolCalls.ids.push(id);
  addTimelineItem(d, s, d.own({ kind: 'tool', id, messageId: run.messageId }));
  return call;
}

/** `tool_use`: starts a call, or updates a known one without moving its status back. */
export function reduceToolUse(d: Draft, s: AgentState, run: RunState, data: ToolUseData, at: number | null): void {
  const known = s.toolCalls.byId[data.toolUseId];
  const base = known ?? createToolCall(d, s, run, data.toolUseId, data.toolName, at);
  settleToolCall(d, s, {
    ...base,
    name: data.toolName || base.name,
    inputSummary: data.inputSummary || base.inputSummary,
    status: RANK[base.status] < RANK.running ? 'running' : base.status,
    raw: withExtras(base.raw, data, TOOL_USE_KEYS),
  });
}

/**
 * `tool_result`: settles a call, creating it when its `tool_use` never came (arrival order is not
 * guaranteed across adapters). A call already settled keeps its outcome: a replayed result is a no-op.
 */
export function reduceToolResult(d: Draft, s: AgentState, run: RunState, data: ToolResultData, at: number | null): void {
  const known = s.toolCalls.byId[data.toolUseId];
  const base = known ?? createToolCall(d, s, run, data.toolUseId, data.toolName, at);
  if (RANK[base.status] >= RANK.done) return;
  const failed = data.status === 'error';
  const measured = at !== null && base.startedAt !== null ? at - base.startedAt : null;
  settleToolCall(d, s, {
    ...base,
    name: base.name || data.toolName,
    outputSummary: data.outputSummary,
    errorText: failed ? data.outputSummary : null,
    status: failed ? 'error' : 'done',
    // The sender's positive figure is the tool's own time; otherwise the client saw the interval.
    durationMs: data.durationMs !== null && data.durationMs > 0 ? data.durationMs : (measured ?? data.durationMs),
    endedAt: at,
    raw: withExtras(base.raw, data, TOOL_RESULT_KEYS),
  });
}
