import type { ToolCall } from '../../core/state';

/** The stretch of time a timeline covers, on the store's clock (ms). */
export interface ToolTimelineSpan {
  /** When the run began (its message's `startedAt`); `null` for the earliest call start. */
  start: number | null;
  /** When the run ended (its message's `endedAt`); `null` while it runs or when unknown. */
  end: number | null;
  /** The current time, for a run still going; `null` when not known (e.g. while server-rendering). */
  now: number | null;
}

/** One tool call placed on the run's span. */
export interface ToolTimelineRow {
  /** The tool call. */
  call: ToolCall;
  /** Where the call starts, as a fraction of the span (0 to 1). */
  offset: number;
  /** How long the call lasts (so far, for a running call), as a fraction of the span (0 to 1). */
  width: number;
  /** The call's duration in ms (growing while it runs), or `null` when unknown. */
  durationMs: number | null;
}

const LIVE: ReadonlySet<ToolCall['status']> = new Set(['streaming-args', 'running']);

/** Four decimals: plenty for a picture, and attributes stay short and stable across renders. */
const round = (fraction: number): number => Math.round(Math.min(1, Math.max(0, fraction)) * 1e4) / 1e4;

function endOf(call: ToolCall, now: number | null): number | null {
  if (call.endedAt !== null) return call.endedAt;
  if (LIVE.has(call.status) && now !== null) return now;
  if (call.startedAt !== null && call.durationMs !== null) return call.startedAt + call.durationMs;
  return null;
}

function clocked(calls: readonly ToolCall[], span: ToolTimelineSpan): ToolTimelineRow[] {
  let first = Infinity;
  let last = -Infinity;
  for (const call of calls) {
    const start = call.startedAt as number;
    first = Math.min(first, start);
    last = Math.max(last, start, endOf(call, span.now) ?? start);
  }
  const start = span.start ?? first;
  const running = calls.some((call) => LIVE.has(call.status));
  const end = Math.max(span.end ?? (running && span.now !== null ? span.now : last), last);
  const length = end - start;
  return calls.map((call) => {
    const callStart = call.startedAt as number;
    const callEnd = endOf(call, span.now);
    const offset = length > 0 ? round((callStart - start) / length) : 0;
    const width = length > 0 && callEnd !== null ? Math.min(round((callEnd - callStart) / length), round(1 - offset)) : 0;
    const measured = callEnd === null ? null : callEnd - callStart;
    return { call, offset, width, durationMs: LIVE.has(call.status) ? measured : (call.durationMs ?? measured) };
  });
}

/**
 * Without a clock, calls are laid end to end in arrival order (as if run one after another), each
 * as wide as its share of the known durations; a call of unknown duration counts as the average
 * known one, and when no duration is known every call gets an equal share.
 */
function sequential(calls: readonly ToolCall[]): ToolTimelineRow[] {
  let known = 0;
  let total = 0;
  for (const call of calls) {
    if (call.durationMs === null) continue;
    known++;
    total += Math.max(0, call.durationMs);
  }
  const fallback = known > 0 && total > 0 ? total / known : 1;
  const weights = calls.map((call) => (call.durationMs === null || total === 0 ? fallback : Math.max(0, call.durationMs)));
  const sum = weights.reduce((a, b) => a + b, 0);
  let at = 0;
  return calls.map((call, i) => {
    const weight = weights[i] as number;
    const row = { call, offset: sum > 0 ? round(at / sum) : 0, width: sum > 0 ? round(weight / sum) : 0, durationMs: call.durationMs };
    at += weight;
    return row;
  });
}

/**
 * Places tool calls on their run's span for a Gantt-style picture: each row's `offset` and `width`
 * are fractions of the span from the run's start (its message's `startedAt`, else the earliest call
 * start) to its end (its message's `endedAt`, else `now` while a call runs, else the latest call
 * end). A running call reaches `now`, so its width grows as time passes. When any call has no
 * timestamp (a store without a clock), all are laid end to end by their durations instead.
 *
 * @example
 * toolTimelineRows(calls, { start: message.startedAt, end: message.endedAt, now: Date.now() });
 * // [{ call, offset: 0, width: 0.25, durationMs: 500 }, …]
 */
export function toolTimelineRows(calls: readonly ToolCall[], span: ToolTimelineSpan): ToolTimelineRow[] {
  if (calls.length === 0) return [];
  return calls.every((call) => call.startedAt !== null) ? clocked(calls, span) : sequential(calls);
}
