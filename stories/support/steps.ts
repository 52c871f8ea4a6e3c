import type { AgentEventOf, DoneData } from '../../src/core/protocol';
import { token } from '../../src/testing/events';
import type { ScriptStep } from '../../src/testing';

/**
 * A delay longer than any story is looked at (setTimeout's largest): the stream stays open, so the
 * story rests in its streaming state until it unmounts, which aborts the request.
 */
export const HOLD: ScriptStep = { delayMs: 2 ** 31 - 1 };

export { progress, thinking, token, toolResult, toolUse } from '../../src/testing/events';

/** A `usage` event: running totals of the run. */
export const usage = (inputTokens: number, outputTokens: number, totalCostUsd: number): AgentEventOf<'usage'> => ({
  type: 'usage',
  data: { inputTokens, outputTokens, totalCostUsd, model: 'claude-sonnet-4-6' },
});

/** A `done` event; a `null` cost leaves the run's cost unknown. */
export const done = (data: Partial<DoneData> = {}): AgentEventOf<'done'> => ({
  type: 'done',
  data: { messageId: 'msg_story', numTurns: 1, toolCount: 0, durationMs: 1000, model: 'claude-sonnet-4-6', totalCostUsd: null, ...data },
});

/** `text` as one token per word, `delayMs` apart: how an answer streams. */
export function words(text: string, delayMs = 30): ScriptStep[] {
  return (text.match(/\S+\s*/g) ?? []).flatMap((word): ScriptStep[] => [token(word), { delayMs }]);
}

/** Waits up to five seconds: a story's stream starts after msw's worker and the first frame. */
export const WAIT = { timeout: 5000 };
