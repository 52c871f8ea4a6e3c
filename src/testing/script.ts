import type { AgentEvent } from '../core/protocol';

/** Waits this many milliseconds (scaled by the `speed` option) before the next step. */
export interface DelayStep {
  delayMs: number;
}

/** Sends an SSE comment (`: text`), as a server's heartbeat; clients ignore it. */
export interface CommentStep {
  comment: string;
}

/** Sends these characters exactly as given, for hand-made frames (malformed JSON, `retry:` lines). */
export interface RawStep {
  raw: string;
}

/** One step of a script: an event (decoded form, encoded with the production encoder), a delay, a comment or raw text. */
export type ScriptStep = AgentEvent | DelayStep | CommentStep | RawStep;

/**
 * What a mocked stream sends, in order.
 *
 * @example
 * const script: AgentStreamScript = [
 *   { type: 'token', data: { text: 'Hello' } },
 *   { delayMs: 50 },
 *   { type: 'done', data: { messageId: 'msg_1', numTurns: 1, toolCount: 0, durationMs: 50, model: 'demo', totalCostUsd: 0 } },
 * ];
 */
export type AgentStreamScript = readonly ScriptStep[];

/** True when a step is an event rather than a delay, comment or raw text. */
export function isEventStep(step: ScriptStep): step is AgentEvent {
  return 'type' in step;
}

/**
 * The events of a script without its delays, comments and raw steps: what a client applies.
 *
 * @example
 * expect(state.toolCalls.ids).toHaveLength(scriptEvents(script).filter((e) => e.type === 'tool_use').length);
 */
export function scriptEvents(script: AgentStreamScript): AgentEvent[] {
  return script.filter(isEventStep);
}
