import { isToolCallLive } from '../../core/reducer-run';
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

/** Four decimals: plenty for a picture, and attributes stay short and stable across renders. */
const round = (fraction: number): number => Math.round(Math.min(1, Math.max(0, fraction)) * 1e4) / 1e4;

/**
 * Places tool calls on their run's span for a Gantt-style picture: each row's `offset` and `width`
 * are fractions of the span from the run's start (its message's `startedAt`, else the earliest call
 * start) to its end (its message's `endedAt`, else `now` while a call runs, else the latest call
 * end). A running call reaches `now`, so its width grows as time passes.
 *
 * When any call has no timestamp (a store without a clock), all are laid end to end in arrival
 * order instead (as if run one after another), each as wide as its share of the known durations;
 * a call of unknown duration counts as the average known one, and when no duration is known every
 * call gets an equal share.
 *
 * @example
 * toolTimelineRows(calls, { start: message.startedAt, end: message.endedAt, now: Date.now() });
 * // [{ call, offset: 0, width: 0.25, durationMs: 500 }, …]
 */
export function toolTimelineRows(calls: readonly ToolCall[], span: ToolTimelineSpan): ToolTimelineRow[] {
  const { now } = span;
  const clocked = calls.every((call) => call.startedAt !== null);
  let known = 0;
  let total = 0;
  for (const { durationMs } of calls) {
    if (durationMs === null) continue;
    known++;
    total += Math.max(0, durationMs);
  }
  const average = total > 0 ? total / known : 1;
  let first = Infinity;
  let last = clocked ? -Infinity : 0;
  // Each call's start and end: on the clock, or end to end by weight.
  const spans = calls.map(({ startedAt, endedAt, durationMs, status }): [number, number | null] => {
    let start = last;
    let end: number | null = start + (durationMs === null || total === 0 ? average : Math.max(0, durationMs));
    if (clocked) {
      start = startedAt as number;
      end = endedAt ?? (isToolCallLive(status) && now !== null ? now : durationMs === null ? null : start + durationMs);
      first = Math.min(first, start);
    }
    last = Math.max(last, start, end ?? start);
    return [start, end];
  });
  const running = calls.some((call) => isToolCallLive(call.status));
  const start = clocked ? (span.start ?? first) : 0;
  const length = (clocked ? Math.max(span.end ?? (running && now !== null ? now : last), last) : last) - start;
  return calls.map((call, i) => {
    const [callStart, callEnd] = spans[i] as [number, number | null];
    const offset = length > 0 ? round((callStart - start) / length) : 0;
    const width = length > 0 && callEnd !== null ? Math.min(round((callEnd - callStart) / length), round(1 - offset)) : 0;
    const measured = clocked && callEnd !== null ? callEnd - callStart : null;
    return { call, offset, width, durationMs: clocked && isToolCallLive(call.status) ? measured : (call.durationMs ?? measured) };
  });
}
