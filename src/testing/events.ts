import type { AgentEventOf, ProgressData } from '../core/protocol';

/**
 * Builders of decoded native events for scripts, in the reference emitter's argument order.
 *
 * @example
 * mockAgentStream([toolUse('search', 'tu_1', 'q=cats'), toolResult('search', 'tu_1', '3 hits', 120), token('Done.')]);
 */

/** A `token` event. */
export const token = (text: string): AgentEventOf<'token'> => ({ type: 'token', data: { text } });

/** A `thinking` event. */
export const thinking = (text: string): AgentEventOf<'thinking'> => ({ type: 'thinking', data: { text } });

/** A `tool_use` event: the call starts running. */
export const toolUse = (toolName: string, toolUseId: string, inputSummary = ''): AgentEventOf<'tool_use'> => ({
  type: 'tool_use',
  data: { toolName, toolUseId, inputSummary, status: 'running' },
});

/** A `tool_result` event: the call settles, `done` unless `status` says `error`. */
export const toolResult = (
  toolName: string,
  toolUseId: string,
  outputSummary = '',
  durationMs = 0,
  status: 'done' | 'error' = 'done',
): AgentEventOf<'tool_result'> => ({ type: 'tool_result', data: { toolName, toolUseId, outputSummary, durationMs, status } });

/** A `progress` event. */
export const progress = (data: ProgressData): AgentEventOf<'progress'> => ({ type: 'progress', data });
